package org.seqlab.display;

import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.UUID;

/**
 * Shows views in the running notebook and updates them in place, without a dependency on any kernel.
 *
 * <p>A kernel that wants the library's live views installs its {@link Display} once at start
 * ({@link #install}); the course kernel does. Without one, the library looks for a stock IJava kernel
 * ({@link StockIJava}, the one place that reaches a kernel by reflection), and outside any kernel (plain Java,
 * tests) both {@link #show} and {@link Handle#update} print the view's text form to standard output, so a
 * training loop can call them unconditionally.
 *
 * <pre>
 *   Notebook.Handle h = Notebook.show(chart);     // display_data with a fresh display id
 *   h.update(newerChart);                          // update_display_data: redrawn where it stands
 * </pre>
 */
public final class Notebook {
    private static volatile Display installed;

    private Notebook() {}

    /**
     * What a kernel offers the library: show a MIME bundle under a display id, and replace what is shown under
     * that id. Bundles map MIME types to their data, preferred first: {@code "image/png"} as base64 text,
     * {@code "text/html"} and {@code "text/plain"} as text. Both methods may be called from any thread while a
     * cell runs.
     */
    public interface Display {
        /** Sends {@code bundle} as a new output of the running cell (Jupyter's {@code display_data}). */
        void show(Map<String, String> bundle, String displayId);

        /** Replaces the output shown under {@code displayId} (Jupyter's {@code update_display_data}). */
        void update(Map<String, String> bundle, String displayId);
    }

    /** A shown view that can be replaced in place. */
    public interface Handle {
        /** Replaces the shown view with {@code view} (same kinds as {@link Notebook#show}). */
        void update(Object view);
    }

    /**
     * Installs the kernel's display, which every later {@link #show} uses: a kernel calls this once at start,
     * before the first cell. {@code null} removes it.
     */
    public static void install(Display display) {
        installed = display;
    }

    /** True when views go to a notebook (an installed display or a stock IJava kernel), not to the console. */
    public static boolean inKernel() {
        return display() != null;
    }

    /**
     * Shows a view: a {@link Displayable}, a {@link BufferedImage}, or any object (its {@code toString()}).
     *
     * @return a handle whose {@link Handle#update} redraws the view in place
     */
    public static Handle show(Object view) {
        Display display = display();
        if (display == null) {
            System.out.println(bundle(view).get("text/plain"));
            return v -> System.out.println(bundle(v).get("text/plain"));
        }
        String id = UUID.randomUUID().toString();
        display.show(bundle(view), id);
        return v -> display.update(bundle(v), id);
    }

    /** The MIME bundle for any view object. */
    public static Map<String, String> bundle(Object view) {
        if (view instanceof Displayable d) {
            return d.mimeBundle();
        }
        if (view instanceof BufferedImage image) {
            return Mime.image(image, "<image " + image.getWidth() + "x" + image.getHeight() + ">");
        }
        return Map.of("text/plain", String.valueOf(view));
    }

    /** The installed display, else a stock IJava kernel's, else null. */
    private static Display display() {
        Display d = installed;
        return d != null ? d : StockIJava.display();
    }
}
