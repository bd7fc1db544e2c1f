package org.seqlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seqlab.display.Notebook;
import org.seqlab.train.History;

class LiveViewTest {
    /** A screen that records what was shown and, like the kernel, encodes every view as its MIME bundle. */
    static final class FakeNotebook implements LiveView.Screen {
        final List<Object> shown = new ArrayList<>();
        final List<Object> updates = new ArrayList<>();
        final boolean rich;

        FakeNotebook(boolean rich) {
            this.rich = rich;
        }

        @Override
        public boolean rich() {
            return rich;
        }

        @Override
        public Notebook.Handle show(Object view) {
            Notebook.bundle(view);
            shown.add(view);
            return v -> {
                Notebook.bundle(v);
                updates.add(v);
            };
        }
    }

    static History.Step step(int epoch, int batch, long step, double loss) {
        return new History.Step(epoch, batch, step, loss, 1.0, 0, Map.of());
    }

    @Test
    void progressLineShowsEpochBatchLossSpeedAndTimeLeft() {
        History h = new History("LSTM");
        for (int i = 0; i < 50; i++) h.add(step(1 + i / 20, i % 20, i, 2.0));
        h.add(new History.Epoch(1, Map.of("loss", 2.0), Map.of("loss", 2.5), 1));
        String line = LiveView.progress(h, 50, 200, 2.5, 0.9);
        assertEquals("epoch 3 · batch 9 · step 50/200 (25%) · loss 2.000 · val loss 2.500 · 20 steps/s"
                + " · 0:03 elapsed · 0:08 left", line);
    }

    @Test
    void withoutAPlannedTotalThereIsNoPercentageNorTimeLeft() {
        String line = LiveView.progress(new History("x"), 0, 0, 0, 0.9);
        assertEquals("step 0 · 0:00 elapsed", line);
        assertEquals("1:01:05", LiveView.clock(3665));
    }

