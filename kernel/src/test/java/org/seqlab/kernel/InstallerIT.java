package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installer's command line, run from the packaged jars as {@code ./course kernel install} runs it. */
class InstallerIT {
    @TempDir
    Path prefix;

    private static KernelFixture.Result installer(String... args) {
        Path lib = Path.of(System.getProperty("seqlab.kernel.dist", "target/dist"), "lib").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(KernelFixture.java(), "-cp", lib.resolve("*").toString(),
                Installer.class.getName()));
        command.addAll(List.of(args));
        if (args[0].equals("install") && !kernelJava().isBlank()) {
            command.addAll(List.of("--java", kernelJava()));
        }
        return KernelFixture.run(command, Map.of(), Duration.ofMinutes(10));
    }

    private static String kernelJava() {
        return System.getProperty(KernelFixture.KERNEL_JAVA, "");
    }

    @Test
    void installReplaceAndRemoveReportWhereTheyWroteAndRefuseToOverwriteSilently() throws Exception {
        Path kernel = prefix.resolve("share/jupyter/kernels/seqlab");

        KernelFixture.Result first = installer("install", "--prefix", prefix.toString(), "--omp-threads", "2");
        assertEquals(0, first.status(), first.output());
        assertTrue(first.output().contains(kernel.toString()), first.output());
        String json = Files.readString(kernel.resolve("kernel.json"));
        assertTrue(json.contains("\"OMP_NUM_THREADS\": \"2\""), json);
        // Java 25 and later get an ahead-of-time cache, earlier ones a class-data sharing archive.
        boolean aot = JavaRuntime.feature(kernelJava().isBlank() ? JavaRuntime.current() : Path.of(kernelJava()))
                >= ClassDataArchive.AOT_FROM;
        Path archive = kernel.resolve(aot ? ClassDataArchive.AOT_FILE : ClassDataArchive.FILE);
        assertTrue(json.contains((aot ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + archive), json);
        assertTrue(Files.size(archive) > 1_000_000, "the class-data archive is missing");

        KernelFixture.Result again = installer("install", "--prefix", prefix.toString());
        assertEquals(1, again.status(), again.output());
        assertTrue(again.output().contains("--replace"), again.output());

        KernelFixture.Result replaced = installer("install", "--prefix", prefix.toString(), "--replace", "--no-cds");
        assertEquals(0, replaced.status(), replaced.output());
        assertFalse(Files.exists(kernel.resolve(ClassDataArchive.FILE)) || Files.exists(kernel.resolve(ClassDataArchive.AOT_FILE)));

        KernelFixture.Result removed = installer("remove", "--prefix", prefix.toString());
        assertEquals(0, removed.status(), removed.output());
        assertFalse(Files.exists(kernel));
        assertEquals(1, installer("remove", "--prefix", prefix.toString()).status());
    }

    @Test
    void anUnknownCommandPrintsTheUsageAndFails() {
        KernelFixture.Result result = installer("instal");
        assertEquals(2, result.status());
        assertTrue(result.output().contains("usage:"), result.output());
    }
}
