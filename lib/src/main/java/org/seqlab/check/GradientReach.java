package org.seqlab.check;

import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.Shapes;
import org.seqlab.plot.Chart;

/**
 * Reading a gradient-reach measurement: g_t = ‖∂L_T/∂h_t‖ for the steps t = 1 … T of a batch, what every model's
 * {@code gradientReach(batch, layer)} returns (as an array indexed 0 … T−1). Against the lag k = T − t, the
 * number of steps the gradient travelled back, a vanishing gradient is a straight falling line on a log scale,
 * and its slope is the factor the gradient shrinks by per step.
 *
 * <pre>
 *   ∂h_T/∂h_t = J_T J_{T−1} ⋯ J_{t+1},   J_k = diag(1 − h_k²) W_hh        (vanilla RNN)
 *   ‖∂h_T/∂h_t‖ ≤ (γ σ_max(W_hh))^k,      γ = max tanh′ = 1               the bound
 *   g_t ≈ g_T ρ^k                          ρ = exp(slope of ln g_t against k)   the measured rate
 * </pre>
 */
public final class GradientReach {
    private GradientReach() {}

    /**
     * The measured factor per step, ρ: the exponential of the least-squares slope of ln g against the lag k, over
     * the lags {@code fromLag} … {@code toLag} (both included). Below 1 the gradient vanishes, above 1 it explodes.
     *
     * @param reach g for t = 1 … T, indexed 0 … T−1 (lag k is index T−1−k)
     * @throws IllegalArgumentException if the range is not inside 0 … T−1, has fewer than two lags, or holds a
     *     norm that is zero or not finite (underflow: choose a shorter range)
     */
    public static double decayPerStep(double[] reach, int fromLag, int toLag) {
        int steps = reach.length;
        Shapes.require(fromLag >= 0 && toLag < steps && toLag > fromLag,
                "the lags must satisfy 0 <= fromLag < toLag <= T-1 = %d but are %d and %d", steps - 1, fromLag, toLag);
        int n = toLag - fromLag + 1;
        double sumK = 0;
        double sumY = 0;
        for (int k = fromLag; k <= toLag; k++) {
            double g = reach[steps - 1 - k];
            Shapes.require(g > 0 && Double.isFinite(g),
                    "the norm at lag %d is %s; a log-linear fit needs positive finite norms (choose a shorter range)",
                    k, g);
            sumK += k;
            sumY += Math.log(g);
        }
        double meanK = sumK / n;
        double meanY = sumY / n;
        double covariance = 0;
        double variance = 0;
        for (int k = fromLag; k <= toLag; k++) {
            covariance += (k - meanK) * (Math.log(reach[steps - 1 - k]) - meanY);
            variance += (k - meanK) * (k - meanK);
        }
        return Math.exp(covariance / variance);
    }

    /**
     * σ_max, the largest singular value of a matrix: the most it stretches any vector, max ‖W v‖ / ‖v‖ (LAPACK's
     * {@code gesvd}, in double precision).
     *
     * @param matrix a rank-2 array, e.g. {@code W_hh [H, H]}
     */
    public static double largestSingularValue(INDArray matrix) {
        Shapes.require(matrix.rank() == 2, "matrix must be rank 2 but has shape %s",
                java.util.Arrays.toString(matrix.shape()));
        long rows = matrix.size(0);
        long cols = matrix.size(1);
        INDArray singular = Nd4j.create(DataType.DOUBLE, Math.min(rows, cols));
        Nd4j.getBlasWrapper().lapack().gesvd(matrix.castTo(DataType.DOUBLE).dup('f'), singular, null, null);
        return singular.maxNumber().doubleValue();
    }

    /**
     * The reach of several runs against the lag, on a log scale: ‖∂L_T/∂h_t‖ at k = T − t = 0, 1, …, T−1 steps
     * back from the last. Norms that are zero (underflow) are left out, as a log axis cannot show them.
     *
     * @param reachByRun for each run (e.g. "untrained", "trained"), g for t = 1 … T indexed 0 … T−1
     */
    public static Chart chart(Map<String, double[]> reachByRun) {
        Shapes.require(!reachByRun.isEmpty(), "give at least one run");
        Chart chart = Chart.create("How far back does the gradient of the last step's loss reach?",
                "lag T − t (steps back from the last step)", "‖∂L_T/∂h_t‖ (log scale)");
        reachByRun.forEach((name, reach) -> {
            int steps = reach.length;
            double[] lag = new double[steps];
            double[] g = new double[steps];
            for (int k = 0; k < steps; k++) {
                double v = reach[steps - 1 - k];
                Shapes.require(!(v < 0) && !Double.isInfinite(v),
                        "norms of '%s' must be finite and non-negative but t = %d has %s", name, steps - k, v);
                lag[k] = k;
                g[k] = v == 0 ? Double.NaN : v;
            }
            chart.line(name, lag, g);
        });
        return chart.logY();
    }
}
