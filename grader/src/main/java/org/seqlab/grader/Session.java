package org.seqlab.grader;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.seqlab.grade.Tests;

/**
 * Runs one notebook's cells in a course kernel under the grader's limits. A cell that runs past its time, past the
 * notebook's time, out of memory, floods its output or kills the kernel ends with the kernel killed; the next cell
 * starts a fresh kernel and first replays the cells that had succeeded ({@link #remember}), so the notebook goes on
 * where it was.
 */
final class Session implements AutoCloseable {
    /** What of a cell's printed text is kept for the feedback. */
    private static final int KEPT_TEXT = 4000;

    private final KernelLaunch launch;
    private final Limits limits;
    private final Path workDir, scratch;
    private final long deadline;
    private final List<String> replay = new ArrayList<>();
    private KernelProcess kernel;
    private int starts;
    private final List<String> notes = new ArrayList<>();
    /** Time spent starting kernels, replaying cells, and in every other cell, for the benchmark. */
    private long startMillis, replayMillis, runMillis;

    Session(KernelLaunch launch, Limits limits, Path workDir, Path scratch) {
        this.launch = launch;
        this.limits = limits;
        this.workDir = workDir;
        this.scratch = scratch;
        this.deadline = System.nanoTime() + limits.notebookTimeout().toNanos();
    }

    /** Runs {@code code} as one cell, starting (and replaying into) a kernel first when there is none. */
    CellResult run(String code) throws IOException {
        if (remainingNanos() <= 0) {
            return new CellResult(CellResult.Status.NOTEBOOK_TIMEOUT, notebookTimeout(), "", "", List.of(), 0);
        }
        ensureKernel();
        if (kernel == null) {
            return new CellResult(CellResult.Status.NOTEBOOK_TIMEOUT, notebookTimeout(), "", "", List.of(), 0);
        }
        long t0 = System.nanoTime();
        CellResult r = execute(code);
        runMillis += (System.nanoTime() - t0) / 1_000_000;
        return r;
    }

    /** Keeps a cell that succeeded, to replay into the next kernel should this one be killed. */
    void remember(String code) {
        replay.add(code);
    }

    /** Kernels started (1 when no cell ever killed one). */
    int starts() {
        return starts;
    }

    /** What happened to the kernel that the feedback should say (restarts, replays that failed). */
    List<String> notes() {
        return notes;
    }

    long startMillis() {
        return startMillis;
    }

    long replayMillis() {
        return replayMillis;
    }

    long runMillis() {
        return runMillis;
    }

    private String notebookTimeout() {
        return "the notebook's time limit of " + limits.notebookTimeout().toSeconds() + " s was reached";
    }

    private long remainingNanos() {
        return deadline - System.nanoTime();
    }

    private void ensureKernel() throws IOException {
        if (kernel != null) {
            return;
        }
        long t0 = System.nanoTime();
        IOException last = null;
        for (int attempt = 0; attempt < 2 && kernel == null; attempt++) {
            try {
                kernel = KernelProcess.start(launch, limits, workDir, scratch);
            } catch (IOException e) {
                last = e;
            }
        }
        startMillis += (System.nanoTime() - t0) / 1_000_000;
        if (kernel == null) {
            throw new IOException("cannot start the course kernel: " + last.getMessage(), last);
        }
        starts++;
        if (starts > 1 && !replay.isEmpty()) {
            long r0 = System.nanoTime();
            for (int k = 0; k < replay.size(); k++) {
                CellResult r = execute(replay.get(k));
                if (!r.ok()) {
                    notes.add("after a restart, replaying an earlier cell failed (" + r.reason() + "); later cells ran without it");
                    if (r.status().fatal()) {
                        break;
                    }
                }
            }
            replayMillis += (System.nanoTime() - r0) / 1_000_000;
        }
    }

