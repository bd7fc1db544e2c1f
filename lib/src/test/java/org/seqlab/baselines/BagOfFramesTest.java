package org.seqlab.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.seqlab.data.Sequence;

class BagOfFramesTest {
    @Test
    void theBagIsEachBandsMeanAndDeviation() {
        float[][] x = {{1, 10}, {3, 10}, {5, 16}};
        // band 1: mean 3, deviation sqrt((4 + 0 + 4) / 3); band 2: mean 12, deviation sqrt((4 + 4 + 16) / 3)
        assertArrayEquals(new double[] {3, 12, Math.sqrt(8 / 3.0), Math.sqrt(8.0)}, BagOfFrames.features(x), 1e-6);
    }

    /** Class 0 rises in band 1 then band 2, class 1 the other way; means and spreads tell them apart too. */
    private static List<Sequence> clips(int n, long seed) {
        Random rng = new Random(seed);
        List<Sequence> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = i % 2;
            float[][] x = new float[5 + rng.nextInt(6)][3];
            for (float[] f : x) {
                f[0] = (float) (label + 0.3 * rng.nextGaussian());
                f[1] = (float) (-label + 0.3 * rng.nextGaussian());
                f[2] = (float) rng.nextGaussian();
            }
            out.add(Sequence.features(x, label));
        }
        return out;
    }

    @Test
    void learnsClassesThatDifferInTheirFramesAndIgnoresTheirOrder() {
        BagOfFrames bag = BagOfFrames.fit(clips(80, 1), 2);
        List<Sequence> test = clips(40, 2);
        assertTrue(bag.accuracy(test) >= 0.95, "accuracy " + bag.accuracy(test));
        for (Sequence s : test) {
            List<float[]> frames = new ArrayList<>(List.of(s.x()));
            Collections.shuffle(frames, new Random(3));
            float[][] shuffled = frames.toArray(float[][]::new);
            assertArrayEquals(bag.probabilities(s.x()), bag.probabilities(shuffled), 1e-6);
        }
        assertEquals(40, bag.confusion(test, List.of("a", "b")).total());
    }

    @Test
    void aClipOfNoFramesOrOfTheWrongWidthIsAClearError() {
        BagOfFrames bag = BagOfFrames.fit(clips(10, 1), 2);
        var e = assertThrows(IllegalArgumentException.class, () -> bag.predict(new float[0][3]));
        assertTrue(e.getMessage().contains("at least one frame") && e.getMessage().contains("T = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> bag.predict(new float[][] {{1, 2, 3}, {1, 2}}));
        assertTrue(e.getMessage().contains("D=3") && e.getMessage().contains("t = 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> bag.predict(new float[][] {{1, 2}}));
        assertTrue(e.getMessage().contains("D=3 values but frame 0 (t = 1) has 2"), e.getMessage());
    }
}
