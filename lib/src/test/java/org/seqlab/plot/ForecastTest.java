package org.seqlab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ForecastTest {
    static double[] seasonal(int n, long seed) {
        Random rng = new Random(seed);
        double[] x = new double[n];
        for (int t = 0; t < n; t++) x[t] = 10 + 3 * Math.sin(2 * Math.PI * t / 24) + 0.02 * t + 0.4 * rng.nextGaussian();
        return x;
    }

    @Test
    void theBandIsTheForecastPlusMinus196TimesTheTestRmse() {
        double[] series = {1, 2, 3, 4, 5, 6};
        double[] forecast = {4, 6}; // errors on t = 4, 5: 1 and 0, RMSE = sqrt(1/2)
        Chart chart = Forecast.of(series, 4, forecast);
        double rmse = Math.sqrt(0.5);
        double[] band = chart.y(Forecast.BAND);
        assertArrayEquals(new double[] {4 + 1.96 * rmse, 6 + 1.96 * rmse, 6 - 1.96 * rmse, 4 - 1.96 * rmse}, band, 1e-12);
        assertArrayEquals(forecast, chart.y("forecast"));
        assertArrayEquals(series, chart.y("observed"));
        assertArrayEquals(new double[] {4, 5}, chart.chart().getSeriesMap().get("forecast").getXData());
        assertTrue(chart.chart().getTitle().contains("0.7071"), chart.chart().getTitle());
    }

    @Test
    void aForecastOverTheTestRangeDraws() {
        double[] series = seasonal(200, 1);
        int start = 150;
        double[] forecast = new double[70];
        for (int i = 0; i < forecast.length; i++) forecast[i] = 10 + 3 * Math.sin(2 * Math.PI * (start + i) / 24) + 0.02 * (start + i);
        Pixels.check(Forecast.of(series, start, forecast), Style.WIDTH, Style.HEIGHT, "forecast.png");
    }

    @Test
    void aGivenBandIsDrawnAsGiven() {
        double[] series = seasonal(50, 2);
        double[] f = Arrays.copyOfRange(series, 40, 50);
        double[] lo = f.clone();
        double[] hi = f.clone();
        for (int i = 0; i < f.length; i++) {
            lo[i] -= 0.1 * i;
            hi[i] += 0.2 * i;
        }
        Chart chart = Forecast.of(series, 40, f, lo, hi);
        assertEquals(hi[3], chart.y(Forecast.BAND)[3]);
        assertEquals(lo[3], chart.y(Forecast.BAND)[2 * f.length - 1 - 3]);
    }

    @Test
    void aTimeAxisPlacesTheSeriesTheForecastAndTheSplitLine() {
        double[] years = {1958.0, 1958.5, 1959.0, 1959.5, 1960.0};
        double[] series = {1, 2, 3, 4};
        Chart c = Forecast.of(years, series, 3, new double[] {4.5, 5}, new double[] {4, 4}, new double[] {5, 6});
        assertArrayEquals(new double[] {1958.0, 1958.5, 1959.0, 1959.5},
                c.chart().getSeriesMap().get("observed").getXData(), 0);
        assertArrayEquals(new double[] {1959.5, 1960.0}, c.chart().getSeriesMap().get("forecast").getXData(), 0);
        assertEquals("time", c.chart().getXAxisTitle());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Forecast.of(new double[] {0, 1, 2}, series, 3, new double[] {4.5, 5}, new double[] {4, 4}, new double[] {5, 6}));
        assertTrue(e.getMessage().contains("x must give a time for each of the 5 steps but has 3"), e.getMessage());
    }

    @Test
    void badRangesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Forecast.of(new double[] {1, 2}, 3, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Forecast.of(new double[] {1, 2}, 2, new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> Forecast.of(new double[] {1, 2}, 1, new double[] {1}, new double[] {0, 0}, new double[] {2}));
    }
}
