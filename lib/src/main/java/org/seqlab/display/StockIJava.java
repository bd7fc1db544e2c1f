package org.seqlab.display;

import java.lang.reflect.Method;
import java.util.Map;

/**
 * The fallback {@link Notebook.Display} for a stock IJava (or JJava) kernel, which installs none: the one
 * place where the library reaches a kernel through reflection, by IJava 1.3's class and method names, since it
 * cannot depend on a kernel at compile time. The course kernel installs its own display
 * ({@link Notebook#install}) and never comes here.
 */
final class StockIJava implements Notebook.Display {
    private static final String KERNEL = "io.github.spencerpark.ijava.runtime.Kernel";
    private static final String DISPLAY_DATA = "io.github.spencerpark.jupyter.kernel.display.DisplayData";
    /** The public type that declares {@code display} and {@code getIO}; a kernel's own class may be hidden. */
    private static final String BASE_KERNEL = "io.github.spencerpark.jupyter.kernel.BaseKernel";

    private final Object kernel;
    private final ClassLoader loader;

    private StockIJava(Object kernel, ClassLoader loader) {
        this.kernel = kernel;
        this.loader = loader;
    }

    /** The running IJava kernel's display, or null outside one. */
    static Notebook.Display display() {
        ClassLoader loader = loader();
        try {
            Class<?> k = Class.forName(KERNEL, true, loader);
            Object kernel = k.getMethod("getKernelInstance").invoke(null);
            return kernel == null ? null : new StockIJava(kernel, loader);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    @Override
    public void show(Map<String, String> bundle, String displayId) {
        try {
            Object data = displayData(bundle, displayId);
            Class.forName(BASE_KERNEL, true, loader).getMethod("display", data.getClass()).invoke(kernel, data);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot display through the IJava kernel: " + e, e);
        }
    }

    @Override
    public void update(Map<String, String> bundle, String displayId) {
        try {
            Object data = displayData(bundle, displayId);
            Object io = Class.forName(BASE_KERNEL, true, loader).getMethod("getIO").invoke(kernel);
            Object display = io.getClass().getField("display").get(io);
            display.getClass().getMethod("updateDisplay", data.getClass()).invoke(display, data);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot update a display through the IJava kernel: " + e, e);
        }
    }

    private Object displayData(Map<String, String> bundle, String id) throws ReflectiveOperationException {
        Class<?> type = Class.forName(DISPLAY_DATA, true, loader);
        Object data = type.getConstructor().newInstance();
        Method put = type.getMethod("putData", String.class, Object.class);
        for (Map.Entry<String, String> e : bundle.entrySet()) {
            put.invoke(data, e.getKey(), e.getValue());
        }
        type.getMethod("setDisplayId", String.class).invoke(data, id);
        return data;
    }

    private static ClassLoader loader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : StockIJava.class.getClassLoader();
    }
}
