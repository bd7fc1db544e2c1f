package org.seqlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    @Test
    void printsAStepLineAtMostOncePerIntervalAndEveryEpoch() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong clock = new AtomicLong();
        ProgressLine line = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), 1.0, () ->
                clock.addAndGet(400_000_000L)); // every call advances 0.4 s
        ScriptedModel model = new ScriptedModel(5, 4);
        model.fit(model.trainer(2, line), 5);
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        long stepLines = java.util.Arrays.stream(lines).filter(l -> l.contains(" · step ")).count();
        assertTrue(stepLines >= 3 && stepLines <= 5, String.join("\n", lines));
        assertEquals("epoch 1 · batch 0 · step 1/10 (10%) · loss 1.000 · accuracy 0.5000 · 2.500 steps/s · 0:00"
                + " elapsed · 0:04 left", lines[0]);
        String epoch2 = java.util.Arrays.stream(lines).filter(l -> l.startsWith("epoch 2 done")).findFirst()
                .orElseThrow();
        assertTrue(epoch2.startsWith("epoch 2 done · loss 1.000 · accuracy 0.5000 · val loss 4.000 · val accuracy"
                + " 0.6000 · "), epoch2);
    }

    @Test
    void aZeroIntervalPrintsEveryStep() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ScriptedModel model = new ScriptedModel(5);
        model.fit(model.trainer(1, new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), 0)), 4);
        assertEquals(5, bytes.toString(StandardCharsets.UTF_8).split("\n").length);
    }

    @Test
    void theLineShowsEpochBatchSmoothedLossValidationSpeedAndTimeLeft() {
        History h = new History("LSTM");
        for (int i = 0; i < 50; i++) h.add(new History.Step(1 + i / 20, i % 20, i, 2.0, 1.0, 0, java.util.Map.of()));
        h.add(new History.Epoch(1, java.util.Map.of("loss", 2.0), java.util.Map.of("loss", 2.5), 1));
        assertEquals("epoch 3 · batch 9 · step 50/200 (25%) · loss 2.000 · val loss 2.500 · 20 steps/s"
                + " · 0:03 elapsed · 0:08 left", ProgressLine.line(h, 50, 200, 2.5, 0.9));
    }

    @Test
    void withoutAPlannedTotalThereIsNoPercentageNorTimeLeft() {
        assertEquals("step 0 · 0:00 elapsed", ProgressLine.line(new History("x"), 0, 0, 0, 0.9));
        assertEquals("1:01:05", ProgressLine.clock(3665));
    }

    @Test
    void numbersHaveFourSignificantDigits() {
        assertEquals("2.871", ProgressLine.number(2.8712));
        assertEquals("0.5000", ProgressLine.number(0.5));
        assertEquals("1.235e+04", ProgressLine.number(12345.6));
        assertEquals("2.000e-04", ProgressLine.number(0.0002));
        assertEquals("0.000", ProgressLine.number(0));
    }

    @Test
    void theLossOnTheLineIsSmoothedAsTheChartDrawsIt() {
        History h = new History("x");
        double[] losses = {4, 2, 3, 1};
        for (int i = 0; i < 4; i++) h.add(new History.Step(1, i, i + 1, losses[i], 1, 0, java.util.Map.of()));
        String expected = ProgressLine.number(Smoothing.last(losses, 0.5));
        assertTrue(ProgressLine.line(h, 4, 0, 1, 0.5).contains(" · loss " + expected + " · "), expected);
    }
}
