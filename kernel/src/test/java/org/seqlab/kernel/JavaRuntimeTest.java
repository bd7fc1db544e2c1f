package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaRuntimeTest {
    @Test
    void theFeatureReleaseIsReadFromEveryVersionFormat() {
        assertEquals(17, JavaRuntime.parseFeature("openjdk version \"17.0.19\" 2026-04-21\nOpenJDK Runtime Environment"));
        assertEquals(25, JavaRuntime.parseFeature("openjdk version \"25.0.3\" 2026-04-21 LTS"));
        assertEquals(21, JavaRuntime.parseFeature("openjdk version \"21\" 2023-09-19"));
        assertEquals(8, JavaRuntime.parseFeature("java version \"1.8.0_402\""));
        assertThrows(IllegalArgumentException.class, () -> JavaRuntime.parseFeature("bash: java: not found"));
    }

    @Test
    void thisJvmIsKnownWithoutStartingAProcess() {
        assertEquals(Runtime.version().feature(), JavaRuntime.feature(JavaRuntime.current()));
    }

    @Test
    void aJavaOlderThanSeventeenIsRefusedWithItsVersion(@TempDir Path dir) throws Exception {
        Path fake = dir.resolve("bin/java");
        Files.createDirectories(fake.getParent());
        Files.writeString(fake, "#!/bin/sh\necho 'openjdk version \"11.0.2\" 2019-01-15' >&2\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JavaRuntime.executable(dir.toString()));
        assertEquals("--java " + dir + " is Java 11; the kernel needs Java 17 or newer", e.getMessage());
    }
}
