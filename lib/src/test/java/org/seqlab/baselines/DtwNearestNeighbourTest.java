package org.seqlab.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.seqlab.data.Sequence;

class DtwNearestNeighbourTest {
    private static float[][] scalars(float... v) {
        float[][] x = new float[v.length][1];
        for (int t = 0; t < v.length; t++) x[t][0] = v[t];
        return x;
    }

    @Test
    void aTinyCaseMatchesTheRecurrenceByHand() {
        // a = 0 1, b = 0 2 1: d = [[0 2 1], [1 1 0]]
        // g(1,1) = 0, g(1,2) = 2, g(1,3) = 3; g(2,1) = 1, g(2,2) = min(2 + 1, 0 + 2, 1 + 1) = 2,
        // g(2,3) = min(3 + 0, 2 + 0, 2 + 0) = 2; DTW = 2 / (2 + 3)
        assertEquals(2 / 5.0, DtwNearestNeighbour.distance(scalars(0, 1), scalars(0, 2, 1)), 1e-12);
        // one frame each: 2 d / 2 = d, the Euclidean distance of the frames
        assertEquals(5, DtwNearestNeighbour.distance(new float[][] {{0, 0}}, new float[][] {{3, 4}}), 1e-12);
    }

    @Test
    void stretchingAClipInTimeCostsNothingAndTheCostIsSymmetric() {
        Random rng = new Random(1);
        float[][] a = new float[8][3];
        for (float[] f : a) for (int k = 0; k < 3; k++) f[k] = (float) rng.nextGaussian();
        float[][] slow = new float[16][];
        for (int t = 0; t < 16; t++) slow[t] = a[t / 2];
        assertEquals(0, DtwNearestNeighbour.distance(a, a), 1e-12);
        assertEquals(0, DtwNearestNeighbour.distance(a, slow), 1e-12);
        float[][] b = new float[11][3];
        for (float[] f : b) for (int k = 0; k < 3; k++) f[k] = (float) rng.nextGaussian();
        assertEquals(DtwNearestNeighbour.distance(a, b), DtwNearestNeighbour.distance(b, a), 1e-12);
        assertTrue(DtwNearestNeighbour.distance(a, b) > 0);
    }

    @Test
    void aNarrowBandCanOnlyRaiseTheCostAndIsWidenedToTheLengthDifference() {
        // the 5 sits at t = 2 in a and t = 6 in b: free warping aligns them, a band of 1 frame cannot
        float[][] a = scalars(0, 5, 0, 0, 0, 0, 0);
        float[][] b = scalars(0, 0, 0, 0, 0, 5, 0);
        assertEquals(0, DtwNearestNeighbour.distance(a, b), 1e-12);
        double banded = DtwNearestNeighbour.distance(a, b, 1);
        assertTrue(banded > 0, "banded " + banded);
        // lengths 2 and 6 with w = 0: widened to 4, so an alignment exists and the cost is finite
        assertTrue(Double.isFinite(DtwNearestNeighbour.distance(scalars(1, 2), scalars(1, 1, 1, 2, 2, 2), 0)));
        assertEquals(0, DtwNearestNeighbour.distance(scalars(1, 2), scalars(1, 1, 1, 2, 2, 2), 0), 1e-12);
    }

    @Test
    void theNearestTemplateNamesTheClassEvenAtAnotherSpeed() {
        List<Sequence> templates = List.of(Sequence.features(scalars(0, 1, 2, 3), 0),
                Sequence.features(scalars(3, 2, 1, 0), 1), Sequence.features(scalars(0, 3, 0, 3), 2));
        DtwNearestNeighbour dtw = DtwNearestNeighbour.of(templates);
        DtwNearestNeighbour.Match m = dtw.nearest(scalars(3, 3, 2, 2, 1, 1, 0, 0));
        assertEquals(1, m.index());
        assertEquals(1, m.label());
        assertEquals(0, m.cost(), 1e-12);
        List<Sequence> test = List.of(Sequence.features(scalars(0, 0, 1, 2, 3, 3), 0),
                Sequence.features(scalars(0, 3, 3, 0, 3), 2));
        assertEquals(1.0, dtw.accuracy(test));
        assertEquals(2, dtw.confusion(test, List.of("up", "down", "zigzag")).total());
    }

    @Test
    void aClipOfNoFramesOrOfAnotherWidthIsAClearError() {
        DtwNearestNeighbour dtw = DtwNearestNeighbour.of(List.of(Sequence.features(scalars(0, 1), 0),
                Sequence.features(scalars(1, 0), 1)));
        var e = assertThrows(IllegalArgumentException.class, () -> dtw.predict(new float[0][1]));
        assertTrue(e.getMessage().contains("at least one frame") && e.getMessage().contains("T = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> dtw.predict(new float[][] {{1, 2}}));
        assertTrue(e.getMessage().contains("D=1 values but frame 0 (t = 1) has 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DtwNearestNeighbour.of(List.of()));
        assertTrue(e.getMessage().contains("at least one"), e.getMessage());
    }
}
