package org.seqlab.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.seqlab.display.Displayable;
import org.seqlab.display.Mime;

/**
 * A view that draws itself as an image: shown by the course kernel as the cell's value, or on any IJava with
 * {@code display(view.toImage())}.
 */
public interface View extends Displayable {
    /** The view drawn as an image, at its own size. */
    BufferedImage toImage();

    /** A one-line text form, for consoles and as the MIME bundle's fallback. */
    String describe();

    /** The PNG image and the text fallback. */
    @Override
    default Map<String, String> mimeBundle() {
        return Mime.image(toImage(), describe());
    }

    /** Writes the view as a PNG file and returns the path. */
    default Path save(Path png) {
        try {
            Path parent = png.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.write(png, Mime.png(toImage()));
            return png;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
