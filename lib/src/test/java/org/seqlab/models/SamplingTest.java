package org.seqlab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SamplingTest {
    /** softmax of these logits: 0.5, 0.25, 0.125, 0.125 (hand-computed from ln of the probabilities). */
    private static final double[] LOGITS = {Math.log(0.5), Math.log(0.25), Math.log(0.125), Math.log(0.125)};

    @Test
    void temperatureOneGivesTheSoftmax() {
        assertArrayEquals(new double[] {0.5, 0.25, 0.125, 0.125}, Sampling.temperature(1).probabilities(LOGITS), 1e-12);
    }

    @Test
    void temperatureDividesTheLogits() {
        // τ = 0.5 squares the probabilities before renormalising: 0.25, 0.0625, 0.015625, 0.015625 over 0.34375
        double[] p = Sampling.temperature(0.5).probabilities(LOGITS);
        assertArrayEquals(new double[] {0.25 / 0.34375, 0.0625 / 0.34375, 0.015625 / 0.34375, 0.015625 / 0.34375},
                p, 1e-12);
    }

    @Test
    void topKKeepsTheKLikeliestRenormalised() {
        assertArrayEquals(new double[] {2 / 3.0, 1 / 3.0, 0, 0},
                Sampling.temperature(1).topK(2).probabilities(LOGITS), 1e-12);
        assertArrayEquals(new double[] {1, 0, 0, 0}, Sampling.temperature(1).topK(1).probabilities(LOGITS), 1e-12);
        assertArrayEquals(Sampling.temperature(1).probabilities(LOGITS),
                Sampling.temperature(1).topK(99).probabilities(LOGITS), 1e-12, "k above V keeps every symbol");
    }

    @Test
    void topKBreaksTiesByTheLowerId() {
        assertArrayEquals(new double[] {0, 0, 1, 0}, Sampling.temperature(1).topK(1)
                .probabilities(new double[] {0, 0, 3, 3}), 1e-12);
    }

    @Test
    void topPKeepsTheSmallestSetReachingP() {
        // 0.5 alone is short of 0.7; 0.5 + 0.25 reaches it
        assertArrayEquals(new double[] {2 / 3.0, 1 / 3.0, 0, 0},
                Sampling.temperature(1).topP(0.7).probabilities(LOGITS), 1e-12);
        assertArrayEquals(new double[] {1, 0, 0, 0}, Sampling.temperature(1).topP(0.5).probabilities(LOGITS), 1e-12);
        assertArrayEquals(new double[] {1, 0, 0, 0}, Sampling.temperature(1).topP(0.1).probabilities(LOGITS), 1e-12,
                "the likeliest symbol is always kept");
        assertArrayEquals(Sampling.temperature(1).probabilities(LOGITS),
                Sampling.temperature(1).topP(1).probabilities(LOGITS), 1e-12);
    }

    @Test
    void topKAppliesBeforeTopP() {
        // top-2 leaves 2/3, 1/3; p = 0.6 then keeps only the first
        assertArrayEquals(new double[] {1, 0, 0, 0},
                Sampling.temperature(1).topK(2).topP(0.6).probabilities(LOGITS), 1e-12);
    }

    @Test
    void greedyTakesTheArgMax() {
        assertEquals(2, Sampling.greedy().draw(new double[] {1, 2, 5, 3}, new Random(1)));
        assertArrayEquals(new double[] {0, 0, 1, 0}, Sampling.greedy().probabilities(new double[] {1, 2, 5, 3}));
    }

    @Test
    void drawsFollowTheDistribution() {
        Sampling s = Sampling.temperature(1).topK(3);
        Random rng = new Random(5);
        int[] counts = new int[4];
        int n = 40_000;
        for (int i = 0; i < n; i++) counts[s.draw(LOGITS, rng)]++;
        // top-3 of 0.5, 0.25, 0.125 → 4/7, 2/7, 1/7; 4 standard errors at n = 40,000 is about 0.01
        assertEquals(4 / 7.0, counts[0] / (double) n, 0.01);
        assertEquals(2 / 7.0, counts[1] / (double) n, 0.01);
        assertEquals(1 / 7.0, counts[2] / (double) n, 0.01);
        assertEquals(0, counts[3], "a symbol outside the top 3 is never drawn");
    }

    @Test
    void hugeLogitsDoNotOverflow() {
        double[] p = Sampling.temperature(0.01).probabilities(new double[] {1000, 999, -1000});
        assertTrue(Double.isFinite(p[0]) && Math.abs(p[0] + p[1] + p[2] - 1) < 1e-12);
    }

    @Test
    void badSettingsAreRefusedWithWhatWasExpected() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> Sampling.temperature(0));
        assertTrue(zero.getMessage().contains("temperature must be > 0") && zero.getMessage().contains("greedy()"),
                zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sampling.temperature(-1));
        assertThrows(IllegalArgumentException.class, () -> Sampling.temperature(Double.NaN));
        IllegalArgumentException k = assertThrows(IllegalArgumentException.class,
                () -> Sampling.temperature(1).topK(0));
        assertTrue(k.getMessage().contains("k >= 1") && k.getMessage().contains("is 0"), k.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sampling.temperature(1).topP(0));
        assertThrows(IllegalArgumentException.class, () -> Sampling.temperature(1).topP(1.5));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> Sampling.temperature(1).probabilities(new double[] {0, Double.NaN}));
        assertTrue(nan.getMessage().contains("logits[1] is NaN"), nan.getMessage());
    }

    @Test
    void settingsReadBack() {
        Sampling s = Sampling.temperature(0.8).topK(10).topP(0.9).pastEnd();
        assertEquals(0.8, s.temperature());
        assertEquals(10, s.topK());
        assertEquals(0.9, s.topP());
        assertTrue(!s.stopsAtEnd() && Sampling.temperature(1).stopsAtEnd());
        assertEquals("τ = 0.8, top-k 10, top-p 0.9, past </s>", s.toString());
    }
}
