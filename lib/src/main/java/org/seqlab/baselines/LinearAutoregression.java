package org.seqlab.baselines;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.custom.Lstsq;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.Shapes;

/**
 * A linear autoregression AR(p) fitted by least squares: the next value as a weighted sum of the p before it —
 * the linear model on the same window a recurrent forecaster reads, and so the baseline that tells whether the
 * network's nonlinearity and state buy anything.
 *
 * <pre>
 *   ŷ_t = c + φ_1 y_{t−1} + φ_2 y_{t−2} + … + φ_p y_{t−p}
 *   (c, φ) = argmin Σ_t (y_t − ŷ_t)²        over the targets t = p … trainEnd − 1 (the training part only)
 * </pre>
 *
 * The fit is ordinary least squares in float64 (ND4J's {@code lstsq} op on its fast path: the normal equations
 * {@code XᵀX β = Xᵀy} solved by Cholesky; no regularisation); the
 * forecast is recursive: past {@code from}, each forecast takes the place of the value it forecasts.
 *
 * <pre>
 *   LinearAutoregression ar = LinearAutoregression.fit(logValues, 12, trainEnd);   // AR(12) on the training part
 *   ar.forecast(validationEnd, 24);                                                 // 24 months, recursively
 * </pre>
 */
public final class LinearAutoregression implements SeriesForecaster {
    private final double[] series;
    private final double intercept;
    private final double[] phi;

    private LinearAutoregression(double[] series, double intercept, double[] phi) {
        this.series = series;
        this.intercept = intercept;
        this.phi = phi;
    }

    /**
     * Fits AR({@code order}) on {@code series[0 .. trainEnd − 1]}: {@code trainEnd − order} equations, one per
     * target, in {@code order + 1} unknowns.
     *
     * @param series the whole series {@code [N]} (forecasts read it; the fit reads only its training part)
     * @param order p, the number of past values each forecast weighs
     * @param trainEnd the index of the first value after the training part
     * @throws IllegalArgumentException if a value is not finite, the training part has fewer than
     *         {@code 2·(p + 1)} targets to fit {@code p + 1} coefficients from, or the lagged values are linearly
     *         dependent (a singular fit)
     */
    public static LinearAutoregression fit(double[] series, int order, int trainEnd) {
        Shapes.require(order >= 1, "the order p must be at least 1 but is %d", order);
        Shapes.require(trainEnd <= series.length, "trainEnd must be at most N=%d but is %d", series.length, trainEnd);
        for (int i = 0; i < series.length; i++) {
            Shapes.require(Double.isFinite(series[i]), "the series must be finite but value %d is %s", i, series[i]);
        }
        int rows = trainEnd - order;
        Shapes.require(rows >= 2 * (order + 1), "AR(%d) has %d coefficients to fit; the training part of %d values"
                + " gives only %d targets (needs at least %d): lower the order or lengthen the training part",
                order, order + 1, trainEnd, Math.max(rows, 0), 2 * (order + 1));
        double[][] design = new double[rows][order + 1];
        double[][] target = new double[rows][1];
        for (int r = 0; r < rows; r++) {
            int t = order + r;
            design[r][0] = 1;
            for (int j = 1; j <= order; j++) design[r][j] = series[t - j];
            target[r][0] = series[t];
        }
        INDArray a = Nd4j.create(design).castTo(DataType.DOUBLE);
        INDArray b = Nd4j.create(target).castTo(DataType.DOUBLE);
        double[] coefficients = Nd4j.exec(new Lstsq(a, b, 0.0, true))[0].reshape(order + 1).toDoubleVector();
        for (double c : coefficients) {
            Shapes.require(Double.isFinite(c), "AR(%d) cannot be fitted: the %d lagged values are linearly dependent on"
                    + " the training part (XᵀX is singular), e.g. a noiseless series; lower the order", order, order);
        }
        double[] phi = java.util.Arrays.copyOfRange(coefficients, 1, order + 1);
        return new LinearAutoregression(series.clone(), coefficients[0], phi);
    }

    /** p, the number of past values each forecast weighs. */
    public int order() {
        return phi.length;
    }

    /** c, the constant term. */
    public double intercept() {
        return intercept;
    }

    /** φ_1 … φ_p: {@code coefficients()[0]} weighs the most recent value {@code y_{t−1}}. */
    public double[] coefficients() {
        return phi.clone();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code from} is not in {@code [p, N]} or {@code steps < 1}
     */
    @Override
    public double[] forecast(int from, int steps) {
        int p = phi.length;
        Shapes.require(from >= p && from <= series.length, "from must be in [p=%d, N=%d] so that the %d values"
                + " before it exist, but is %d", p, series.length, p, from);
        Shapes.require(steps >= 1, "steps must be at least 1 but is %d", steps);
        double[] window = java.util.Arrays.copyOfRange(series, from - p, from + steps);   // the past, then forecasts
        double[] out = new double[steps];
        for (int k = 0; k < steps; k++) {
            double y = intercept;
            for (int j = 1; j <= p; j++) y += phi[j - 1] * window[p + k - j];
            window[p + k] = y;
            out[k] = y;
        }
        return out;
    }

    @Override
    public String toString() {
        return "linear AR(" + phi.length + ")";
    }
}
