package org.seqlab.kernel;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.seqlab.display.Mime;

/**
 * Draws the kernel's 64x64 logo for Jupyter's launcher: a sequence of dots on a sine wave over a teal square.
 * Shapes only, no text, so it draws on machines without fonts.
 */
final class Logo {
    private static final int SIZE = 64;
    private static final int STEPS = 6;

    private Logo() {}

    /** Writes the logo as a PNG file. */
    static void write(Path file) throws IOException {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(0x00, 0x7c, 0x89));
            g.fillRoundRect(0, 0, SIZE, SIZE, 14, 14);
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            Path2D wave = new Path2D.Double();
            for (int x = 8; x <= SIZE - 8; x++) {
                double y = SIZE / 2.0 - 14 * Math.sin((x - 8) * 2 * Math.PI / (SIZE - 16));
                if (x == 8) {
                    wave.moveTo(x, y);
                } else {
                    wave.lineTo(x, y);
                }
            }
            g.draw(wave);
            for (int t = 0; t < STEPS; t++) {
                double x = 8 + t * (SIZE - 16) / (STEPS - 1.0);
                double y = SIZE / 2.0 - 14 * Math.sin((x - 8) * 2 * Math.PI / (SIZE - 16));
                g.fillOval((int) Math.round(x - 4), (int) Math.round(y - 4), 8, 8);
            }
        } finally {
            g.dispose();
        }
        Files.write(file, Mime.png(image));
    }
}
