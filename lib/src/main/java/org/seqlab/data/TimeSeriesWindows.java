package org.seqlab.data;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.Shapes;

/**
 * Sliding windows over one series for forecasting, split in time order, scaled without peeking.
 *
 * <p>The series {@code s[0 .. N-1]} is cut at two points into a training, a validation and a test
 * part, in that order. The scaler is fitted on the training part only. Each window is one
 * {@link Sequence} with a VALUES target:
 * <pre>
 *   x = scaled s[i .. i+W-1]            [W, 1]   the last W observations
 *   y = scaled s[i+W .. i+W+H-1]        [1, H]   the next H values to forecast
 * </pre>
 * A window belongs to the part that holds all of its targets; its inputs may reach back into the
 * earlier part (that is the past, known at forecast time), never into a later one. So no value a
 * window must predict is ever seen by a window of an earlier part, and no test value is used to fit
 * the scaler.
 *
 * <pre>
 *   TimeSeriesWindows.Split s = TimeSeriesWindows.of(values, 24, 1).split(0.7, 0.15);
 *   s.train()   // List&lt;Sequence&gt; ready for Batcher or Trainer.fit(s.train(), 32, s.validation())
 *   Forecaster.forSeries(s)...build()   // a model that takes and gives passengers, scaling inside
 *   s.scaler().invert(prediction)   // back to passengers, for a model built otherwise
 * </pre>
 */
public final class TimeSeriesWindows {
    /** How values are scaled before they are windowed; fitted on the training part only. */
    public enum Scaling {
        /** {@code (v - mean) / std}. */
        STANDARD,
        /** {@code 2 (v - min) / (max - min) - 1}, the training part into [-1, 1]. */
        MIN_MAX,
        /** No scaling. */
        NONE
    }

    /**
     * An affine map {@code v ↦ (v - shift) / scale} and its inverse.
     *
     * @param shift subtracted first (the training mean, or the midpoint of min and max)
     * @param scale divided by next (the training standard deviation, or half the range)
     */
    public record Scaler(double shift, double scale) {
        /** Fits {@code scaling} on {@code values}. */
        public static Scaler fit(double[] values, Scaling scaling) {
            Shapes.require(values.length > 0, "cannot fit a scaler on no values");
            return switch (scaling) {
                case NONE -> new Scaler(0, 1);
                case STANDARD -> {
                    double mean = 0;
                    for (double v : values) mean += v;
                    mean /= values.length;
                    double var = 0;
                    for (double v : values) var += (v - mean) * (v - mean);
                    double std = Math.sqrt(var / values.length);
                    yield new Scaler(mean, std > 0 ? std : 1);
                }
                case MIN_MAX -> {
                    double min = Double.POSITIVE_INFINITY;
                    double max = Double.NEGATIVE_INFINITY;
                    for (double v : values) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                    yield new Scaler((max + min) / 2, max > min ? (max - min) / 2 : 1);
                }
            };
        }

        /** {@code (v - shift) / scale}. */
        public double apply(double v) {
            return (v - shift) / scale;
        }

        /** {@code v · scale + shift}, back to the series' units. */
        public double invert(double v) {
            return v * scale + shift;
        }

        /** Elementwise {@link #invert(double)} into a new array of the same shape and type. */
        public INDArray invert(INDArray v) {
            return v.mul(scale).addi(shift);
        }
    }

    /**
     * The windows of the three parts and the scaler fitted on the training part, with the series they were cut
     * from, so a model built from the split ({@code Forecaster.forSeries(split)}) works in the series' own units.
     *
     * @param train windows whose targets lie in the training part
     * @param validation windows whose targets lie in the validation part
     * @param test windows whose targets lie in the test part
     * @param scaler maps series values to model values and back
     * @param trainEnd index of the first value after the training part
     * @param validationEnd index of the first value after the validation part
     * @param series the whole series in its own units, {@code [N]} (not to be changed)
     * @param window W, the observations each window reads
     * @param horizon H, the values each window forecasts
     */
    public record Split(List<Sequence> train, List<Sequence> validation, List<Sequence> test, Scaler scaler,
                        int trainEnd, int validationEnd, double[] series, int window, int horizon) {}

    private final double[] series;
    private final int window;
    private final int horizon;
    private final Scaling scaling;

    private TimeSeriesWindows(double[] series, int window, int horizon, Scaling scaling) {
        this.series = series;
        this.window = window;
        this.horizon = horizon;
        this.scaling = scaling;
    }

    /** Windows of {@code window} inputs forecasting the next {@code horizon} values, standardised. */
    public static TimeSeriesWindows of(double[] series, int window, int horizon) {
        Shapes.require(window > 0 && horizon > 0, "window and horizon must be positive but are %d and %d", window, horizon);
        Shapes.require(series.length >= window + horizon, "a series of %d values is too short for window %d + horizon %d",
                series.length, window, horizon);
        return new TimeSeriesWindows(series.clone(), window, horizon, Scaling.STANDARD);
    }

    /** The same windows with another scaling. */
    public TimeSeriesWindows scaling(Scaling scaling) {
        return new TimeSeriesWindows(series, window, horizon, scaling);
    }

    /**
     * Splits in time order: the first {@code trainFraction} of the values for training, the next
     * {@code validationFraction} for validation, the rest for testing.
     */
    public Split split(double trainFraction, double validationFraction) {
        Shapes.require(trainFraction > 0 && validationFraction >= 0 && trainFraction + validationFraction <= 1,
                "fractions must satisfy 0 < train, 0 <= validation, train + validation <= 1 but are %s and %s",
                trainFraction, validationFraction);
        int n = series.length;
        int trainEnd = (int) Math.round(n * trainFraction);
        int validationEnd = (int) Math.round(n * (trainFraction + validationFraction));
        return split(trainEnd, validationEnd);
    }

    /** Splits at explicit indices: training {@code [0, trainEnd)}, validation {@code [trainEnd, validationEnd)}, test the rest. */
    public Split split(int trainEnd, int validationEnd) {
        Shapes.require(trainEnd >= window + horizon, "the training part (%d values) must hold at least one window of %d + %d",
                trainEnd, window, horizon);
        Shapes.require(trainEnd <= validationEnd && validationEnd <= series.length,
                "split points must satisfy trainEnd <= validationEnd <= N=%d but are %d and %d",
                series.length, trainEnd, validationEnd);
        double[] trainPart = java.util.Arrays.copyOf(series, trainEnd);
        Scaler scaler = Scaler.fit(trainPart, scaling);
        return new Split(windows(0, trainEnd, scaler), windows(trainEnd, validationEnd, scaler),
                windows(validationEnd, series.length, scaler), scaler, trainEnd, validationEnd, series, window, horizon);
    }

    /** Every window, with no split, scaled by a scaler fitted on the whole series (for plots, not evaluation). */
    public List<Sequence> all() {
        return windows(0, series.length, Scaler.fit(series, scaling));
    }

    /** Windows whose targets s[i+W .. i+W+H-1] all lie in [from, to). */
    private List<Sequence> windows(int from, int to, Scaler scaler) {
        List<Sequence> out = new ArrayList<>();
        for (int first = Math.max(from, window); first + horizon <= to; first++) {
            int i = first - window;
            float[][] x = new float[window][1];
            for (int t = 0; t < window; t++) x[t][0] = (float) scaler.apply(series[i + t]);
            float[] y = new float[horizon];
            for (int h = 0; h < horizon; h++) y[h] = (float) scaler.apply(series[first + h]);
            out.add(Sequence.features(x, y));
        }
        return out;
    }
}
