package org.seqlab.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * For the benchmarks: a copy of a class rewritten as the course kernel rewrites a cell's classes
 * ({@link CellWeaver}), defined in a class loader of its own together with the stop hook, whose polls stay calm.
 * Lives in the kernel's package, in the bench module, to reach the package-private weaver.
 */
public final class WovenCopy {
    private WovenCopy() {}

    /** The woven copy of {@code original} (a top-level class without nested classes). */
    public static Class<?> of(Class<?> original) {
        String resource = original.getName().replace('.', '/') + ".class";
        byte[] bytes;
        try (InputStream in = original.getClassLoader().getResourceAsStream(resource)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] woven = CellWeaver.weave(bytes);
        byte[] hook = CellWeaver.hookClass();
        ClassLoader loader = new ClassLoader(original.getClassLoader()) {
            {
                defineClass(CellWeaver.HOOK_NAME, hook, 0, hook.length);
                defineClass(original.getName(), woven, 0, woven.length);
            }
        };
        try {
            return loader.loadClass(original.getName());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
