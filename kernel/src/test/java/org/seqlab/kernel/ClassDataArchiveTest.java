package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive itself is made and used in InstallerIT; here only what needs no training run. */
class ClassDataArchiveTest {
    @Test
    void aJavaWithoutDynamicArchivesIsRefusedWithTheReason(@TempDir Path dir) {
        KernelSpec old = new KernelSpec(Path.of("/jdk11/bin/java"), 11, dir, null, List.of(), dir.resolve("s.jshell"), null, 1, "1g",
                null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ClassDataArchive.create(old, dir));
        assertTrue(e.getMessage().contains("Java 11"));
    }

    @Test
    void aFailedTrainingRunNamesItsLog(@TempDir Path dir) {
        KernelSpec broken = new KernelSpec(Path.of(System.getProperty("java.home"), "bin", "java"), 17, dir.resolve("no-jars"),
                null, List.of(), dir.resolve("s.jshell"), null, 1, "256m", null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ClassDataArchive.create(broken, dir));
        assertTrue(e.getMessage().contains("training.log"), e.getMessage());
    }
}
