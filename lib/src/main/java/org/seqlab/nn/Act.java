package org.seqlab.nn;

/**
 * σ, tanh and exp over ranges of a Java array, for the library's loops (the recurrent fast paths, the loss).
 *
 * <p>{@code exact} (float64, gradient checks) uses {@link Math#tanh} and {@link Math#exp}. Otherwise (float32
 * training) tanh is Eigen's rational approximation for float on [−7.9, 7.9], within 3e-8 of tanh (below
 * float32's resolution) and many times faster than {@code Math.tanh}, since the JIT vectorises it;
 * σ(x) = (1 + tanh(x/2)) / 2; and exp is a Taylor polynomial of e^(x/256) squared eight times, within 1e-10 of
 * exp relative (again below float32's resolution).
 */
public final class Act {
    private Act() {}

    private static final double CLAMP = 7.90531110763549805;
    private static final double A1 = 4.89352455891786e-03;
    private static final double A3 = 6.37261928875436e-04;
    private static final double A5 = 1.48572235717979e-05;
    private static final double A7 = 5.12229709037114e-08;
    private static final double A9 = -8.60467152213735e-11;
    private static final double A11 = 2.00018790482477e-13;
    private static final double A13 = -2.76076847742355e-16;
    private static final double B0 = 4.89352518554385e-03;
    private static final double B2 = 2.26843463243900e-03;
    private static final double B4 = 1.18534705686654e-04;
    private static final double B6 = 1.19825839466702e-06;

    /** {@code a[k] = tanh(a[k])} for k in {@code [from, to)}. */
    public static void tanh(double[] a, int from, int to, boolean exact) {
        if (exact) {
            for (int k = from; k < to; k++) a[k] = Math.tanh(a[k]);
            return;
        }
        for (int k = from; k < to; k++) {
            double x = Math.max(-CLAMP, Math.min(CLAMP, a[k]));
            double x2 = x * x;
            double p = x2 * A13 + A11;
            p = x2 * p + A9;
            p = x2 * p + A7;
            p = x2 * p + A5;
            p = x2 * p + A3;
            p = x2 * p + A1;
            double q = x2 * B6 + B4;
            q = x2 * q + B2;
            q = x2 * q + B0;
            a[k] = x * p / q;
        }
    }

    /** {@code a[k] = σ(a[k]) = 1 / (1 + e^(−a[k]))} for k in {@code [from, to)}. */
    public static void sigmoid(double[] a, int from, int to, boolean exact) {
        if (exact) {
            for (int k = from; k < to; k++) a[k] = 1.0 / (1.0 + Math.exp(-a[k]));
            return;
        }
        for (int k = from; k < to; k++) a[k] *= 0.5;
        tanh(a, from, to, false);
        for (int k = from; k < to; k++) a[k] = 0.5 + 0.5 * a[k];
    }

    /**
     * {@code a[k] = e^(a[k])} for k in {@code [from, to)}. The fast form is for arguments in [−87, 88] (the loss's
     * logits minus their maximum are at most 0; outside, it gives e^−87 ≈ 1.6e-38 or e^88): e^x = (e^(x/256))^256,
     * with e^(x/256) from its Taylor series to degree 10 (|x/256| ≤ 0.35, so the series is within 1e-13 relative)
     * and eight squarings, which double the relative error each: within 1e-10 of e^x relative. Nothing in it but
     * multiply-adds, so the JIT vectorises the loop (about 1 ns per element against 3.5 for {@link Math#exp}).
     */
    public static void exp(double[] a, int from, int to, boolean exact) {
        if (exact) {
            for (int k = from; k < to; k++) a[k] = Math.exp(a[k]);
            return;
        }
        for (int k = from; k < to; k++) {
            double y = Math.max(-87.0, Math.min(88.0, a[k])) * (1.0 / 256);
            double p = 1.0 / 3628800;
            p = p * y + 1.0 / 362880;
            p = p * y + 1.0 / 40320;
            p = p * y + 1.0 / 5040;
            p = p * y + 1.0 / 720;
            p = p * y + 1.0 / 120;
            p = p * y + 1.0 / 24;
            p = p * y + 1.0 / 6;
            p = p * y + 0.5;
            p = p * y + 1.0;
            p = p * y + 1.0;                                            // e^y, y = x / 256
            p *= p;
            p *= p;
            p *= p;
            p *= p;
            p *= p;
            p *= p;
            p *= p;
            p *= p;                                                     // (e^y)^256 = e^x
            a[k] = p;
        }
    }
}
