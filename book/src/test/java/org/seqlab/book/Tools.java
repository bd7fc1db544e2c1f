package org.seqlab.book;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the browser tests share: where the repository and the build are, and running the project's commands. */
final class Tools {
    /** Debian's Python, the one with nbconvert, nbclient and the Notebook server. */
    static final String PYTHON = "/usr/bin/python3";
    static final String JUPYTER = "/usr/bin/jupyter";

    private Tools() {}

    /** The repository's root (the parent of {@code book/}). */
    static Path root() {
        return Path.of(System.getProperty("seqlab.root", "..")).toAbsolutePath().normalize();
    }

    /** This module's {@code target/}: screenshots and built sites go there, as CI artefacts. */
    static Path target() {
        return Path.of(System.getProperty("seqlab.target", "target")).toAbsolutePath().normalize();
    }

    /** The exit status and merged output of a finished command. */
    record Result(int status, String output) {
        Result orFail(String what) {
            if (status != 0) {
                throw new AssertionError(what + " failed (exit " + status + "):\n" + tail(output));
            }
            return this;
        }
    }

    /** Runs a command in {@code dir} with extra environment variables ({@code null} removes one). */
    static Result run(List<String> command, Path dir, Map<String, String> env, Duration timeout) {
        try {
            Path log = Files.createTempFile("seqlab-book-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            env.forEach((k, v) -> {
                if (v == null) {
                    builder.environment().remove(k);
                } else {
                    builder.environment().put(k, v);
                }
            });
            Process process = builder.start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            return new Result(finished ? process.exitValue() : -1, finished ? output : "timed out after " + timeout + ":\n" + output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    /** Runs one of the book's Python builders ({@code book/python/NAME}) with its arguments. */
    static Result python(String script, String... args) {
        List<String> command = new ArrayList<>(List.of(PYTHON, root().resolve("book/python").resolve(script).toString()));
        command.addAll(List.of(args));
        return run(command, root(), Map.of(), Duration.ofMinutes(5));
    }

    /** reveal.js as {@code ./course test} passes it ({@code -Dseqlab.reveal}), else fetched by the project's script. */
    static Path reveal() {
        String given = System.getProperty("seqlab.reveal", "");
        if (!given.isBlank() && !given.startsWith("${")) {
            return Path.of(given);
        }
        Result fetched = run(List.of(root().resolve("book/fetch-reveal.sh").toString()), root(), Map.of(),
                Duration.ofMinutes(3)).orFail("book/fetch-reveal.sh");
        String[] lines = fetched.output().strip().split("\n");
        return Path.of(lines[lines.length - 1].strip());
    }

    /**
     * The course kernel installed with {@code --prefix}, from {@code kernel/target/dist}: the kernel module's
     * integration tests install it in {@code kernel/target/jupyter} earlier in the same build, and that one is
     * used; otherwise (this module's tests run alone) it is installed under this module's target. Returns the
     * {@code share/jupyter} folder for {@code JUPYTER_PATH}.
     */
    static synchronized Path kernel() {
        Path dist = root().resolve("kernel/target/dist/lib");
        Path kernels = root().resolve("kernel/target/jupyter/share/jupyter");
        if (Files.exists(kernels.resolve("kernels/seqlab/kernel.json"))) {
            return kernels;
        }
        Path prefix = target().resolve("jupyter");
        Path share = prefix.resolve("share/jupyter");
        if (Files.exists(share.resolve("kernels/seqlab/kernel.json"))) {
            return share;
        }
        if (!Files.isDirectory(dist)) {
            throw new IllegalStateException("no kernel build in " + dist + "; run mvn -B package first");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        run(List.of(java, "-cp", dist.resolve("*").toString(), "org.seqlab.kernel.Installer", "install",
                "--prefix", prefix.toString(), "--replace"), root(), Map.of(), Duration.ofMinutes(15))
                .orFail("installing the course kernel");
        return share;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends a process and everything it started. */
    static void stop(Process process) {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String tail(String text) {
        return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
    }
}
