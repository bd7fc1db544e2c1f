package org.seqlab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
        FakeClock clock = new FakeClock();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LiveView view = new LiveView(screen, clock, new PrintStream(out, true, StandardCharsets.UTF_8), false);
        History h = new History("RNN");
        view.onTrainBegin(h, 10);
        for (int i = 0; i < 10; i++) {
            clock.work(0.01);
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
        FakeClock clock = new FakeClock();
        LiveView view = new LiveView(screen, clock, System.out, false).updatesPerSecond(10).logY();
        History h = new History("GRU");
        view.onTrainBegin(h, 100);
        for (int i = 0; i < 100; i++) {
            clock.work(0.1);
            h.add(step(1, i, i, 3.0 * Math.exp(-i / 30.0) + 0.1));
            view.onStep(h, h.steps().get(i));
        }
        view.onTrainEnd(h);
        assertEquals(2, screen.shown.size(), "the progress line and the chart");
        assertTrue(screen.updates.size() > 10, "updated in place during the run: " + screen.updates.size());
        assertInstanceOf(String.class, screen.shown.get(0));
        Chart last = (Chart) screen.updates.get(screen.updates.size() - 1);
        assertEquals(100, last.y("GRU (raw)").length);
        assertTrue(last.chart().getStyler().isYAxisLogarithmic());
        assertTrue(view.progressLine().contains("step 100/100"), view.progressLine());
        Pixels.check(last, Style.WIDTH, Style.HEIGHT, "live-final.png");
    }

    @Test
    void everyFrameCarriesTheReferenceLines() {
        FakeNotebook screen = new FakeNotebook(true);
        FakeClock clock = new FakeClock();
        LiveView view = new LiveView(screen, clock, System.out, false).updatesPerSecond(10)
                .reference("unigram baseline", 2.5);
        History h = new History("GRU");
        view.onTrainBegin(h, 30);
        for (int i = 0; i < 30; i++) {
            clock.work(0.1);
            h.add(step(1, i, i, 3.0 * Math.exp(-i / 10.0)));
            view.onStep(h, h.steps().get(i));
        }
        view.onTrainEnd(h);
        List<Object> frames = new ArrayList<>(screen.shown.subList(1, 2));
        screen.updates.stream().filter(Chart.class::isInstance).forEach(frames::add);
        assertTrue(frames.size() > 3, "frames: " + frames.size());
        for (Object f : frames) {
            assertArrayEquals(new double[] {2.5, 2.5}, ((Chart) f).y("unigram baseline (2.500)"));
        }
        assertArrayEquals(new double[] {0, 29}, ((Chart) frames.get(frames.size() - 1)).chart().getSeriesMap()
                .get("unigram baseline (2.500)").getXData());
    }

    /** Clocks that move only when told: wall and CPU time advance together, as on a thread that only computes. */
    static class FakeClock implements LiveView.Clock {
        long wall;
        long cpu;

        void work(double seconds) {
            long ns = Math.round(seconds * 1e9);
            wall += ns;
            cpu += ns;
        }

        @Override
        public long wallNanos() {
            return wall;
        }

        @Override
        public long cpuNanos() {
            return cpu;
        }
    }

    /** A notebook screen whose every frame costs {@code frameSeconds} of the training thread's time. */
    static final class CostlyNotebook implements LiveView.Screen {
        final FakeClock clock;
        final double frameSeconds;
        int frames;

        CostlyNotebook(FakeClock clock, double frameSeconds) {
            this.clock = clock;
            this.frameSeconds = frameSeconds;
        }

        @Override
        public boolean rich() {
            return true;
        }

        @Override
        public Notebook.Handle show(Object view) {
            count(view);
            return this::count;
        }

        private void count(Object view) {
            if (view instanceof Chart) {
                frames++;
                clock.work(frameSeconds);
            }
        }
    }

    /** Runs {@code steps} steps of {@code stepSeconds} each; returns the step indexes (from 1) after which a frame was drawn. */
    static List<Integer> train(LiveView view, FakeClock clock, CostlyNotebook screen, int steps, double stepSeconds) {
        History h = new History("RNN");
        List<Integer> drawnAfter = new ArrayList<>();
        view.onTrainBegin(h, steps);
        for (int i = 0; i < steps; i++) {
            clock.work(stepSeconds);
            h.add(step(1, i, i, 1.0 / (i + 1)));
            int before = screen.frames;
            view.onStep(h, h.steps().get(i));
            if (screen.frames > before) drawnAfter.add(i + 1);
        }
        view.onTrainEnd(h);
        return drawnAfter;
    }

    @Test
    void nothingIsDrawnBeforeTheFirstIntervalAndTheLastStepAlwaysIs() {
        FakeClock clock = new FakeClock();
        CostlyNotebook screen = new CostlyNotebook(clock, 0.001);
        LiveView view = new LiveView(screen, clock, System.out, false).updatesPerSecond(1);
        // 900 steps of 1 ms: 0.9 s, less than one interval
        assertEquals(List.of(), train(view, clock, screen, 900, 0.001));
        assertEquals(1, view.draws(), "only the final frame");
        assertEquals(1, screen.frames);
    }

    @Test
    void cheapFramesComeAtTheRequestedRate() {
        FakeClock clock = new FakeClock();
        CostlyNotebook screen = new CostlyNotebook(clock, 0.001);
        LiveView view = new LiveView(screen, clock, System.out, false);
        // 10 s of 10 ms steps at 2 updates/s; a 1 ms frame is 0.1 % of a 0.5 s interval, far inside the budget
        List<Integer> drawn = train(view, clock, screen, 1000, 0.010);
        assertEquals(50, drawn.get(0), "the first frame after 0.5 s");
        for (int k = 1; k < drawn.size(); k++) {
            assertEquals(50, drawn.get(k) - drawn.get(k - 1), "a frame every 0.5 s: " + drawn);
        }
        assertEquals(20, drawn.size(), "steps 50, 100, ..., 1000: " + drawn);
        assertEquals(21, view.draws(), "20 frames during the run and the final one");
    }

    @Test
    void anExpensiveFrameDelaysTheNextUntilTheBudgetAllowsIt() {
        FakeClock clock = new FakeClock();
        CostlyNotebook screen = new CostlyNotebook(clock, 0.040);
        LiveView view = new LiveView(screen, clock, System.out, false);
        // a 40 ms frame at the 2 % budget buys the next one after 40 / 0.02 = 2000 ms more of training
        List<Integer> drawn = train(view, clock, screen, 1000, 0.010);
        assertEquals(50, drawn.get(0));
        assertEquals(List.of(50, 250, 450, 650, 850), drawn);
        assertEquals(0.040 * 6, view.drawSeconds(), 1e-9, "five frames during the run and the final one");
        double trainingSeconds = 1000 * 0.010;
        assertTrue(view.drawSeconds() / trainingSeconds <= 0.025, "drawing stays near its budget");
    }

    @Test
    void aFrameSlowerThanTheCapWaitsAtMostTheCap() {
        FakeClock clock = new FakeClock();
        CostlyNotebook screen = new CostlyNotebook(clock, 1.0);
        LiveView view = new LiveView(screen, clock, System.out, false);
        // 1 s / 2 % would be 50 s; the wait is capped at MAX_WAIT_SECONDS of training
        List<Integer> drawn = train(view, clock, screen, 3000, 0.010);
        int capSteps = (int) (LiveView.MAX_WAIT_SECONDS / 0.010);
        assertEquals(List.of(50, 50 + capSteps, 50 + 2 * capSteps), drawn);
    }

    @Test
    void withoutAThreadCpuClockTheBudgetCountsWallTime() {
        FakeClock clock = new FakeClock() {
            @Override
            public long cpuNanos() {
                return -1;
            }
        };
        CostlyNotebook screen = new CostlyNotebook(clock, 0.040);
        LiveView view = new LiveView(screen, clock, System.out, false);
        assertEquals(List.of(50, 250, 450, 650, 850), train(view, clock, screen, 1000, 0.010));
    }

}
