package org.seqlab.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ForecastIntervalTest {

    @Test
    void theHalfWidthIsTheCeilOfNPlusOneTimesLevelThSmallestAbsoluteError() {
        double[] errors = {-5, 1, -2, 3, 4, -6, 7, 8, -9, 10};      // |e| sorted: 1 … 10
        // n = 10, level 0.8: k = ceil(11 · 0.8) = 9, the 9th smallest |e| = 9
        ForecastInterval i = ForecastInterval.fromErrors(errors, 0.8);
        assertArrayEquals(new double[] {9}, i.halfWidths());
        assertArrayEquals(new double[] {91, 41}, i.upper(new double[] {82, 32}), "one step: the same q for every value");
        assertArrayEquals(new double[] {73, 23}, i.lower(new double[] {82, 32}));
        // level 0.9: k = ceil(9.9) = 10, the largest
        assertEquals(10, ForecastInterval.fromErrors(errors, 0.9).halfWidths()[0]);
    }

    @Test
    void tooFewErrorsForTheLevelIsAnErrorNamingTheHorizon() {
        double[][] errors = {{1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ForecastInterval.fromErrors(errors, 0.9));
        assertTrue(e.getMessage().contains("a 90 % interval needs at least 9 validation errors at horizon 2 but there are 3"),
                e.getMessage());
        ForecastInterval ok = ForecastInterval.fromErrors(errors, 0.7);     // k = ceil(4 · 0.7) = 3 at horizon 2
        assertArrayEquals(new double[] {7, 3}, ok.halfWidths());
        assertArrayEquals(new double[] {17, 23}, ok.upper(new double[] {10, 20}), "each horizon its own width");
    }

    @Test
    void onExchangeableErrorsTheMeasuredCoverageIsNearTheLevel() {
        Random rng = new Random(42);
        double[] validation = new double[2000];
        for (int i = 0; i < validation.length; i++) validation[i] = 3 * rng.nextGaussian();
        ForecastInterval i = ForecastInterval.fromErrors(validation, 0.9);
        assertEquals(1.645 * 3, i.halfWidths()[0], 0.3, "the 95th percentile of |N(0, 3²)|");
        double[] forecast = new double[20000];
        double[] actual = new double[forecast.length];
        for (int t = 0; t < actual.length; t++) actual[t] = 3 * rng.nextGaussian();
        double coverage = ForecastInterval.coverage(actual, i.lower(forecast), i.upper(forecast));
        assertEquals(0.9, coverage, 0.02);
    }

    @Test
    void coverageCountsValuesOnTheEdgesAsInside() {
        assertEquals(0.75, ForecastInterval.coverage(new double[] {1, 2, 3, 9}, new double[] {1, 0, 0, 0},
                new double[] {5, 2, 5, 5}), 1e-15);
    }
}
