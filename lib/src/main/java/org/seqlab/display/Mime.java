package org.seqlab.display;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/** Builds MIME bundles for {@link Displayable}: PNG encoding and HTML escaping in one place. */
public final class Mime {
    private Mime() {}

    /** The PNG bytes of an image. */
    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A bundle with the image as base64 PNG and a one-line text fallback. */
    public static Map<String, String> image(BufferedImage image, String plain) {
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("image/png", Base64.getEncoder().encodeToString(png(image)));
        bundle.put("text/plain", plain);
        return bundle;
    }

    /** A bundle with HTML and a text fallback. */
    public static Map<String, String> html(String html, String plain) {
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/html", html);
        bundle.put("text/plain", plain);
        return bundle;
    }

    /** Escapes text for HTML element content and attribute values. */
    public static String escapeHtml(String text) {
        StringBuilder s = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '&' -> s.append("&amp;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> s.append(c);
            }
        }
        return s.toString();
    }
}
