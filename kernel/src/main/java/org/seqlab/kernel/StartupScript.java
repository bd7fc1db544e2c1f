package org.seqlab.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;

/**
 * The course start-up script: the imports every notebook starts with, so its first cell can use the library,
 * ND4J, XChart and Tablesaw without set-up.
 *
 * <p>The library's packages are read from its jar when the kernel is installed: JShell rejects an on-demand
 * import of a package without classes, so only packages that exist are imported.
 */
final class StartupScript {
    /** The library's packages the course imports, in the order they are written. */
    static final List<String> LIBRARY_PACKAGES = List.of(
            "org.seqlab", "org.seqlab.nn", "org.seqlab.train", "org.seqlab.data", "org.seqlab.plot",
            "org.seqlab.check", "org.seqlab.models", "org.seqlab.baselines", "org.seqlab.display",
            "org.seqlab.grade");

    /**
     * JShell's own defaults that IJava's start-up leaves out (streams, functional interfaces, files), then
     * single-type imports from the numeric and charting libraries.
     */
    static final List<String> FIXED_IMPORTS = List.of(
            "import java.util.function.*;",
            "import java.util.stream.*;",
            "import java.nio.file.*;",
            "import org.nd4j.linalg.factory.Nd4j;",
            "import org.nd4j.linalg.api.ndarray.INDArray;",
            "import org.nd4j.linalg.api.buffer.DataType;",
            "import org.nd4j.linalg.ops.transforms.Transforms;",
            "import org.nd4j.linalg.indexing.NDArrayIndex;",
            "import org.knowm.xchart.*;",
            "import tech.tablesaw.api.*;");

    private StartupScript() {}

    /** The script for a library whose jar holds classes in {@code presentPackages}. */
    static String text(Set<String> presentPackages) {
        List<String> lines = new ArrayList<>();
        lines.add("// Seqlab course start-up: default imports (written by org.seqlab.kernel.Installer).");
        lines.addAll(FIXED_IMPORTS);
        for (String p : LIBRARY_PACKAGES) {
            if (presentPackages.contains(p)) {
                lines.add("import " + p + ".*;");
            }
        }
        return String.join("\n", lines) + "\n";
    }

    /** The packages holding at least one class in a jar. */
    static Set<String> packagesIn(Path jar) {
        Set<String> packages = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream()
                    .map(e -> e.getName())
                    .filter(n -> n.endsWith(".class") && n.lastIndexOf('/') > 0 && !n.startsWith("META-INF/"))
                    .forEach(n -> packages.add(n.substring(0, n.lastIndexOf('/')).replace('/', '.')));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the library jar " + jar, e);
        }
        return packages;
    }
}
