package org.seqlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

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
}