    @Test
    void outsideANotebookOnlyTheProgressLineIsPrinted() {
        FakeNotebook screen = new FakeNotebook(false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LiveView view = new LiveView(screen, new PrintStream(out, true, StandardCharsets.UTF_8), false);
        History h = new History("RNN");
        view.onTrainBegin(h, 10);
        for (int i = 0; i < 10; i++) {
            h.add(step(1, i, i, 1.0 / (i + 1)));
            view.onStep(h, h.steps().get(i));
        }
        view.onTrainEnd(h);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(1, printed.lines().count(), "a run shorter than the interval prints its last line only");
        assertTrue(printed.contains("step 10/10 (100%)"), printed);
        assertTrue(screen.shown.isEmpty());
    }

    @Test
    void inANotebookTheLineAndChartAreShownOnceThenUpdatedInPlace() {
        FakeNotebook screen = new FakeNotebook(true);
        LiveView view = new LiveView(screen, System.out, false).updatesPerSecond(1000).logY();
        History h = new History("GRU");
        view.onTrainBegin(h, 100);
        for (int i = 0; i < 100; i++) {
            h.add(step(1, i, i, 3.0 * Math.exp(-i / 30.0) + 0.1));
            if (i == 50) sleep(5);
            view.onStep(h, h.steps().get(i));
        }
        view.onTrainEnd(h);
        assertEquals(2, screen.shown.size(), "the progress line and the chart");
        assertInstanceOf(String.class, screen.shown.get(0));
        Chart last = (Chart) screen.updates.get(screen.updates.size() - 1);
        assertEquals(100, last.y("GRU (raw)").length);
        assertTrue(last.chart().getStyler().isYAxisLogarithmic());
        assertTrue(view.progressLine().contains("step 100/100"), view.progressLine());
        Pixels.check(last, Style.WIDTH, Style.HEIGHT, "live-final.png");
    }

    @Test
    void drawingIsThrottled() {
        FakeNotebook screen = new FakeNotebook(true);
        LiveView view = new LiveView(screen, System.out, false).updatesPerSecond(1);
        History h = new History("RNN");
        view.onTrainBegin(h, 10_000);
        for (int i = 0; i < 10_000; i++) {
            h.add(step(1, i, i, 1));
            view.onStep(h, h.steps().get(i));
        }
        // a few hundred milliseconds of steps: nothing is drawn before the first second has passed
        assertEquals(0, view.draws());
        view.onTrainEnd(h);
        assertEquals(1, view.draws());
    }

    /**
     * Overhead on a training-like loop: steps of a fixed amount of arithmetic (about 2 ms each), with and
     * without the live view drawing into a notebook-like screen that encodes every frame as PNG. The cost is
     * measured as CPU time of the training thread, which other processes on a shared machine do not disturb;
     * wall time is printed too. Prints the measurement.
     */
    @Test
    void theLiveViewSlowsATrainingLikeLoopByLessThanFivePercent() {
        warmUp();
        long work = calibrate(2.0);
        int steps = 2000;
        double[] base = run(null, steps, work);
        LiveView view = new LiveView(new FakeNotebook(true), System.out, false);
        double[] live = run(view, steps, work);
        double cpuOverhead = live[0] / base[0] - 1;
        System.out.printf("LiveView overhead, %d steps of ~2 ms: training-thread CPU %.3f s without, %.3f s with"
                        + " the view (%+.1f%%); wall %.3f s vs %.3f s (%+.1f%%); %d frames, %.3f s drawing%n",
                steps, base[0], live[0], 100 * cpuOverhead, base[1], live[1], 100 * (live[1] / base[1] - 1),
                view.draws(), view.drawSeconds());
        assertTrue(cpuOverhead < 0.05, "overhead " + 100 * cpuOverhead + "%");
        assertFalse(view.draws() < 2);
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /** Runs the drawing path a few times, so the measurement sees compiled code as a long session would. */
    private static void warmUp() {
        for (int i = 0; i < 3; i++) {
            LiveView view = new LiveView(new FakeNotebook(true), System.out, false);
            History h = new History("warm-up");
            view.onTrainBegin(h, 10);
            for (int s = 0; s < 10; s++) {
                h.add(step(1, s, s, 1.0 + s));
                view.onStep(h, h.steps().get(s));
            }
            view.onTrainEnd(h);
        }
    }

    /** Iterations of {@link #busy} that take about {@code millis} of CPU time. */
    private static long calibrate(double millis) {
        long n = 100_000;
        busy(n);
        long t0 = THREADS.getCurrentThreadCpuTime();
        busy(n * 20);
        double perIteration = (THREADS.getCurrentThreadCpuTime() - t0) / (n * 20.0);
        return (long) (millis * 1e6 / perIteration);
    }

    private static double busy(long iterations) {
        double x = 0;
        for (long i = 0; i < iterations; i++) x += Math.sqrt(i + x);
        return x;
    }

    /** {training-thread CPU seconds, wall seconds} for {@code steps} steps, with the view's callbacks if given. */
    private static double[] run(LiveView view, int steps, long work) {
        History h = new History("sim");
        long cpu = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        if (view != null) view.onTrainBegin(h, steps);
        for (int i = 0; i < steps; i++) {
            double x = busy(work);
            h.add(new History.Step(1 + i / 100, i % 100, i, 2.0 / (1 + i / 100.0) + 1e-30 * x, 1, 0, Map.of()));
            if (view != null) view.onStep(h, h.steps().get(i));
            if (i % 100 == 99) {
                h.add(new History.Epoch(1 + i / 100, Map.of("loss", 1.0), Map.of("loss", 1.2), 0));
                if (view != null) view.onEpochEnd(h, h.epochs().get(h.epochs().size() - 1));
            }
        }
        if (view != null) view.onTrainEnd(h);
        return new double[] {(THREADS.getCurrentThreadCpuTime() - cpu) / 1e9, (System.nanoTime() - wall) / 1e9};
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
