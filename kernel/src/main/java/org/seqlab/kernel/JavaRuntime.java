package org.seqlab.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code java} executables a kernel can run on: the installer's own, or one named with {@code --java}, and
 * their feature release (17, 21, 25), which decides a few JVM options. The kernel needs Java 17 or newer.
 */
final class JavaRuntime {
    /** The oldest Java the kernel runs on. */
    static final int MINIMUM = 17;

    private static final Pattern VERSION = Pattern.compile("version \"(?:1\\.)?(\\d+)");

    private JavaRuntime() {}

    /** The {@code java} executable of this JVM. */
    static Path current() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toAbsolutePath();
    }

    /**
     * The {@code java} executable that {@code path} names: the executable itself or a JDK or JRE folder holding
     * {@code bin/java}, of Java {@value #MINIMUM} or newer.
     *
     * @throws IllegalArgumentException naming what was given and what is needed
     */
    static Path executable(String path) {
        Path given = Path.of(path).toAbsolutePath();
        Path java = Files.isDirectory(given) ? given.resolve("bin").resolve("java") : given;
        if (!Files.isRegularFile(java) || !Files.isExecutable(java)) {
            throw new IllegalArgumentException("--java must name a java executable or a JDK folder, but " + path
                    + " is " + (Files.exists(given) ? "neither" : "missing"));
        }
        int feature = feature(java);
        if (feature < MINIMUM) {
            throw new IllegalArgumentException("--java " + path + " is Java " + feature + "; the kernel needs Java "
                    + MINIMUM + " or newer");
        }
        return java;
    }

    /** The feature release of a {@code java} executable; this JVM's own without starting a process. */
    static int feature(Path java) {
        try {
            if (Files.isSameFile(java, current())) return Runtime.version().feature();
        } catch (IOException e) {
            // Not this JVM: ask the executable.
        }
        try {
            Process process = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
            return parseFeature(output);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot run " + java + " -version: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException("interrupted while running " + java + " -version", e);
        }
    }

    /** The feature release in {@code java -version}'s output ({@code version "25.0.3"} is 25, {@code "1.8.0"} 8). */
    static int parseFeature(String versionOutput) {
        Matcher m = VERSION.matcher(versionOutput);
        if (!m.find()) {
            throw new IllegalArgumentException("cannot read a Java version from: " + versionOutput.strip());
        }
        return Integer.parseInt(m.group(1));
    }
}
