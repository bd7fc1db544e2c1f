package org.seqlab.baselines;

import org.seqlab.Shapes;

/**
 * How far a forecast is from what happened: three scores, the first two in the series' units.
 *
 * <pre>
 *   e_t  = y_t − ŷ_t                                      t over the n forecast values
 *   MAE  = (1/n) Σ |e_t|                                  series' units
 *   RMSE = sqrt((1/n) Σ e_t²)                             series' units; weighs large misses more
 *   MASE = MAE / s,   s = (1/(T−m)) Σ_{t=m}^{T−1} |y_t − y_{t−m}|      unitless
 * </pre>
 *
 * MASE, the mean absolute scaled error of Hyndman &amp; Koehler, "Another look at measures of forecast accuracy",
 * <i>International Journal of Forecasting</i> 22 (2006) 679–688, divides by the in-sample MAE s of the naive
 * forecast on the training part (T values); with {@code m = 12}, of the seasonal naive forecast, as Hyndman &amp;
 * Athanasopoulos recommend for seasonal data (<i>FPP</i> 3rd ed., §5.8). MASE &lt; 1: better on the test range
 * than that naive forecast was, one step ahead, on the training part. It is defined for any series whose
 * training part is not constant, unlike percentage errors, which break at values near 0 (sunspots).
 *
 * @param mae mean absolute error, series' units
 * @param rmse root mean squared error, series' units
 * @param mase MAE over the naive in-sample MAE, unitless
 * @param count n, the forecasts scored
 */
public record ForecastErrors(double mae, double rmse, double mase, int count) {

    /**
     * Scores {@code forecast} against {@code actual}.
     *
     * @param actual y, {@code [n]}
     * @param forecast ŷ, {@code [n]}
     * @param scale s, the naive in-sample MAE ({@link #naiveScale})
     */
    public static ForecastErrors of(double[] actual, double[] forecast, double scale) {
        Shapes.require(actual.length == forecast.length && actual.length > 0,
                "actual and forecast must have the same positive length but have %d and %d", actual.length, forecast.length);
        Shapes.require(scale > 0 && Double.isFinite(scale), "the MASE scale must be positive but is %s", scale);
        double abs = 0, squared = 0;
        for (int t = 0; t < actual.length; t++) {
            double e = actual[t] - forecast[t];
            Shapes.require(Double.isFinite(e), "value %d: actual %s, forecast %s; both must be finite", t, actual[t], forecast[t]);
            abs += Math.abs(e);
            squared += e * e;
        }
        double mae = abs / actual.length;
        return new ForecastErrors(mae, Math.sqrt(squared / actual.length), mae / scale, actual.length);
    }

    /**
     * s, the in-sample MAE of the seasonal naive forecast with period m on {@code series[0 .. trainEnd − 1]}
     * (m = 1: the naive forecast, Hyndman &amp; Koehler's original scale).
     *
     * @throws IllegalArgumentException if the training part has no pair m apart, or is constant at lag m
     */
    public static double naiveScale(double[] series, int trainEnd, int period) {
        Shapes.require(period >= 1 && trainEnd > period && trainEnd <= series.length, "the training part [0, %d) of"
                + " a series of %d values must be longer than the period m=%d", trainEnd, series.length, period);
        double sum = 0;
        for (int t = period; t < trainEnd; t++) sum += Math.abs(series[t] - series[t - period]);
        double s = sum / (trainEnd - period);
        Shapes.require(s > 0, "the training part does not change at lag %d, so MASE is undefined", period);
        return s;
    }
}