    /** Sends the code and watches it until the kernel is idle again or a limit is hit. */
    private CellResult execute(String code) {
        JupyterClient client = kernel.client();
        long t0 = System.nanoTime();
        long cellDeadline = t0 + limits.cellTimeout().toNanos();
        String id = client.execute(code);
        StringBuilder text = new StringBuilder();
        List<JsonObject> reports = new ArrayList<>();
        String error = "";
        long outputBytes = 0;
        boolean replied = false, idle = false, errorReply = false;
        long nextMemoryCheck = 0;
        long idleGraceUntil = Long.MAX_VALUE;
        while (!(replied && idle)) {
            long now = System.nanoTime();
            if (!kernel.alive()) {
                notes.add("the kernel died (exit status " + kernel.exitValue() + "); the end of its log: "
                        + kernel.logTail().replace("\n", " | "));
                return killed(CellResult.Status.DIED, "the kernel died (exit status " + kernel.exitValue() + ")", text, error, reports, t0);
            }
            if (now > deadline) {
                return killed(CellResult.Status.NOTEBOOK_TIMEOUT, notebookTimeout(), text, error, reports, t0);
            }
            if (now > cellDeadline) {
                return killed(CellResult.Status.TIMEOUT, "the cell did not finish within its time limit of "
                        + limits.cellTimeout().toSeconds() + " s", text, error, reports, t0);
            }
            if (replied && now > idleGraceUntil) {
                break;
            }
            if (now > nextMemoryCheck) {
                long rss = kernel.residentBytes();
                if (rss > limits.memoryBytes()) {
                    return killed(CellResult.Status.MEMORY, "the kernel used " + (rss >> 20) + " MB, over its memory limit of "
                            + Limits.describe(limits.memoryBytes()), text, error, reports, t0);
                }
                if (kernel.logBytes() > 16 * limits.outputBytes() + (1 << 20)) {
                    return killed(CellResult.Status.OUTPUT, "the cell wrote more than the output limit to the kernel's own log",
                            text, error, reports, t0);
                }
                nextMemoryCheck = now + 100_000_000L;
            }
            JupyterClient.Message m = client.poll(50);
            if (m == null || !m.parentId().equals(id)) {
                continue;
            }
            if (m.channel().equals("shell") && m.type().equals("execute_reply")) {
                replied = true;
                errorReply = "error".equals(string(m.content(), "status"));
                idleGraceUntil = System.nanoTime() + 2_000_000_000L;
                continue;
            }
            switch (m.type()) {
                case "status" -> idle |= "idle".equals(string(m.content(), "execution_state"));
                case "stream" -> {
                    String t = string(m.content(), "text");
                    outputBytes += t.getBytes(StandardCharsets.UTF_8).length;
                    keep(text, t);
                }
                case "display_data", "execute_result", "update_display_data" -> {
                    JsonObject data = m.content().has("data") ? m.content().getAsJsonObject("data") : new JsonObject();
                    outputBytes += data.toString().length();
                    JsonElement report = data.get(Tests.MIME);
                    if (report != null) {
                        try {
                            reports.add(JsonParser.parseString(report.isJsonPrimitive() ? report.getAsString() : report.toString())
                                    .getAsJsonObject());
                        } catch (RuntimeException e) {
                            // Not one of ours: a grading message is always a JSON object.
                        }
                    } else if (m.type().equals("execute_result") && data.has("text/plain")) {
                        keep(text, string(data, "text/plain") + "\n");
                    }
                }
                case "error" -> {
                    error = string(m.content(), "ename") + ": " + string(m.content(), "evalue");
                    outputBytes += error.length();
                }
                default -> { }
            }
            if (outputBytes > limits.outputBytes()) {
                return killed(CellResult.Status.OUTPUT, "the cell's output passed its limit of " + Limits.describe(limits.outputBytes()),
                        text, error, reports, t0);
            }
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        String plainError = Ansi.strip(error);
        if (plainError.contains("OutOfMemoryError")) {
            kill();
            return new CellResult(CellResult.Status.MEMORY, "the cell ran out of memory (" + plainError + ")",
                    text.toString(), plainError, reports, millis);
        }
        if (errorReply || !error.isEmpty()) {
            return new CellResult(CellResult.Status.ERROR, plainError.isEmpty() ? "the cell failed" : plainError,
                    text.toString(), plainError, reports, millis);
        }
        return new CellResult(CellResult.Status.OK, "", text.toString(), "", reports, millis);
    }

    private CellResult killed(CellResult.Status status, String reason, StringBuilder text, String error,
                              List<JsonObject> reports, long t0) {
        String note = "a cell stopped the kernel (" + reason + "); a new one replayed the cells before it";
        if (!notes.contains(note)) {
            notes.add(note);
        }
        kill();
        return new CellResult(status, reason, text.toString(), Ansi.strip(error), reports, (System.nanoTime() - t0) / 1_000_000);
    }

    private void kill() {
        if (kernel != null) {
            kernel.close();
            kernel = null;
        }
    }

    private static void keep(StringBuilder text, String more) {
        if (text.length() < KEPT_TEXT) {
            text.append(more, 0, Math.min(more.length(), KEPT_TEXT - text.length()));
            if (text.length() >= KEPT_TEXT) {
                text.append("\n[… output cut]\n");
            }
        }
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return "";
        }
        if (e.isJsonArray()) {
            StringBuilder b = new StringBuilder();
            e.getAsJsonArray().forEach(x -> b.append(x.getAsString()));
            return b.toString();
        }
        return e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }

    @Override
    public void close() {
        kill();
    }
}
