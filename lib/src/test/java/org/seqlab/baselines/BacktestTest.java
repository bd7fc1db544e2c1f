package org.seqlab.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.seqlab.data.TimeSeries;
import org.seqlab.data.TimeSeriesWindows;
import org.seqlab.models.CellType;
import org.seqlab.models.Forecaster;
import org.seqlab.plot.Chart;
import tech.tablesaw.api.Table;

class BacktestTest {

    private static TimeSeries monthly(double[] values) {
        List<LocalDate> dates = new ArrayList<>();
        for (int i = 0; i < values.length; i++) dates.add(LocalDate.of(1950, 1, 1).plusMonths(i));
        return new TimeSeries("test", "units", dates, values);
    }

    /** A yearly pattern whose swings grow with a rising level: multiplicative seasonality, plus noise. */
    private static double[] multiplicative(int n, long seed) {
        Random rng = new Random(seed);
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = 100 * Math.exp(0.01 * t) * (1 + 0.2 * Math.sin(2 * Math.PI * t / 12)) * Math.exp(0.02 * rng.nextGaussian());
        }
        return y;
    }

    @Test
    void oneStepForecastsUseTheRealPastAndScoreInTheSeriesUnits() {
        double[] y = multiplicative(120, 1);
        Backtest bt = Backtest.of(monthly(y), 72, 96);
        Backtest.Result naive = bt.oneStep("naive", NaiveForecast.last(bt.modelValues()));
        for (int k = 0; k < 24; k++) assertEquals(y[95 + k], naive.forecast()[k], 1e-12);
        double mae = 0;
        for (int k = 0; k < 24; k++) mae += Math.abs(y[96 + k] - y[95 + k]) / 24;
        assertEquals(mae, naive.errors().mae(), 1e-9);
        assertEquals(mae / ForecastErrors.naiveScale(y, 72, 1), naive.errors().mase(), 1e-9);
        assertEquals("one step", naive.mode());
    }

    @Test
    void theIntervalComesFromValidationErrorsNeverFromTheTestValues() {
        double[] y = multiplicative(120, 2);
        double[] changed = y.clone();
        for (int t = 96; t < 120; t++) changed[t] *= 3;        // a wild test range
        Backtest a = Backtest.of(monthly(y), 72, 96), b = Backtest.of(monthly(changed), 72, 96);
        Backtest.Result ra = a.oneStep("sn", NaiveForecast.seasonal(a.modelValues(), 12));
        Backtest.Result rb = b.oneStep("sn", NaiveForecast.seasonal(b.modelValues(), 12));
        assertArrayEquals(ra.interval().halfWidths(), rb.interval().halfWidths());
        assertTrue(rb.coverage() < ra.coverage(), "the same band misses the changed values: coverage is measured");
    }

    @Test
    void onTheLogScaleAGrowingMultiplicativeSeasonIsForecastAlmostExactly() {
        Random rng = new Random(5);
        double[] y = new double[108];
        for (int t = 0; t < y.length; t++) {
            y[t] = 50 * Math.pow(1.02, t) * (1 + 0.3 * Math.cos(2 * Math.PI * t / 12)) * Math.exp(1e-3 * rng.nextGaussian());
        }
        Backtest bt = Backtest.of(monthly(y), 48, 84).log().masePeriod(12);
        // ln y_t − ln y_{t−12} = 12 ln 1.02 (+ noise) for every t: AR(13) on the logs holds y_t = c + y_{t−12}
        Backtest.Result ar = bt.multiStep("AR(13)", LinearAutoregression.fit(bt.modelValues(), 13, 48));
        assertEquals("24 steps", ar.mode());
        Backtest.Result sn = bt.multiStep("seasonal naive", NaiveForecast.seasonal(bt.modelValues(), 12));
        assertTrue(ar.errors().mae() < 0.1 * sn.errors().mae(), ar + " against " + sn);
        for (int k = 0; k < 24; k++) {
            assertTrue(sn.lower()[k] < sn.forecast()[k] && sn.forecast()[k] < sn.upper()[k]);
        }
        double relativeLow = (sn.forecast()[0] - sn.lower()[0]) / sn.forecast()[0];
        double relativeHigh = (sn.upper()[0] - sn.forecast()[0]) / sn.forecast()[0];
        assertTrue(relativeHigh > relativeLow, "exp of a symmetric log band is wider above than below");
    }

    @Test
    void aShorterMultiStepForecastIsScoredOnItsOwnValuesOnly() {
        double[] y = multiplicative(120, 6);
        Backtest bt = Backtest.of(monthly(y), 72, 96);
        Backtest.Result six = bt.multiStep("naive", NaiveForecast.last(bt.modelValues()), 6);
        assertEquals("6 steps", six.mode());
        assertEquals(6, six.errors().count());
        assertEquals(6, six.interval().horizon());
        double mae = 0;
        for (int k = 0; k < 6; k++) mae += Math.abs(y[96 + k] - y[95]) / 6;
        assertEquals(mae, six.errors().mae(), 1e-9);
        assertEquals(6 + 96 - 80, bt.chart(six, 80).y("observed").length, "the chart ends with the forecast");
        assertThrows(IllegalArgumentException.class, () -> bt.multiStep("naive", NaiveForecast.last(bt.modelValues()), 25));
    }

    @Test
    void multiStepIntervalsNeedAValidationPartLongerThanTheTestRange() {
        double[] y = multiplicative(120, 3);
        Backtest bt = Backtest.of(monthly(y), 84, 96);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bt.multiStep("naive", NaiveForecast.last(bt.modelValues())));
        assertTrue(e.getMessage().contains("validation errors at horizon"), e.getMessage());
    }

    @Test
    void aForecasterBuiltForTheSeriesIsASeriesForecasterAndTheTableAndChartHoldEveryResult() {
        double[] y = multiplicative(120, 4);
        Backtest bt = Backtest.of(monthly(y), 60, 96).log().masePeriod(12);
        TimeSeriesWindows.Split split = TimeSeriesWindows.of(bt.modelValues(), 12, 1).split(60, 96);
        Forecaster lstm = Forecaster.forSeries(split).cell(CellType.LSTM).hiddenSize(4).seed(1).build();
        SeriesForecaster f = lstm::forecast;
        Backtest.Result r = bt.multiStep("LSTM", f);
        assertEquals(24, r.forecast().length);
        assertTrue(Double.isFinite(r.errors().rmse()));
        Table t = bt.table("test", List.of(r, bt.oneStep("naive", NaiveForecast.last(bt.modelValues()))));
        assertEquals(2, t.rowCount());
        assertEquals(List.of("model", "forecast", "MAE (units)", "RMSE (units)", "MASE (m = 12)",
                "90 % interval coverage", "mean interval width", "test values"), t.columnNames());
        Chart c = bt.chart(r, 48);
        assertEquals(72, c.y("observed").length, "from month 48 to the end");
        assertArrayEquals(r.forecast(), c.y("forecast"), 1e-12);
        assertTrue(c.chart().getTitle().startsWith("LSTM, 24 steps"), c.chart().getTitle());
        assertThrows(IllegalArgumentException.class, () -> Backtest.of(monthly(y), 72, 120));
        assertThrows(IllegalArgumentException.class, () -> Backtest.of(monthly(new double[] {1, 0, 2, 3, 4}), 2, 3).log());
    }
}
