package org.seqlab.plot;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import org.seqlab.Shapes;
import org.seqlab.display.Notebook;
import org.seqlab.train.Callback;
import org.seqlab.train.History;

/**
 * A training callback that shows the loss curve updating in place while the trainer runs, with a progress
 * line above it:
 *
 * <pre>
 *   epoch 2 · batch 37 · step 157/600 (26%) · loss 1.234 · val loss 1.301 · 812 steps/s · 0:42 elapsed · 2:05 left
 * </pre>
 *
 * <p>Inside a notebook the line and the chart are shown once and then replaced through their display ids
 * ({@link Notebook#show}, {@link Notebook.Handle#update}). Outside one (plain Java, tests) only the progress
 * line is printed: overwritten in place on a terminal, as a new line every {@value #CONSOLE_SECONDS} s
 * otherwise.
 *
 * <p><b>Cost.</b> Drawing happens on the training thread, at most {@link #updatesPerSecond} times a second,
 * and never more often than keeps drawing under {@value #BUDGET} of the training thread's CPU time: after
 * an update that took d CPU seconds, the next waits until the thread has worked d / {@value #BUDGET} CPU
 * seconds more (capped at {@value #MAX_WAIT_SECONDS} s). CPU time rather than wall time, so that a busy
 * machine, which slows frames and steps alike, does not crowd in frames. A 720×400 frame of 600 points costs about 25 ms (draw and PNG), so frames
 * come about once a second.
 * Between updates a step costs one clock read. The last step is always drawn.
 *
 * <pre>
 *   trainer.callback(LiveView.create());                       // 2 updates/s, smoothed loss
 *   trainer.callback(LiveView.create().updatesPerSecond(0.5).logY());
 * </pre>
 */
public final class LiveView implements Callback {
    /** Default updates per second. */
    public static final double UPDATES_PER_SECOND = 2;
    /** The largest fraction of wall time the view spends drawing. */
    public static final double BUDGET = 0.02;
    static final double MAX_WAIT_SECONDS = 10;
    static final double CONSOLE_SECONDS = 5;
    /** Points per curve in the live chart: enough for the eye, cheap to draw at any run length. */
    static final int MAX_POINTS = 600;

    /** Where the view goes: the notebook, or a console for the progress line. Package-private seam for tests. */
    interface Screen {
        /** True when images can be shown and updated in place. */
        boolean rich();

        Notebook.Handle show(Object view);
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * The two clocks the view reads: wall time, and the training thread's CPU time (−1 when the JVM cannot
     * tell). The budget counts CPU time, not wall time: on a busy machine a frame takes longer by the clock,
     * but so does every training step. Package-private seam, so tests can check the throttle and the budget without timing anything.
     */
    interface Clock {
        long wallNanos();

        long cpuNanos();
    }

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

    private final Screen screen;
    private final Clock clock;
    private final PrintStream console;
    private final boolean terminal;
    private double updatesPerSecond = UPDATES_PER_SECOND;
    private boolean logY;
    private double smoothing = Curves.SMOOTHING;
    private final java.util.Map<String, Double> references = new java.util.LinkedHashMap<>();

    private boolean rich;
    private Notebook.Handle text;
    private Notebook.Handle chart;
    private long start;
    private long nextDraw;
    private long nextDrawBudget;
    private long totalSteps;
    private long stepsDone;
    private long drawNanos;
    private int draws;
    private String line = "";
    private double lastConsoleLine;

    LiveView(Screen screen, PrintStream console, boolean terminal) {
        this(screen, SYSTEM_CLOCK, console, terminal);
    }

    LiveView(Screen screen, Clock clock, PrintStream console, boolean terminal) {
        this.screen = screen;
        this.clock = clock;
        this.console = console;
        this.terminal = terminal;
    }

    /** A live view of the training loss, updated at most {@value #UPDATES_PER_SECOND} times a second. */
    public static LiveView create() {
        return new LiveView(NOTEBOOK, System.out, System.console() != null);
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

    /** Sets the smoothing β of the drawn curve (see {@link Curves#ema}); returns this view. */
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
        // the first frame waits one interval: a run shorter than that shows only its final frame
        this.nextDraw = start + (long) (1e9 / updatesPerSecond);
        this.nextDrawBudget = 0;
        this.stepsDone = 0;
        this.drawNanos = 0;
        this.draws = 0;
        this.text = null;
        this.chart = null;
        this.lastConsoleLine = 0;
    }

