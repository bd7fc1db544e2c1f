package org.seqlab.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NaiveForecastTest {
    private static final double[] Y = {1, 2, 3, 4, 5, 6, 7, 8};

    @Test
    void lastValueRepeatsTheValueBeforeTheOrigin() {
        assertArrayEquals(new double[] {5, 5, 5}, NaiveForecast.last(Y).forecast(5, 3));
        assertArrayEquals(new double[] {8, 8}, NaiveForecast.last(Y).forecast(8, 2), "may run past the end");
    }

    @Test
    void seasonalNaiveRepeatsTheLastSeasonCycleAfterCycle() {
        // period 3, origin 5: the last season is y[2], y[3], y[4] = 3, 4, 5, repeated
        assertArrayEquals(new double[] {3, 4, 5, 3, 4, 5, 3}, NaiveForecast.seasonal(Y, 3).forecast(5, 7));
    }

    @Test
    void neitherReadsAValueAtOrAfterTheOrigin() {
        double[] changed = Y.clone();
        for (int t = 5; t < changed.length; t++) changed[t] = -100;
        for (int m : new int[] {1, 3}) {
            assertArrayEquals(NaiveForecast.seasonal(Y, m).forecast(5, 6), NaiveForecast.seasonal(changed, m).forecast(5, 6));
        }
    }

    @Test
    void anOriginWithLessThanOneSeasonBeforeItIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NaiveForecast.seasonal(Y, 12).forecast(5, 1));
        assertTrue(e.getMessage().contains("from must be in [m=12, N=8]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NaiveForecast.last(new double[] {1, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> NaiveForecast.last(Y).forecast(3, 0));
    }
}
