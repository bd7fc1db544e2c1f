package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupScriptTest {
    @TempDir
    Path dir;

    /** A jar holding empty entries with the given names. */
    static Path jar(Path file, String... entries) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file))) {
            for (String e : entries) {
                out.putNextEntry(new JarEntry(e));
                out.closeEntry();
            }
        }
        return file;
    }

    @Test
    void importsOnlyTheLibraryPackagesThatHoldClasses() {
        String script = StartupScript.text(Set.of("org.seqlab", "org.seqlab.nn"));
        assertTrue(script.contains("import org.seqlab.*;"));
        assertTrue(script.contains("import org.seqlab.nn.*;"));
        assertFalse(script.contains("import org.seqlab.plot.*;"));
    }

    @Test
    void importsNd4jXChartAndTablesawAlways() {
        String script = StartupScript.text(Set.of());
        assertTrue(script.contains("import java.util.stream.*;"), "JShell users expect streams without an import");
        assertTrue(script.contains("import org.nd4j.linalg.factory.Nd4j;"));
        assertTrue(script.contains("import org.nd4j.linalg.api.ndarray.INDArray;"));
        assertTrue(script.contains("import org.nd4j.linalg.api.buffer.DataType;"));
        assertTrue(script.contains("import org.nd4j.linalg.ops.transforms.Transforms;"));
        assertTrue(script.contains("import org.knowm.xchart.*;"));
        assertTrue(script.contains("import tech.tablesaw.api.*;"));
    }

    @Test
    void packagesAreReadFromTheClassEntriesOfAJar() throws IOException {
        Path jar = jar(dir.resolve("lib.jar"), "META-INF/MANIFEST.MF", "org/seqlab/Shapes.class",
                "org/seqlab/nn/Parameter.class", "org/seqlab/data/", "org/seqlab/data/readme.txt");
        assertEquals(Set.of("org.seqlab", "org.seqlab.nn"), StartupScript.packagesIn(jar));
    }
}