    @Override
    public void onStep(History history, History.Step step) {
        stepsDone++;
        if (due()) {
            draw(history, false);
        }
    }

    @Override
    public void onEpochEnd(History history, History.Epoch epoch) {
        if (due()) {
            draw(history, false);
        }
    }

    /** Whether the interval has passed by the clock and the budget allows a frame by the thread's CPU time. */
    private boolean due() {
        return clock.wallNanos() >= nextDraw && (nextDrawBudget <= 0 || budgetNanos() >= nextDrawBudget);
    }

    @Override
    public void onTrainEnd(History history) {
        draw(history, true);
    }

    /** CPU seconds the training thread spent drawing (chart, encoding, progress line) since training began. */
    public double drawSeconds() {
        return drawNanos / 1e9;
    }

    /** How many times the view was drawn since training began. */
    public int draws() {
        return draws;
    }

    /** The latest progress line. */
    public String progressLine() {
        return line;
    }

    private void draw(History history, boolean last) {
        long t0 = clock.wallNanos();
        long b0 = budgetNanos();
        double elapsed = (t0 - start) / 1e9;
        line = progress(history, stepsDone, totalSteps, elapsed, smoothing);
        if (rich) {
            if (text == null) text = screen.show(line);
            else text.update(line);
            if (!history.steps().isEmpty()) {
                Chart view = liveChart(history);
                if (chart == null) chart = screen.show(view);
                else chart.update(view);
            }
        } else if (terminal) {
            console.print("\r" + line + (last ? "\n" : ""));
            console.flush();
        } else if (last || draws == 0 || elapsed - lastConsoleLine >= CONSOLE_SECONDS) {
            console.println(line);
            lastConsoleLine = elapsed;
        }
        long cost = budgetNanos() - b0;
        drawNanos += cost;
        draws++;
        nextDraw = clock.wallNanos() + (long) (1e9 / updatesPerSecond);
        nextDrawBudget = b0 + cost + (long) Math.min(MAX_WAIT_SECONDS * 1e9, cost / BUDGET);
    }

    /** The clock the budget counts: the thread's CPU time, or wall time when the JVM cannot measure CPU time. */
    private long budgetNanos() {
        long cpu = clock.cpuNanos();
        return cpu >= 0 ? cpu : clock.wallNanos();
    }

    private Chart liveChart(History history) {
        Chart c = Curves.steps("loss", smoothing, MAX_POINTS, history);
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

    /**
     * The progress line: where training is, the smoothed loss and the last validation loss, speed and time.
     *
     * @param done steps since training began
     * @param total planned steps, or 0 or less when unknown (then no percentage and no time left)
     * @param elapsed seconds since training began
     */
    static String progress(History history, long done, long total, double elapsed, double smoothing) {
        StringBuilder s = new StringBuilder();
        List<History.Step> steps = history.steps();
        if (!steps.isEmpty()) {
            History.Step last = steps.get(steps.size() - 1);
            s.append("epoch ").append(last.epoch()).append(" · batch ").append(last.batch()).append(" · ");
        }
        s.append("step ").append(done);
        if (total > 0) {
            s.append('/').append(total).append(String.format(Locale.ROOT, " (%d%%)", Math.round(100.0 * done / total)));
        }
        if (!steps.isEmpty()) {
            double[] losses = history.stepLosses();
            int from = Math.max(0, losses.length - 200);
            double[] recent = java.util.Arrays.copyOfRange(losses, from, losses.length);
            double[] smooth = Curves.ema(recent, smoothing);
            s.append(" · loss ").append(number(smooth[smooth.length - 1]));
        }
        List<History.Epoch> epochs = history.epochs();
        if (!epochs.isEmpty()) {
            Double val = epochs.get(epochs.size() - 1).validation().get("loss");
            if (val != null) s.append(" · val loss ").append(number(val));
        }
        if (elapsed > 0 && done > 0) {
            double rate = done / elapsed;
            s.append(" · ").append(rate >= 10 ? String.format(Locale.ROOT, "%.0f", rate) : number(rate))
                    .append(" steps/s");
        }
        s.append(" · ").append(clock(elapsed)).append(" elapsed");
        if (total > 0 && done > 0 && done < total) {
            s.append(" · ").append(clock(elapsed / done * (total - done))).append(" left");
        }
        return s.toString();
    }

    static String number(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v != 0) ? "%.3g" : "%.4g", v);
    }

    /** Seconds as m:ss, or h:mm:ss from an hour on. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
