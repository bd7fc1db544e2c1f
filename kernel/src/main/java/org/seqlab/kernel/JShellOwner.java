package org.seqlab.kernel;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The one thread that uses the kernel's JShell: every evaluation, completion, inspection, completeness check,
 * diagnostic and class-path change runs on it, one after the other in the order asked.
 *
 * <p>JShell is not thread-safe ("all access should be through a single thread", says its javadoc), and IJava
 * calls it from whichever thread a request arrives on: the shell channel's, the control channel's, the kernel's
 * warm-up thread. A completion arriving while the warm-up evaluates made JShell's analysis throw
 * {@code ConcurrentModificationException} about one start in three. Here each caller hands its work to this
 * thread and waits for the result; an exception thrown by the work is thrown to the caller.
 *
 * <p>One exception to the queue: a cell's own code may call back into JShell while the cell runs (IJava's
 * {@code %classpath}, {@code %maven} and {@code %load} magics, {@code Kernel.eval}); the owner thread is then
 * waiting for that very code to return, so such a call (from a thread {@code guest} accepts, while the owner is
 * busy) runs at once on the caller's thread. JShell is still used by one thread at a time, as IJava always did.
 */
final class JShellOwner implements AutoCloseable {
    /** Work done with JShell; may throw anything a JShell call throws. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws Exception;
    }

    /** The owner thread's name, as a thread dump shows it. */
    static final String THREAD_NAME = "seqlab-jshell";

    private record Task<T>(Work<T> work, CompletableFuture<T> result) {}

    private static final Task<Void> END = new Task<>(() -> null, new CompletableFuture<>());

    private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
    private final Predicate<Thread> guest;
    private final Object guestLock = new Object();
    private final Thread thread;
    /** True while the owner thread runs a task. */
    private volatile boolean busy;
    /** Set by {@link #close}; guarded by {@code queue}. */
    private boolean closed;

    /**
     * Starts the owner thread.
     *
     * @param guest which threads run a cell's code: their calls while the owner is busy run at once
     */
    JShellOwner(Predicate<Thread> guest) {
        this.guest = guest;
        this.thread = new Thread(this::serve, THREAD_NAME);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Runs {@code work} on the owner thread after the work asked before it, and returns its result.
     * The caller waits without giving up on an interrupt (JShell's state must not be left half-changed); its
     * interrupt flag is set again afterwards.
     *
     * @throws Exception whatever the work threw
     */
    <T> T call(Work<T> work) throws Exception {
        Thread caller = Thread.currentThread();
        if (caller == thread) {
            return work.run();
        }
        if (busy && guest.test(caller)) {
            synchronized (guestLock) {
                return work.run();
            }
        }
        return await(submit(work));
    }

    /**
     * Runs {@code work} on the owner thread only if nothing else is running or waiting there, and waits for
     * it: what the warm-up uses, so that a learner's request never queues behind more than one such task.
     *
     * @return whether the work ran
     * @throws Exception whatever the work threw
     */
    boolean callIfIdle(Work<?> work) throws Exception {
        CompletableFuture<?> result;
        synchronized (queue) {
            if (busy || !queue.isEmpty()) {
                return false;
            }
            result = submit(work);
        }
        await(result);
        return true;
    }

    /**
     * Runs {@code work} on the owner thread like {@link #call}, but waits at most {@code patience} for it;
     * what shutdown uses, which must not hang behind a cell that will not end. Work that is still queued or
     * running then is left to finish on its own, and its failure is not reported.
     *
     * @return whether the work finished in time and without an exception
     */
    boolean callWithin(Duration patience, Work<?> work) {
        if (Thread.currentThread() == thread) {
            try {
                work.run();
                return true;
            } catch (Exception e) {
                return false;
            }
        }
        try {
            submit(work).get(patience.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | IllegalStateException e) {
            return false;
        }
    }

    /** Whether the owner thread is running work now (a cell, a completion, a warm-up evaluation). */
    boolean isBusy() {
        return busy;
    }

    /** How many tasks wait in the queue behind the one running. */
    int waiting() {
        return queue.size();
    }

    /** Whether the calling thread is the owner thread. */
    boolean isOwnerThread() {
        return Thread.currentThread() == thread;
    }

    /** Ends the owner thread once the work already asked for is done; later calls fail. */
    @Override
    public void close() {
        synchronized (queue) {
            if (!closed) {
                closed = true;
                queue.add(END);
            }
        }
    }

    private <T> CompletableFuture<T> submit(Work<T> work) {
        Task<T> task = new Task<>(work, new CompletableFuture<>());
        synchronized (queue) {
            if (closed) {
                throw new IllegalStateException("the kernel's JShell has shut down");
            }
            queue.add(task);
        }
        return task.result();
    }

    private void serve() {
        while (true) {
            Task<?> task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                // Nobody but the JVM interrupts this thread; keep serving.
                continue;
            }
            if (task == END) {
                return;
            }
            run(task);
        }
    }

    private <T> void run(Task<T> task) {
        busy = true;
        try {
            task.result().complete(task.work().run());
        } catch (Throwable e) {
            task.result().completeExceptionally(e);
        } finally {
            busy = false;
            // A cell's code may have interrupted the thread that ran JShell; the next task starts clean.
            Thread.interrupted();
        }
    }

    private static <T> T await(CompletableFuture<T> result) throws Exception {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof Exception exception) {
                        throw exception;
                    }
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw e;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
