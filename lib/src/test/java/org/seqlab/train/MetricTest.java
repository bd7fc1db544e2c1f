package org.seqlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class MetricTest {
    @Test
    void sumsAndCountsAddSoAveragesAreExact() {
        Metric m = Metric.mean(3, 4).plus(Metric.mean(1, 1));
        assertEquals(0.8, m.value(), 1e-15);
    }

    @Test
    void perplexityIsTheExponentOfTheMeanNegativeLogLikelihood() {
        assertEquals(Math.exp(1.5), Metric.expMean(2, 2).plus(Metric.expMean(4, 2)).value(), 1e-12);
    }

    @Test
    void emptyMetricsAreNanAndKindsDoNotMix() {
        assertTrue(Double.isNaN(Metric.mean(0, 0).value()));
        assertThrows(IllegalArgumentException.class, () -> Metric.mean(1, 1).plus(Metric.expMean(1, 1)));
    }

    @Test
    void accuracyCountsTheArgMaxAgainstTheTargetPerSequence() {
        var logits = Nd4j.createFromArray(new float[][] {{2, 1, 0}, {0, 3, 1}, {0, 0, 5}, {1, 4, 2}});
        var targets = Nd4j.createFromArray(new float[] {0, 1, 1, 1});
        Metric m = Metric.accuracy(logits, targets);
        assertEquals(3, m.sum());
        assertEquals(4, m.count());
        assertEquals(0.75, m.value(), 1e-15);
    }

    @Test
    void accuracyPerStepCountsOnlyRealSteps() {
        // [T=2, B=2, C=2]: step 0 right in both lanes, step 1 wrong in lane 0 (real) and lane 1 (padded)
        var logits = Nd4j.createFromArray(new double[][][] {{{1, 0}, {0, 1}}, {{1, 0}, {1, 0}}});
        var targets = Nd4j.createFromArray(new int[][] {{0, 1}, {1, 1}});
        var mask = Nd4j.createFromArray(new float[][] {{1, 1}, {1, 0}});
        Metric m = Metric.accuracy(logits, targets, mask);
        assertEquals(2, m.sum());
        assertEquals(3, m.count());
        assertEquals(1.0, Metric.accuracy(logits, targets, Nd4j.createFromArray(new float[][] {{1, 1}, {0, 0}})).value());
        assertEquals(0.5, Metric.accuracy(logits, targets).value());
    }

    @Test
    void accuracyNamesMismatchedShapesAndBadTargets() {
        var logits = Nd4j.zeros(DataType.FLOAT, 4, 3);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Metric.accuracy(logits, Nd4j.zeros(DataType.FLOAT, 5)));
        assertEquals("targets must be [B=4] but is [5]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Metric.accuracy(logits, Nd4j.createFromArray(new float[] {0, 1, 3, 0})));
        assertEquals("targets must be class ids in [0, 3) but target 2 is 3.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Metric.accuracy(Nd4j.zeros(DataType.FLOAT, 2, 4, 3), Nd4j.zeros(DataType.FLOAT, 2, 4),
                        Nd4j.ones(DataType.FLOAT, 4, 2)));
        assertEquals("mask must be [T=2, B=4] but is [4, 2]", e.getMessage());
    }
}
