package org.seqlab.display;

import java.util.Map;

/**
 * An object that offers its own rich view in a notebook, without the library depending on any kernel.
 *
 * <p>The course kernel renders every {@code Displayable} by itself when a cell's value is one. On a stock
 * IJava or JJava, call {@code display(x.toImage())} for image views, or {@code display(x.mimeBundle())}'s
 * HTML through IJava's own {@code render} helpers.
 */
public interface Displayable {
    /**
     * The views of this object keyed by MIME type, preferred first: {@code "image/png"} as base64 text,
     * {@code "text/html"} and {@code "text/plain"} as text. Always contains {@code "text/plain"}.
     */
    Map<String, String> mimeBundle();
}
