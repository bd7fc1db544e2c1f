package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogoTest {
    @Test
    void theLogoIsA64By64Png(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("logo-64x64.png");
        Logo.write(file);
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(64, image.getWidth());
        assertEquals(64, image.getHeight());
    }
}
