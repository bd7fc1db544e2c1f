package org.seqlab.baselines;

import java.util.Arrays;
import org.seqlab.Shapes;

/**
 * A prediction interval whose width comes from errors measured on held-out data — the validation part — and never
 * from the test errors it is then judged on (split conformal prediction: Vovk, Gammerman &amp; Shafer,
 * <i>Algorithmic Learning in a Random World</i>, 2005; Lei et al., "Distribution-free predictive inference for
 * regression", <i>JASA</i> 113, 2018).
 *
 * <pre>
 *   e_1 … e_n   the forecaster's errors y − ŷ at horizon h on the validation part
 *   k   = ⌈(n + 1) · level⌉                  the rank that covers a new error with probability ≥ level
 *   q_h = the k-th smallest |e_i|            the half-width at horizon h
 *   interval = [ŷ − q_h, ŷ + q_h]
 * </pre>
 *
 * The guarantee assumes the test errors are exchangeable with the validation errors; a series that changes (a
 * growing trend, a stronger cycle) breaks that, which is why the coverage on the test range is measured
 * ({@link #coverage}) rather than assumed.
 *
 * @param level the nominal coverage, e.g. 0.9
 * @param halfWidths q_1 … q_H, one per horizon step, in the units the errors were measured in
 * @param counts n at each horizon step
 */
public record ForecastInterval(double level, double[] halfWidths, int[] counts) {

    /**
     * Calibrates from validation errors, {@code errors[h]} holding the errors at horizon h + 1.
     *
     * @throws IllegalArgumentException if a horizon has too few errors for the level ({@code ⌈(n+1)·level⌉ > n},
     *         e.g. fewer than 9 for 90 %), naming the horizon and what to do
     */
    public static ForecastInterval fromErrors(double[][] errors, double level) {
        Shapes.require(level > 0 && level < 1, "level must be in (0, 1) but is %s", level);
        Shapes.require(errors.length > 0, "no horizons to calibrate");
        double[] q = new double[errors.length];
        int[] n = new int[errors.length];
        for (int h = 0; h < errors.length; h++) {
            double[] abs = Arrays.stream(errors[h]).map(Math::abs).sorted().toArray();
            n[h] = abs.length;
            int k = (int) Math.ceil((n[h] + 1) * level - 1e-9);
            Shapes.require(k <= n[h], "a %.0f %% interval needs at least %d validation errors at horizon %d but there"
                    + " are %d: lengthen the validation part, shorten the horizon or lower the level",
                    100 * level, (int) Math.ceil(level / (1 - level) - 1e-9), h + 1, n[h]);
            q[h] = abs[k - 1];
        }
        return new ForecastInterval(level, q, n);
    }

    /** Calibrates one-step intervals from one array of validation errors. */
    public static ForecastInterval fromErrors(double[] errors, double level) {
        return fromErrors(new double[][] {errors}, level);
    }

    /** The horizon H the interval was calibrated for. */
    public int horizon() {
        return halfWidths.length;
    }

    /** {@code ŷ_k − q_k}: with one half-width (one-step), the same q for every k; otherwise k &lt; H. */
    public double[] lower(double[] forecast) {
        return shifted(forecast, -1);
    }

    /** {@code ŷ_k + q_k}. */
    public double[] upper(double[] forecast) {
        return shifted(forecast, +1);
    }

    /** The fraction of {@code actual} values that lie in {@code [lower, upper]}, in [0, 1]. */
    public static double coverage(double[] actual, double[] lower, double[] upper) {
        Shapes.require(actual.length == lower.length && actual.length == upper.length && actual.length > 0,
                "actual, lower and upper must have the same positive length but have %d, %d and %d",
                actual.length, lower.length, upper.length);
        int inside = 0;
        for (int t = 0; t < actual.length; t++) if (actual[t] >= lower[t] && actual[t] <= upper[t]) inside++;
        return inside / (double) actual.length;
    }

    private double[] shifted(double[] forecast, int sign) {
        Shapes.require(halfWidths.length == 1 || forecast.length <= halfWidths.length, "the interval was calibrated"
                + " for %d steps but the forecast has %d", halfWidths.length, forecast.length);
        double[] out = new double[forecast.length];
        for (int k = 0; k < out.length; k++) out[k] = forecast[k] + sign * halfWidths[halfWidths.length == 1 ? 0 : k];
        return out;
    }
}
