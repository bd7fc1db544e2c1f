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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.seqlab.display.Notebook;
import org.seqlab.train.History;

class LiveViewTest {
    /** A screen that records what was shown, on which thread, and, like the kernel, encodes each view. */
    static class FakeNotebook implements LiveView.Screen {
        final List<Object> shown = Collections.synchronizedList(new ArrayList<>());
        final List<Object> updates = Collections.synchronizedList(new ArrayList<>());
        final List<String> threads = Collections.synchronizedList(new ArrayList<>());
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
            record(view, shown);
            return v -> record(v, updates);
        }

        void record(Object view, List<Object> into) {
            Notebook.bundle(view);
            threads.add(Thread.currentThread().getName());
            into.add(view);
        }

        List<Chart> charts() {
            List<Chart> c = new ArrayList<>();
            for (Object v : shown) if (v instanceof Chart chart) c.add(chart);
            for (Object v : updates) if (v instanceof Chart chart) c.add(chart);
            return c;
        }
    }

    static History.Step step(int epoch, int batch, long step, double loss) {
        return new History.Step(epoch, batch, step, loss, 1.0, 0, Map.of());
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

    private static LiveView inline(LiveView.Screen screen, FakeClock clock) {
        return new LiveView(screen, clock, LiveView.INLINE, System.out, false);
    }

    @Test
    void outsideANotebookOnlyTheProgressLineIsPrintedFirstAtTheFirstStep() {
        FakeNotebook screen = new FakeNotebook(false);
        FakeClock clock = new FakeClock();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LiveView view = new LiveView(screen, clock, LiveView.INLINE, new PrintStream(out, true, StandardCharsets.UTF_8),
                false);
        History h = new History("RNN");
        view.onTrainBegin(h, 10);
        for (int i = 0; i < 10; i++) {
            clock.work(0.01);
            h.add(step(1, i, i, 1.0 / (i + 1)));
            view.onStep(h, h.steps().get(i));
        }
        view.onTrainEnd(h);
        List<String> printed = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, printed.size(), "the first step's line and the last one: " + printed);
        assertTrue(printed.get(0).contains("step 1/10 (10%)"), printed.get(0));
        assertTrue(printed.get(1).contains("step 10/10 (100%)"), printed.get(1));
        assertTrue(screen.shown.isEmpty());
    }

    @Test
    void inANotebookTheLineAndChartAreShownOnceThenUpdatedInPlace() {
        FakeNotebook screen = new FakeNotebook(true);
        FakeClock clock = new FakeClock();
        LiveView view = inline(screen, clock).updatesPerSecond(2).logY();
        History h = new History("GRU");
        view.onTrainBegin(h, 100);
        for (int i = 0; i < 100; i++) {
            clock.work(0.1);
            h.add(step(1, i, i, 3.0 * Math.exp(-i / 30.0) + 0.1));
            view.onStep(h, h.steps().get(i));
        }
        view.onTrainEnd(h);
        assertEquals(2, screen.shown.size(), "the progress line and the chart");
        assertInstanceOf(String.class, screen.shown.get(0));
        assertEquals(1, ((Chart) screen.shown.get(1)).y("GRU (raw)").length, "shown at the first step");
        assertTrue(screen.updates.size() > 10, "updated in place during the run: " + screen.updates.size());
        Chart last = (Chart) screen.updates.get(screen.updates.size() - 1);
        assertEquals(100, last.y("GRU (raw)").length);
        assertEquals("GRU: loss per step", last.chart().getTitle());
        assertTrue(last.chart().getStyler().isYAxisLogarithmic());
        assertTrue(view.progressLine().contains("step 100/100"), view.progressLine());
        Pixels.check(last, Style.WIDTH, Style.HEIGHT, "live-final.png");
    }

    @Test
    void everyFrameCarriesTheReferenceLines() {
        FakeNotebook screen = new FakeNotebook(true);
        FakeClock clock = new FakeClock();
        LiveView view = inline(screen, clock).updatesPerSecond(4).reference("unigram baseline", 2.5);
        History h = new History("GRU");
        view.onTrainBegin(h, 30);
        for (int i = 0; i < 30; i++) {
            clock.work(0.1);
            h.add(step(1, i, i, 3.0 * Math.exp(-i / 10.0)));
            view.onStep(h, h.steps().get(i));
        }
        view.onTrainEnd(h);
        List<Chart> frames = screen.charts();
        assertTrue(frames.size() > 3, "frames: " + frames.size());
        for (Chart f : frames) assertArrayEquals(new double[] {2.5, 2.5}, f.y("unigram baseline (2.500)"));
        assertArrayEquals(new double[] {0, 29}, frames.get(frames.size() - 1).chart().getSeriesMap()
                .get("unigram baseline (2.500)").getXData());
    }

    /** A notebook screen whose every chart costs {@code frameSeconds} of the drawing thread's time. */
    static final class CostlyNotebook extends FakeNotebook {
        final FakeClock clock;
        final double[] frameSeconds;
        int frames;

        /** Frame k costs frameSeconds[min(k, last)]. */
        CostlyNotebook(FakeClock clock, double... frameSeconds) {
            super(true);
            this.clock = clock;
            this.frameSeconds = frameSeconds;
        }

        @Override
        void record(Object view, List<Object> into) {
            if (view instanceof Chart) {
                clock.work(frameSeconds[Math.min(frames, frameSeconds.length - 1)]);
                frames++;
            }
        }
    }

    /** Runs {@code steps} steps of {@code stepSeconds} each; returns the steps (from 1) after which a chart was drawn. */
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
    void theFirstFrameComesAtTheFirstStepAndTheLastStepIsAlwaysDrawn() {
        FakeClock clock = new FakeClock();
        CostlyNotebook screen = new CostlyNotebook(clock, 0.001);
        LiveView view = inline(screen, clock).updatesPerSecond(1);
        // 900 steps of 1 ms: 0.9 s, less than one interval after the first frame
        assertEquals(List.of(1), train(view, clock, screen, 900, 0.001));
        assertEquals(2, view.draws(), "the first step's frame and the final one");
        assertEquals(2, screen.frames);
    }

    @Test
    void cheapFramesComeAtTheRequestedRate() {
        FakeClock clock = new FakeClock();
        CostlyNotebook screen = new CostlyNotebook(clock, 0.001);
        LiveView view = inline(screen, clock);
        // 10 s of 10 ms steps at 2 updates/s. The frame at step k is requested at k·10 ms plus the 1 ms of each
        // earlier frame, and the next may start 0.5 s after that: 50 steps later, less the 1 ms, so at step k+50.
        List<Integer> drawn = train(view, clock, screen, 1000, 0.010);
        List<Integer> expected = new ArrayList<>();
        for (int k = 1; k <= 1000; k += 50) expected.add(k);
        assertEquals(expected, drawn);
        assertEquals(21, view.draws(), "20 frames during the run and the final one");
    }

    /** The frames of 1000 steps of 10 ms, each frame costing 40 ms: see anExpensiveFrame... for the derivation. */
    static final List<Integer> EXPENSIVE = List.of(1, 47, 93, 139, 185, 231, 277, 323, 369, 415, 461, 507, 553, 599,
            674, 770, 866, 962);

    @Test
    void anExpensiveFrameDelaysTheNextUntilTheBudgetAllowsIt() {
        FakeClock clock = new FakeClock();
        CostlyNotebook screen = new CostlyNotebook(clock, 0.040);
        LiveView view = inline(screen, clock);
        // The first frame (step 1, requested at 10 ms) is free; the next may start 0.5 s after its request, at
        // 510 ms, and the clock has also run the 40 ms frame: step 47. From then on a frame every 0.5 s (46 steps
        // and the frame's 40 ms) costs 40 ms while the bucket refills 4 % of 0.46 s = 18.4 ms: the 250 ms burst
        // lasts twelve frames (steps 47 … 553, the thirteenth, at 599, overdraws it). In debt, each 40 ms frame
        // waits for 40 ms / 4 % = 1 s of refill, less the part already refilled: frames 96 steps apart from 674.
        List<Integer> drawn = train(view, clock, screen, 1000, 0.010);
        assertEquals(EXPENSIVE, drawn);
        assertEquals(EXPENSIVE.size() + 1, view.draws(), "and the final frame");
        double wall = clock.wall / 1e9;
        double budgeted = view.drawSeconds() - 2 * 0.040; // all but the free first frame and the final one
        assertTrue(budgeted <= LiveView.BUDGET * wall + LiveView.BURST_SECONDS,
                "drawing keeps within the budget and its burst: " + budgeted + " s in " + wall + " s");
    }

    @Test
    void theFirstFramesCostDoesNotCountAgainstTheBudget() {
        FakeClock clock = new FakeClock();
        // a cold first frame of 2 s (class loading), then warm frames of 5 ms
        CostlyNotebook screen = new CostlyNotebook(clock, 2.0, 0.005);
        LiveView view = inline(screen, clock);
        List<Integer> drawn = train(view, clock, screen, 400, 0.010);
        // the first frame, requested at 10 ms, lets the next start at 510 ms, which the 2 s frame already passed
        assertEquals(1, drawn.get(0));
        assertEquals(2, drawn.get(1), "the second frame follows at once, not 2 / 0.04 = 50 s later");
        assertEquals(2 + 50, drawn.get(2), "then one every 0.5 s: 5 ms is far inside the budget");
        assertEquals(List.of(1, 2, 52, 102, 152), drawn.subList(0, 5));
    }

    @Test
    void aFrameSlowerThanTheCapWaitsAtMostTheCap() {
        FakeClock clock = new FakeClock();
        CostlyNotebook screen = new CostlyNotebook(clock, 1.0);
        LiveView view = inline(screen, clock);
        // The first frame is free and ends at 1.01 s, past the interval, so the second comes at step 2. It overdraws
        // the 0.25 s burst by 0.75 s, which would take 0.75 / 4 % = 18.75 s to repay; the wait is capped at
        // MAX_WAIT_SECONDS = 10 s after the frame ends, 1000 steps, and so is every later one.
        List<Integer> drawn = train(view, clock, screen, 3000, 0.010);
        assertEquals(List.of(1, 2, 1002, 2002), drawn);
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
        LiveView view = inline(screen, clock);
        assertEquals(EXPENSIVE, train(view, clock, screen, 1000, 0.010));
    }

    @Test
    void aFailingScreenStopsTheFramesButNotTraining() {
        FakeClock clock = new FakeClock();
        FakeNotebook broken = new FakeNotebook(true) {
            @Override
            void record(Object view, List<Object> into) {
                if (view instanceof Chart) throw new IllegalStateException("display detached");
                super.record(view, into);
            }
        };
        LiveView view = inline(broken, clock);
        PrintStream stderr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            History h = new History("RNN");
            view.onTrainBegin(h, 200);
            for (int i = 0; i < 200; i++) {
                clock.work(0.01);
                h.add(step(1, i, i, 1));
                view.onStep(h, h.steps().get(i));
            }
            view.onTrainEnd(h);
        } finally {
            System.setErr(stderr);
        }
        assertEquals(1, view.draws(), "no frame after the failing one");
        assertEquals("the live view stopped drawing: java.lang.IllegalStateException: display detached\n",
                err.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }

    /** A notebook whose first chart blocks until the test lets it go, as a slow cold frame would. */
    static final class BlockedNotebook extends FakeNotebook {
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean timedOut;

        BlockedNotebook() {
            super(true);
        }

        @Override
        void record(Object view, List<Object> into) {
            if (view instanceof Chart && charts().isEmpty()) {
                try {
                    timedOut = !release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            super.record(view, into);
        }
    }

    @Test
    void framesAreDrawnOnTheirOwnThreadSoASlowFrameDoesNotHoldUpTraining() throws InterruptedException {
        BlockedNotebook screen = new BlockedNotebook();
        LiveView view = new LiveView(screen, LiveView.SYSTEM_CLOCK, new LiveView.Background(), System.out, false);
        History h = new History("LSTM");
        view.onTrainBegin(h, 500);
        for (int i = 0; i < 500; i++) {
            h.add(step(1, i, i, 2.0 / (i + 1)));
            view.onStep(h, h.steps().get(i));
        }
        // every step ran while the first chart was still blocked: drawing did not hold the loop
        assertTrue(screen.charts().isEmpty(), "the first chart is still being drawn");
        screen.release.countDown();
        view.onTrainEnd(h);
        assertFalse(screen.timedOut);
        List<Chart> charts = screen.charts();
        assertEquals(1, charts.get(0).y("LSTM (raw)").length, "the first frame shows the first step");
        assertEquals(500, charts.get(charts.size() - 1).y("LSTM (raw)").length, "the final frame is out on return");
        assertTrue(view.progressLine().contains("step 500/500"), view.progressLine());
        for (String t : screen.threads) assertEquals("seqlab-live-view", t);
    }

    @Test
    void aDisplayThatNeverReturnsDoesNotHoldTheEndOfTraining() throws InterruptedException {
        BlockedNotebook screen = new BlockedNotebook();
        LiveView view = new LiveView(screen, LiveView.SYSTEM_CLOCK, new LiveView.Background(50), System.out, false);
        History h = new History("LSTM");
        try {
            view.onTrainBegin(h, 3);
            for (int i = 0; i < 3; i++) {
                h.add(step(1, i, i, 1));
                view.onStep(h, h.steps().get(i));
            }
            view.onTrainEnd(h); // returns although the first chart is still blocked
            assertTrue(screen.charts().isEmpty(), "no chart was shown while the display hung");
        } finally {
            screen.release.countDown();
        }
    }
}
