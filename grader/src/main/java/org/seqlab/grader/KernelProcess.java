package org.seqlab.grader;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One course kernel process, started by the grader with its limits and killed by it: the JVM and anything it
 * started go with {@code SIGKILL}, so no {@code System.exit} guard, spinning thread or blocked output can keep it.
 */
final class KernelProcess implements AutoCloseable {
    private final Process process;
    private final JupyterClient client;
    private final Path log;

    private KernelProcess(Process process, JupyterClient client, Path log) {
        this.process = process;
        this.client = client;
        this.log = log;
    }

    /**
     * Starts a kernel in {@code workDir} and waits until it answers a {@code kernel_info_request} and its IOPub
     * channel delivers (so no output of the first cell is lost).
     *
     * @param scratch a folder of the grader's own for the connection file and the kernel's log
     * @throws IOException when the kernel does not come up within the limit, with the end of its log
     */
    static KernelProcess start(KernelLaunch launch, Limits limits, Path workDir, Path scratch) throws IOException {
        JupyterClient.Connection connection = JupyterClient.Connection.fresh();
        Files.createDirectories(scratch);
        Path file = Files.createTempFile(scratch, "kernel-", ".json");
        Files.writeString(file, connection.toJson(), StandardCharsets.UTF_8);
        Path log = Path.of(file.toString().replaceFirst("\\.json$", ".log"));
        ProcessBuilder builder = new ProcessBuilder(launch.command(file, limits)).directory(workDir.toFile());
        builder.environment().putAll(launch.env());
        builder.redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process process = builder.start();
        process.getOutputStream().close();
        KernelProcess kernel = new KernelProcess(process, new JupyterClient(connection), log);
        try {
            kernel.awaitReady(limits.startTimeout());
        } catch (IOException e) {
            kernel.close();
            throw e;
        }
        return kernel;
    }

    private void awaitReady(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the kernel exited with status " + process.exitValue() + " while starting: " + logTail());
            }
            String id = client.shell("kernel_info_request", new JsonObject());
            boolean replied = false, published = false;
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < until && !(replied && published)) {
                JupyterClient.Message m = client.poll(100);
                if (m != null && m.parentId().equals(id)) {
                    replied |= m.channel().equals("shell");
                    published |= m.channel().equals("iopub");
                }
            }
            if (replied && published) {
                return;
            }
        }
        throw new IOException("the kernel did not answer within " + timeout.toSeconds() + " s: " + logTail());
    }

    JupyterClient client() {
        return client;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The exit status of a dead kernel. */
    int exitValue() {
        return process.exitValue();
    }

    /** The resident memory of the kernel and its descendants, from {@code /proc}, in bytes (0 if unknown). */
    long residentBytes() {
        long total = rss(process.pid());
        try (Stream<ProcessHandle> children = process.descendants()) {
            total += children.mapToLong(p -> rss(p.pid())).sum();
        }
        return total;
    }

    private static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // The process just ended.
        }
        return 0;
    }

    /** Bytes the kernel wrote to its own standard output and error (not to the notebook). */
    long logBytes() {
        try {
            return Files.size(log);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The last lines of the kernel's log, for a message. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - 8), lines.size());
            return tail.isEmpty() ? "(nothing in its log)" : String.join("\n", tail);
        } catch (IOException | RuntimeException e) {
            return "(no log)";
        }
    }

    /** Kills the kernel and every process it started, and waits for them. */
    @Override
    public void close() {
        try (Stream<ProcessHandle> children = process.descendants()) {
            children.forEach(ProcessHandle::destroyForcibly);
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
        try {
            Files.deleteIfExists(Path.of(log.toString().replaceFirst("\\.log$", ".json")));
        } catch (IOException e) {
            // A connection file left in the grader's scratch folder does no harm.
        }
    }
}
