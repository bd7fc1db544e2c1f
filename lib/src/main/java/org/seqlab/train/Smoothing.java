package org.seqlab.train;

import org.seqlab.Shapes;

/**
 * The smoothing of noisy per-step training curves, shared by the progress line and the loss charts: a
 * bias-corrected exponential moving average, as TensorBoard and Adam compute it.
 *
 * <pre>
 *   s_t = β s_{t-1} + (1 − β) x_t,   s_0 = 0
 *   ŝ_t = s_t / (1 − β^t)                       (t = 1, 2, …; the correction removes the pull towards 0)
 * </pre>
 */
public final class Smoothing {
    private Smoothing() {}

    /** The β used unless one is given: about the last 10 steps weigh most. */
    public static final double BETA = 0.9;

    /**
     * ŝ_1 … ŝ_n of {@code values} x_1 … x_n. NaN values are skipped (their ŝ repeats the previous one).
     *
     * @param beta β in [0, 1); 0 returns the values themselves
     */
    public static double[] ema(double[] values, double beta) {
        Shapes.require(beta >= 0 && beta < 1, "beta must be in [0, 1) but is %s", beta);
        double[] out = new double[values.length];
        double s = 0;
        double weight = 0; // 1 − β^t over the values seen
        double last = Double.NaN;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                s = beta * s + (1 - beta) * values[i];
                weight = beta * weight + (1 - beta);
                last = s / weight;
            }
            out[i] = last;
        }
        return out;
    }

    /** ŝ_n, the smoothed value after the last of {@code values} (NaN for none). */
    public static double last(double[] values, double beta) {
        double[] s = ema(values, beta);
        return s.length == 0 ? Double.NaN : s[s.length - 1];
    }
}
