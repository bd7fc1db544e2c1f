package org.seqlab.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SeasonalDifferenceTest {
    private static final double[] Y = {1, 5, 2, 6, 3, 8, 4, 9};

    @Test
    void differencesAreTheChangeFromOnePeriodEarlier() {
        assertArrayEquals(new double[] {1, 1, 1, 2, 1, 1}, SeasonalDifference.of(Y, 2));
    }

    @Test
    void aZeroChangeForecastIsTheSeasonalNaiveForecast() {
        SeriesForecaster zero = (from, steps) -> new double[steps];
        assertArrayEquals(NaiveForecast.seasonal(Y, 2).forecast(5, 7), SeasonalDifference.undo(Y, 2, zero).forecast(5, 7));
    }

    @Test
    void forecastChangesAreAddedOnTheRealPastThenOnEarlierForecasts() {
        // the inner forecaster is asked from index from − m = 3 of the differences, and gives 10, 20, 30
        SeriesForecaster changes = (from, steps) -> {
            if (from != 3) throw new AssertionError("asked from " + from);
            return new double[] {10, 20, 30};
        };
        // ŷ5 = y3 + 10 = 16, ŷ6 = y4 + 20 = 23, ŷ7 = ŷ5 + 30 = 46
        assertArrayEquals(new double[] {16, 23, 46}, SeasonalDifference.undo(Y, 2, changes).forecast(5, 3));
        assertThrows(IllegalArgumentException.class, () -> SeasonalDifference.undo(Y, 2, changes).forecast(1, 3));
        assertThrows(IllegalArgumentException.class, () -> SeasonalDifference.of(Y, 8));
    }
}
