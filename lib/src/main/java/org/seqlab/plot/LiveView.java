package org.seqlab.plot;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.seqlab.Shapes;
import org.seqlab.display.Mime;
import org.seqlab.display.Notebook;
import org.seqlab.train.Callback;
import org.seqlab.train.History;
import org.seqlab.train.ProgressLine;

/**
 * A training callback that shows the loss curve updating in place while the trainer runs, with the progress
 * line ({@link ProgressLine#line}) above it:
 *
 * <pre>
 *   epoch 2 · batch 37 · step 157/600 (26%) · loss 1.234 · val loss 1.301 · 812 steps/s · 0:42 elapsed · 2:05 left
 * </pre>
 *
 * <pre>
 *   Trainer.builder().model(model).callbacks(LiveView.create()).build().fit(train, 32, validation);
 *   LiveView.create().reference("unigram baseline", 2.87).logY()    // a labelled baseline, a log axis
 * </pre>
 *
 * <p>Inside a notebook the line and the chart are shown at the first step and then replaced in place through
 * their display ids ({@link Notebook#show}, {@link Notebook.Handle#update}), at most
 * {@link #updatesPerSecond} times a second (default {@value #UPDATES_PER_SECOND}); the last step is always
 * drawn, and the final frame is out before {@code fit} returns. Outside one (plain Java, tests) only the
 * progress line is printed: overwritten in place on a terminal, as a new line every {@value #CONSOLE_SECONDS} s
 * otherwise.
 *
 * <p><b>Cost.</b> Frames are drawn on a background thread, so training does not wait for them: at a frame the
 * training thread only copies the history's list of steps and goes on. One frame is drawn at a time; a frame
 * that comes due while the last one is still being drawn is skipped, and the next is drawn from the latest
 * history. Drawing keeps to a budget of {@value #BUDGET} of one core, so even a machine without a spare core
 * loses at most about that share of its training time to the chart: a token bucket ({@link DrawingBudget}) that
 * fills at {@value #BUDGET} CPU seconds per second, up to a burst of {@value #BURST_SECONDS} s, pays for each frame,
 * and a frame that leaves it in debt delays the next until the debt is paid (at most {@value #MAX_WAIT_SECONDS} s).
 * A warm 720×400 frame (drawing {@value #MAX_POINTS} points per curve and encoding the PNG) costs 15–25 ms of
 * CPU, inside the budget at two frames a second; the burst absorbs the dearer frames while the JIT compiler
 * has not yet compiled the drawing code. The first frame of a run is free: on a cold kernel it also pays, once,
 * for loading the charting classes. {@link #create} starts that loading, and a few throw-away frames for the
 * JIT, on the drawing thread at once; a real frame goes first whenever one is due.
 */
public final class LiveView implements Callback {
    /** Default updates per second. */
    public static final double UPDATES_PER_SECOND = 2;
    /** The largest share of one core that drawing may take. */
    public static final double BUDGET = 0.04;
    /** CPU seconds of drawing the budget lends ahead: a few dear frames while the drawing code is still cold. */
    static final double BURST_SECONDS = 0.25;
    static final double MAX_WAIT_SECONDS = 10;
    static final double CONSOLE_SECONDS = 5;
    /** How long the end of training waits for the frame being drawn and the final one. */
    static final long FINISH_SECONDS = 30;
    /**
     * Points per curve in the live frames: enough for the eye, and cheap, since antialiased lines cost in
     * proportion to their points. The final frame, which stays in the notebook, is drawn with
     * {@link Curves#MAX_POINTS}.
     */
    static final int MAX_POINTS = 300;
    /** Throw-away frames drawn by the first {@link #create} of a JVM, so the JIT compiles the drawing code. */
    static final int WARM_FRAMES = 25;

    /** Where the view goes: the notebook, or a console for the progress line. Package-private seam for tests. */
    interface Screen {
        /** True when images can be shown and updated in place. */
        boolean rich();

        Notebook.Handle show(Object view);
    }

    /**
     * The two clocks the view reads: wall time, and the CPU time of the thread that asks (−1 when the JVM cannot
     * tell; then wall time stands in). Package-private seam, so tests check the throttle and the budget without
     * timing anything.
     */
    interface Clock {
        long wallNanos();

        long cpuNanos();
    }

    /**
     * Where frames are drawn: {@link #paint} hands a frame over and returns, {@link #finish} waits until every
     * frame handed over is drawn. Package-private seam: tests draw inline, notebooks on {@link #BACKGROUND}.
     */
    interface Painter {
        void paint(Runnable frame);

        void finish() throws InterruptedException;
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    static final Clock SYSTEM_CLOCK = new Clock() {
        @Override
        public long wallNanos() {
            return System.nanoTime();
        }

        @Override
        public long cpuNanos() {
            return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
        }
    };

