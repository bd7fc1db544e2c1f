package org.seqlab.baselines;

import org.seqlab.Shapes;

/**
 * The two simplest forecasts, the ones every forecasting model must beat (Hyndman &amp; Athanasopoulos,
 * <i>Forecasting: Principles and Practice</i>, 3rd ed., §5.2):
 *
 * <pre>
 *   naive (last value):               ŷ_{from+k} = y_{from−1}                         k = 0, 1, …
 *   seasonal naive (period m):        ŷ_{from+k} = y_{from−m+(k mod m)}               the same month last year, m = 12
 * </pre>
 *
 * For a random walk the naive forecast is the best there is; for a series that repeats each year, seasonal naive
 * is hard to beat a year ahead. Neither is fitted, so neither can overfit.
 *
 * <pre>
 *   SeriesForecaster last = NaiveForecast.last(values);
 *   SeriesForecaster sameMonth = NaiveForecast.seasonal(values, 12);
 *   sameMonth.forecast(120, 24);     // months 120 … 143 from the twelve before 120
 * </pre>
 */
public final class NaiveForecast implements SeriesForecaster {
    private final double[] series;
    private final int period;

    private NaiveForecast(double[] series, int period) {
        Shapes.require(series.length > 0, "the series is empty");
        for (int i = 0; i < series.length; i++) {
            Shapes.require(Double.isFinite(series[i]), "the series must be finite but value %d is %s", i, series[i]);
        }
        this.series = series.clone();
        this.period = period;
    }

    /** Every forecast is the last value seen, {@code y_{from−1}}. */
    public static NaiveForecast last(double[] series) {
        return new NaiveForecast(series, 1);
    }

    /** Each forecast is the value one {@code period} earlier (12 for monthly data with a yearly pattern). */
    public static NaiveForecast seasonal(double[] series, int period) {
        Shapes.require(period >= 1, "the period must be at least 1 but is %d", period);
        return new NaiveForecast(series, period);
    }

    /** The season length m (1 for {@link #last}). */
    public int period() {
        return period;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code from} is not in {@code [m, N]} (fewer than m values to copy) or
     *         {@code steps < 1}
     */
    @Override
    public double[] forecast(int from, int steps) {
        Shapes.require(from >= period && from <= series.length, "from must be in [m=%d, N=%d] so that the %d value(s)"
                + " before it exist, but is %d", period, series.length, period, from);
        Shapes.require(steps >= 1, "steps must be at least 1 but is %d", steps);
        double[] out = new double[steps];
        for (int k = 0; k < steps; k++) out[k] = series[from - period + k % period];
        return out;
    }

    @Override
    public String toString() {
        return period == 1 ? "naive (last value)" : "seasonal naive (m = " + period + ")";
    }
}
