package org.seqlab.baselines;

import org.seqlab.Shapes;

/**
 * Forecasting a series through its seasonal differences: a model forecasts the change from the same period one
 * season earlier, and the forecasts are added back to the series (Box &amp; Jenkins' seasonal differencing;
 * Hyndman &amp; Athanasopoulos, <i>FPP</i> 3rd ed., §9.1).
 *
 * <pre>
 *   d_t = y_{t+m} − y_t              the differences, [N − m]: d_t is the change into period t + m
 *   ŷ_{from+k} = ŷ_{from+k−m} + d̂_{from+k−m}     with ŷ_s = y_s for s &lt; from (the real past)
 * </pre>
 *
 * With logarithms and m = 12, d is the year-over-year growth rate; a trend in y becomes a level in d, which a
 * model that saturates (a tanh unit) can reach, where it could not follow a level rising past all it was trained
 * on. A model of d that always forecasts 0 is the seasonal naive forecast of y.
 *
 * <pre>
 *   double[] growth = SeasonalDifference.of(logs, 12);                       // [N − 12]
 *   Forecaster lstm = Forecaster.forSeries(TimeSeriesWindows.of(growth, 12, 1).split(trainEnd − 12, validationEnd − 12))...
 *   SeriesForecaster onLevels = SeasonalDifference.undo(logs, 12, lstm::forecast);   // forecasts y again
 * </pre>
 */
public final class SeasonalDifference implements SeriesForecaster {
    private final double[] series;
    private final int period;
    private final SeriesForecaster differences;

    private SeasonalDifference(double[] series, int period, SeriesForecaster differences) {
        this.series = series.clone();
        this.period = period;
        this.differences = differences;
    }

    /** {@code d_t = y_{t+m} − y_t} for t = 0 … N − m − 1. */
    public static double[] of(double[] series, int period) {
        Shapes.require(period >= 1 && period < series.length, "the period must be in [1, N=%d) but is %d",
                series.length, period);
        double[] d = new double[series.length - period];
        for (int t = 0; t < d.length; t++) d[t] = series[t + period] - series[t];
        return d;
    }

    /**
     * A forecaster of {@code series} from a forecaster of its differences {@link #of}{@code (series, period)}: index
     * {@code from} of the series is index {@code from − m} of the differences, so the inner forecaster, too, reads
     * only the past.
     */
    public static SeasonalDifference undo(double[] series, int period, SeriesForecaster differences) {
        Shapes.require(period >= 1 && period < series.length, "the period must be in [1, N=%d) but is %d",
                series.length, period);
        return new SeasonalDifference(series, period, differences);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code from} is not in {@code [m, N]} or {@code steps < 1}
     */
    @Override
    public double[] forecast(int from, int steps) {
        Shapes.require(from >= period && from <= series.length, "from must be in [m=%d, N=%d] but is %d", period,
                series.length, from);
        Shapes.require(steps >= 1, "steps must be at least 1 but is %d", steps);
        double[] d = differences.forecast(from - period, steps);
        Shapes.require(d.length == steps, "the differences' forecaster gave %d values for %d steps", d.length, steps);
        double[] out = new double[steps];
        for (int k = 0; k < steps; k++) out[k] = (k < period ? series[from - period + k] : out[k - period]) + d[k];
        return out;
    }
}
