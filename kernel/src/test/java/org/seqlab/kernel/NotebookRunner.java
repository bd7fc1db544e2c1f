package org.seqlab.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Executes a notebook with Jupyter's own executor ({@code jupyter nbconvert --execute}, which drives
 * nbclient) through the installed {@code seqlab} kernel, as a learner's Jupyter would.
 */
final class NotebookRunner {
    /** Debian's Jupyter; another python3 earlier on PATH may lack its modules. */
    static final String JUPYTER = "/usr/bin/jupyter";

    private final Map<String, String> environment;
    private final Path outputDir;
    private final int cellTimeoutSeconds;

    /**
     * @param environment extra variables for Jupyter (e.g. {@code JUPYTER_PATH} to find a kernel installed
     *     with {@code --prefix})
     * @param outputDir where executed copies and logs go
     * @param cellTimeoutSeconds how long one cell may run before Jupyter gives up on it
     */
    NotebookRunner(Map<String, String> environment, Path outputDir, int cellTimeoutSeconds) {
        this.environment = environment;
        this.outputDir = outputDir;
        this.cellTimeoutSeconds = cellTimeoutSeconds;
    }

    /**
     * A kernel that could not bind the ports Jupyter chose for it: Jupyter picks free ports by binding and
     * releasing them, so two Jupyter processes starting kernels at once (the notebooks run two at a time) can
     * pick the same port. Nothing of the notebook ran; it is started again, at most twice.
     */
    static final String PORT_TAKEN = "Address already in use";

    /** Executes {@code notebook} (cwd: its folder) and returns the executed copy's path. */
    Path execute(Path notebook) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return executeOnce(notebook);
            } catch (KernelStartRace e) {
                if (attempt == 3) throw new AssertionError(e.getMessage());
                System.err.println(e.getMessage().lines().findFirst().orElse("") + ": starting it again");
            }
        }
    }

    private static final class KernelStartRace extends Exception {
        KernelStartRace(String message) {
            super(message);
        }
    }

    private Path executeOnce(Path notebook) throws IOException, InterruptedException, KernelStartRace {
        Files.createDirectories(outputDir);
        String name = notebook.getFileName().toString();
        Path log = outputDir.resolve(name.replace(".ipynb", ".log"));
        ProcessBuilder pb = new ProcessBuilder(List.of(
                JUPYTER, "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.kernel_name=seqlab",
                // Run every cell even after an error, so one run reports every failing cell by name.
                "--allow-errors",
                "--ExecutePreprocessor.timeout=" + cellTimeoutSeconds,
                "--output-dir", outputDir.toAbsolutePath().toString(),
                "--output", name,
                notebook.toAbsolutePath().toString()))
                .directory(notebook.toAbsolutePath().getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(environment);
        Process p = pb.start();
        // A generous bound so a hung kernel fails the test instead of the CI run.
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(name + ": Jupyter did not finish in 30 minutes; log: " + log);
        }
        Path executed = outputDir.resolve(name);
        if (p.exitValue() != 0 || !Files.exists(executed)) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            String message = name + ": jupyter nbconvert failed (exit " + p.exitValue() + "):\n" + tail(text);
            if (text.contains(PORT_TAKEN) && !Files.exists(executed)) {
                Files.move(log, outputDir.resolve(name.replace(".ipynb", ".port-taken.log")),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                throw new KernelStartRace(message);
            }
            // A cell timeout or a dead kernel: the log names the cell.
            throw new AssertionError(message);
        }
        return executed;
    }

    private static String tail(String log) {
        return log.length() <= 6000 ? log : "..." + log.substring(log.length() - 6000);
    }
}