    static final Screen NOTEBOOK = new Screen() {
        @Override
        public boolean rich() {
            return Notebook.inKernel();
        }

        @Override
        public Notebook.Handle show(Object view) {
            return Notebook.show(view);
        }
    };

    /** Draws on the caller's thread. */
    static final Painter INLINE = new Painter() {
        @Override
        public void paint(Runnable frame) {
            frame.run();
        }

        @Override
        public void finish() {}
    };

    /** One daemon thread shared by every live view; a thread stopped with its cell is replaced on the next frame. */
    private static final ExecutorService DRAWER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "seqlab-live-view");
        t.setDaemon(true);
        return t;
    });

    /** Draws on the shared background thread. */
    static final class Background implements Painter {
        private final long finishMillis;
        private volatile Future<?> last;

        Background() {
            this(FINISH_SECONDS * 1000);
        }

        /** A painter whose {@link #finish} waits at most {@code finishMillis} for the frames handed over. */
        Background(long finishMillis) {
            this.finishMillis = finishMillis;
        }

        @Override
        public void paint(Runnable frame) {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            last = DRAWER.submit(() -> {
                Thread.currentThread().setContextClassLoader(loader);
                frame.run();
            });
        }

        @Override
        public void finish() throws InterruptedException {
            Future<?> f = last;
            if (f == null) return;
            try {
                f.get(finishMillis, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                // a frame reports its own failure; see draw
            } catch (TimeoutException e) {
                // a display that does not return must not hold the cell: fit returns without the last frame
            }
        }
    }

    private static volatile boolean warmedUp;

    private final Screen screen;
    private final Clock clock;
    private final Painter painter;
    private final PrintStream console;
    private final boolean terminal;
    private double updatesPerSecond = UPDATES_PER_SECOND;
    private boolean logY;
    private double smoothing = Curves.SMOOTHING;
    private final Map<String, Double> references = new LinkedHashMap<>();

    private boolean rich;
    private Notebook.Handle text;
    private Notebook.Handle chart;
    private long start;
    private long totalSteps;
    private long stepsDone;
    private long lastConsole;
    private volatile boolean drawing;
    private volatile long readyAt;
    private final DrawingBudget budget = new DrawingBudget(BUDGET, BURST_SECONDS, MAX_WAIT_SECONDS);
    private volatile long drawNanos;
    private volatile int draws;
    private volatile String line = "";
    private volatile RuntimeException failure;

    LiveView(Screen screen, Clock clock, Painter painter, PrintStream console, boolean terminal) {
        this.screen = screen;
        this.clock = clock;
        this.painter = painter;
        this.console = console;
        this.terminal = terminal;
    }

    /**
     * A live view of the training loss, updated at most {@value #UPDATES_PER_SECOND} times a second. The first one
     * in a kernel starts loading the charting classes on the drawing thread, so the first frame is quick.
     */
    public static LiveView create() {
        LiveView view = new LiveView(NOTEBOOK, SYSTEM_CLOCK, new Background(), System.out, System.console() != null);
        warmUp();
        return view;
    }

    /**
     * Once per JVM, on the drawing thread: draws and encodes throw-away frames like a live view's, which loads
     * XChart, Java2D and the PNG encoder and lets the JIT compile them. One frame per task, so a real frame
     * submitted meanwhile waits for one throw-away frame at most.
     */
    static void warmUp() {
        if (warmedUp) return;
        warmedUp = true;
        History h = new History("warm-up");
        for (int i = 1; i <= MAX_POINTS; i++) h.add(new History.Step(1, i - 1, i, 1.0 / i, 1, 0, Map.of()));
        DRAWER.submit(warmFrame(h, WARM_FRAMES));
    }

    private static Runnable warmFrame(History h, int left) {
        return () -> {
            try {
                Mime.png(Curves.steps("loss", Curves.SMOOTHING, MAX_POINTS, h).reference("r", 0.5).toImage());
            } catch (RuntimeException | LinkageError e) {
                return; // the first real frame reports any real problem
            }
            if (left > 1) DRAWER.submit(warmFrame(h, left - 1));
        };
    }

    /** Sets the most updates per second (e.g. 0.5 for one every 2 s); returns this view. */
    public LiveView updatesPerSecond(double perSecond) {
        Shapes.require(perSecond > 0, "updatesPerSecond must be positive but is %s", perSecond);
        this.updatesPerSecond = perSecond;
        return this;
    }

    /** Draws the loss on a log scale (while every loss so far is positive); returns this view. */
    public LiveView logY() {
        this.logY = true;
        return this;
    }

    /** Sets the smoothing β of the drawn curve and the progress line (see {@link Curves#ema}); returns this view. */
    public LiveView smoothing(double beta) {
        Shapes.require(beta >= 0 && beta < 1, "smoothing must be in [0, 1) but is %s", beta);
        this.smoothing = beta;
        return this;
    }

    /**
     * Draws a labelled reference line on the live chart, e.g. the strongest simple baseline's loss, so the
     * class sees the model cross it: {@code LiveView.create().reference("unigram baseline", 2.87)}. Returns
     * this view; see {@link Chart#reference}.
     */
    public LiveView reference(String label, double loss) {
        Shapes.require(Double.isFinite(loss), "a reference line needs a finite loss but '%s' is %s", label, loss);
        references.put(label, loss);
        return this;
    }

    @Override
    public void onTrainBegin(History history, long totalSteps) {
        this.totalSteps = totalSteps;
        this.rich = screen.rich();
        this.start = clock.wallNanos();
        this.readyAt = start;
        budget.reset(start);
        this.stepsDone = 0;
        this.drawNanos = 0;
        this.draws = 0;
        this.text = null;
        this.chart = null;
        this.lastConsole = Long.MIN_VALUE;
        this.failure = null;
    }

    @Override
    public void onStep(History history, History.Step step) {
        stepsDone++;
        if (due()) frame(history, false);
    }

    @Override
    public void onEpochEnd(History history, History.Epoch epoch) {
        if (due()) frame(history, false);
    }

    @Override
    public void onTrainEnd(History history) {
        try {
            painter.finish();
            frame(history, true);
            painter.finish();
        } catch (InterruptedException e) {
            // the cell is being stopped: leave the last frame drawn so far
        }
        RuntimeException f = failure;
        if (f != null) System.err.println("the live view stopped drawing: " + f);
    }

    /** Whether a frame may start now: none is being drawn, and the interval and the budget have passed. */
    private boolean due() {
        return !drawing && failure == null && clock.wallNanos() >= readyAt;
    }

    /** Hands a frame of the history as it is now to the painter (rich), or prints the line (console). */
    private void frame(History history, boolean last) {
        long requested = clock.wallNanos();
        double elapsed = (requested - start) / 1e9;
        if (!rich) {
            line = ProgressLine.line(history, stepsDone, totalSteps, elapsed, smoothing);
            console(requested, last);
            readyAt = requested + intervalNanos();
            draws++;
            return;
        }
        if (failure != null) return;
        History snapshot = history.copy();
        long done = stepsDone;
        drawing = true;
        painter.paint(() -> draw(snapshot, done, elapsed, requested, last));
    }

    private void console(long now, boolean last) {
        if (terminal) {
            console.print("\r" + line + (last ? "\n" : ""));
            console.flush();
        } else if (last || lastConsole == Long.MIN_VALUE || now - lastConsole >= CONSOLE_SECONDS * 1e9) {
            console.println(line);
            lastConsole = now;
        }
    }

    /** Draws one frame on the painter's thread and sets when the next may start. */
    private void draw(History history, long done, double elapsed, long requested, boolean last) {
        long w0 = clock.wallNanos();
        long c0 = clock.cpuNanos();
        try {
            line = ProgressLine.line(history, done, totalSteps, elapsed, smoothing);
            if (text == null) text = screen.show(line);
            else text.update(line);
            if (!history.steps().isEmpty()) {
                Chart view = liveChart(history, last ? Curves.MAX_POINTS : MAX_POINTS);
                if (chart == null) chart = screen.show(view);
                else chart.update(view);
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            long c1 = clock.cpuNanos();
            long now = clock.wallNanos();
            long cost = c0 >= 0 && c1 >= 0 ? c1 - c0 : now - w0;
            drawNanos += cost;
            readyAt = Math.max(requested + intervalNanos(), now + budget.pay(draws == 0 ? 0 : cost, now));
            draws++;
            drawing = false;
        }
    }

    private long intervalNanos() {
        return (long) (1e9 / updatesPerSecond);
    }

    /** CPU seconds spent drawing frames (chart, encoding, progress line) since training began. */
    public double drawSeconds() {
        return drawNanos / 1e9;
    }

    /** How many frames were drawn (or progress lines written) since training began. */
    public int draws() {
        return draws;
    }

    /** The latest progress line. */
    public String progressLine() {
        return line;
    }

    private Chart liveChart(History history, int points) {
        Chart c = Curves.steps("loss", smoothing, points, history);
        c.chart().setTitle(Curves.title("loss per step", history));
        references.forEach(c::reference);
        if (logY) {
            try {
                c.logY();
            } catch (IllegalArgumentException nonPositive) {
                // a zero or negative loss cannot go on a log axis; this frame stays linear
            }
        }
        return c;
    }
}
