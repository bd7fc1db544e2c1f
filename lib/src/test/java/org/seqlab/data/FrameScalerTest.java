package org.seqlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FrameScalerTest {
    private static final List<Sequence> TRAIN = List.of(
            Sequence.features(new float[][] {{1, 5}, {3, 5}}, 0),
            Sequence.features(new float[][] {{5, 5}}, 1));

    @Test
    void meanAndDeviationComeFromEveryTrainingStep() {
        FrameScaler s = FrameScaler.fit(TRAIN);
        // feature 1: steps 1, 3, 5: mean 3, deviation sqrt(8/3); feature 2 is constant: only centred
        assertArrayEquals(new double[] {3, 5}, s.mean(), 1e-12);
        assertArrayEquals(new double[] {Math.sqrt(8 / 3.0), 1}, s.scale(), 1e-12);
        List<Sequence> scaled = s.apply(TRAIN);
        assertArrayEquals(new float[] {(float) (-2 / Math.sqrt(8 / 3.0)), 0}, scaled.get(0).x()[0], 1e-6f);
        assertEquals(1, scaled.get(1).label());
        assertArrayEquals(new float[] {1, 5}, TRAIN.get(0).x()[0], "the input is left as it was");
    }

    @Test
    void centringEachSequenceRemovesAConstantOffsetPerSequence() {
        FrameScaler s = FrameScaler.fitCentred(TRAIN);
        float[][] shifted = {{11, -2}, {13, -2}};        // the first training sequence plus (10, −7)
        assertArrayEquals(s.apply(TRAIN.get(0).x())[1], s.apply(shifted)[1], 1e-6f);
        // centred steps: (−1, 0), (1, 0), (0, 0): mean 0, deviation sqrt(2/3) for feature 1
        assertArrayEquals(new double[] {0, 0}, s.mean(), 1e-12);
        assertEquals(Math.sqrt(2 / 3.0), s.scale()[0], 1e-12);
        assertTrue(s.toString().contains("centred"));
    }

    @Test
    void emptyOrMisshapenInputIsAClearError() {
        FrameScaler s = FrameScaler.fit(TRAIN);
        var e = assertThrows(IllegalArgumentException.class, () -> s.apply(new float[0][2]));
        assertTrue(e.getMessage().contains("T = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.apply(new float[][] {{1, 2}, {3}}));
        assertTrue(e.getMessage().contains("D=2 features but step t = 2 has 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FrameScaler.fit(List.of()));
    }
}
