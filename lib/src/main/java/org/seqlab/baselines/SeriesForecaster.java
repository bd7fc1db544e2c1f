package org.seqlab.baselines;

/**
 * Anything that forecasts a series it was built on from that series' own past: a baseline of this package, or a
 * trained {@code org.seqlab.models.Forecaster} built {@code forSeries(split)} (its {@code forecast(int, int)} has this
 * signature, so {@code lstm::forecast} is one).
 *
 * <p>The contract is the one a backtest relies on: {@code forecast(from, steps)} may read the values before index
 * {@code from} and nothing at or after it, and feeds its own forecasts back when it needs a value it has not seen
 * (a <em>recursive</em> multi-step forecast).
 */
@FunctionalInterface
public interface SeriesForecaster {
    /**
     * Forecasts {@code series[from], …, series[from + steps − 1]} from {@code series[0 .. from − 1]}.
     *
     * @param from the index of the first value to forecast, the forecast's origin
     * @param steps how many values, ≥ 1; the forecast may run past the end of the series
     * @return {@code [steps]} forecasts, in the units of the series the forecaster was built on
     */
    double[] forecast(int from, int steps);
}
