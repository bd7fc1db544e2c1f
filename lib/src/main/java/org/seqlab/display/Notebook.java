package org.seqlab.display;

import java.awt.image.BufferedImage;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.UUID;

/**
 * Shows views in the running notebook, and updates them in place, without a compile-time dependency on a
 * kernel.
 *
 * <p>Inside IJava (the course kernel or a stock install) {@link #show} sends a {@code display_data} message
 * with a display id and {@link Handle#update} sends {@code update_display_data} for the same id, so a chart
 * redraws where it stands. Outside a kernel (plain Java, tests) both print the view's text form to standard
 * output, so a training loop can call them unconditionally.
 */
public final class Notebook {
    private static final String KERNEL = "io.github.spencerpark.ijava.runtime.Kernel";
    private static final String DISPLAY_DATA = "io.github.spencerpark.jupyter.kernel.display.DisplayData";
    /** The public type that declares {@code display} and {@code getIO}; a kernel's own class may be hidden. */
    private static final String BASE_KERNEL = "io.github.spencerpark.jupyter.kernel.BaseKernel";

    private Notebook() {}

    /** A shown view that can be replaced in place. */
    public interface Handle {
        /** Replaces the shown view with {@code view} (same kinds as {@link Notebook#show}). */
        void update(Object view);
    }

    /** True when running inside an IJava kernel, so views appear in the notebook rather than on the console. */
    public static boolean inKernel() {
        return kernel() != null;
    }

    /**
     * Shows a view: a {@link Displayable}, a {@link BufferedImage}, or any object (its {@code toString()}).
     *
     * @return a handle whose {@link Handle#update} redraws the view in place
     */
    public static Handle show(Object view) {
        Object kernel = kernel();
        if (kernel == null) {
            System.out.println(bundle(view).get("text/plain"));
            return v -> System.out.println(bundle(v).get("text/plain"));
        }
        String id = UUID.randomUUID().toString();
        try {
            Object data = displayData(bundle(view), id);
            baseKernel().getMethod("display", data.getClass()).invoke(kernel, data);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot display through the IJava kernel: " + e, e);
        }
        return v -> update(id, v);
    }

    private static void update(String id, Object view) {
        Object kernel = kernel();
        if (kernel == null) {
            System.out.println(bundle(view).get("text/plain"));
            return;
        }
        try {
            Object data = displayData(bundle(view), id);
            Object io = baseKernel().getMethod("getIO").invoke(kernel);
            Object display = io.getClass().getField("display").get(io);
            display.getClass().getMethod("updateDisplay", String.class, data.getClass()).invoke(display, id, data);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot update a display through the IJava kernel: " + e, e);
        }
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

    private static Object displayData(Map<String, String> bundle, String id) throws ReflectiveOperationException {
        Class<?> type = Class.forName(DISPLAY_DATA, true, kernelLoader());
        Object data = type.getConstructor().newInstance();
        Method put = type.getMethod("putData", String.class, Object.class);
        for (Map.Entry<String, String> e : bundle.entrySet()) {
            put.invoke(data, e.getKey(), e.getValue());
        }
        type.getMethod("setDisplayId", String.class).invoke(data, id);
        return data;
    }

    private static Class<?> baseKernel() throws ClassNotFoundException {
        return Class.forName(BASE_KERNEL, true, kernelLoader());
    }

    private static Object kernel() {
        try {
            Class<?> k = Class.forName(KERNEL, true, kernelLoader());
            return k.getMethod("getKernelInstance").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    private static ClassLoader kernelLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : Notebook.class.getClassLoader();
    }
}
