package org.seqlab.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The course kernel installed for integration tests, for any {@code *IT} that starts Jupyter processes
 * (the protocol checks, the notebook harness).
 *
 * <p>{@link #installed()} runs the real installer from {@code kernel/target/dist} (built by {@code package})
 * once per test JVM, into {@code kernel/target/jupyter} with {@code --prefix}, and returns what a
 * subprocess needs to find it: {@code JUPYTER_PATH}. Typical use:
 *
 * <pre>{@code
 *   ProcessBuilder jupyter = new ProcessBuilder(KernelFixture.PYTHON, "-m", "nbconvert", "--execute", ...);
 *   KernelFixture.installed().applyTo(jupyter);
 * }</pre>
 */
public final class KernelFixture {
    /** Debian's Python, the one with jupyter_client, nbclient and nbconvert. */
    public static final String PYTHON = "/usr/bin/python3";

    /**
     * The system property naming the {@code java} the installed kernel runs on (the JDK matrix of
     * {@code ./course test}); the test JVM's own when unset.
     */
    public static final String KERNEL_JAVA = "seqlab.kernel.java";

    private static Installation installation;

    private KernelFixture() {}

    /**
     * A kernel installed with {@code --prefix}.
     *
     * @param prefix    the install prefix ({@code kernel/target/jupyter})
     * @param kernelDir the kernelspec folder ({@code PREFIX/share/jupyter/kernels/seqlab})
     * @param env       variables to add to a Jupyter subprocess's environment ({@code JUPYTER_PATH}, ...)
     */
    public record Installation(Path prefix, Path kernelDir, Map<String, String> env) {
        /** The kernelspec name to ask Jupyter for. */
        public String kernelName() {
            return KernelSpec.NAME;
        }

        /** Adds {@link #env()} to a process builder's environment; returns it for chaining. */
        public ProcessBuilder applyTo(ProcessBuilder process) {
            process.environment().putAll(env);
            return process;
        }
    }

    /** Installs the kernel the first time it is called in this JVM (replacing an older install); idempotent. */
    public static synchronized Installation installed() {
        if (installation == null) {
            Path dist = Path.of(System.getProperty("seqlab.kernel.dist", "target/dist")).toAbsolutePath();
            Path prefix = Path.of(System.getProperty("seqlab.kernel.jupyter", "target/jupyter")).toAbsolutePath();
            if (!Files.isDirectory(dist.resolve("lib"))) {
                throw new IllegalStateException("no kernel build in " + dist + "; run mvn -B package (or verify) first");
            }
            List<String> install = new java.util.ArrayList<>(List.of(java(), "-cp", dist.resolve("lib").resolve("*").toString(),
                    Installer.class.getName(), "install", "--prefix", prefix.toString(), "--replace"));
            String kernelJava = System.getProperty(KERNEL_JAVA, "");
            if (!kernelJava.isBlank()) {
                install.addAll(List.of("--java", kernelJava));
            }
            Result result = run(install, Map.of(), Duration.ofMinutes(10));
            if (result.status() != 0) {
                throw new IllegalStateException("the kernel installer failed (" + result.status() + "): " + result.output());
            }
            Map<String, String> env = new LinkedHashMap<>();
            env.put("JUPYTER_PATH", prefix.resolve("share").resolve("jupyter").toString());
            // Debian's Python 3.11 debugger warns about frozen modules on every Jupyter start otherwise.
            env.put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
            installation = new Installation(prefix, prefix.resolve("share/jupyter/kernels").resolve(KernelSpec.NAME),
                    Map.copyOf(env));
        }
        return installation;
    }

    /** The exit status and the merged standard output and error of a finished process. */
    public record Result(int status, String output) {}

    /** Runs a command with extra environment variables, killing it after {@code timeout}. */
    public static Result run(List<String> command, Map<String, String> env, Duration timeout) {
        try {
            Path log = Files.createTempFile("seqlab-kernel-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
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
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** The {@code java} executable of this JVM. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
