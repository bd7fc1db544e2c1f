package org.seqlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** Checks shared by the view tests: an image has the expected size and is not blank. */
final class Pixels {
    private Pixels() {}

    /** Where tests leave their PNGs for a look by eye. */
    static final Path OUT = Path.of(System.getProperty("java.io.tmpdir"), "seqlab-plot");

    static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    /** The fraction of pixels that differ from the top-left (background) pixel. */
    static double inked(BufferedImage image) {
        int background = image.getRGB(0, 0);
        long ink = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (image.getRGB(x, y) != background) ink++;
            }
        }
        return ink / (double) (image.getWidth() * image.getHeight());
    }

    /** Asserts the size and that the image has several colours and a fair amount of ink; saves it under OUT. */
    static BufferedImage check(View view, int width, int height, String file) {
        BufferedImage image = view.toImage();
        assertEquals(width, image.getWidth(), "width");
        assertEquals(height, image.getHeight(), "height");
        assertTrue(distinctColours(image) >= 8, "expected several colours but found " + distinctColours(image));
        assertTrue(inked(image) > 0.02, "expected drawing on the background but only " + inked(image) + " inked");
        view.save(OUT.resolve(file));
        return image;
    }
}
