package org.seqlab.baselines;

import java.util.Arrays;
import org.seqlab.Shapes;

/**
 * Multinomial logistic regression on fixed-length feature vectors: the linear classifier an order-free baseline
 * puts on top of its features (a bag of frames, a bag of k-mers).
 *
 * <pre>
 *   x̃_j = (x_j − μ_j) / σ_j                        features standardised with the training set's mean and deviation
 *   z   = W x̃ + b                                  logits [C], W [C, D]
 *   p   = softmax(z)
 *   L   = −(1/N) Σ_n log p_n[y_n] + (λ/2) ‖W‖²      mean cross-entropy in nats plus an L2 penalty (not on b)
 *   ∂L/∂W = (1/N) Σ_n (p_n − onehot(y_n)) x̃_nᵀ + λ W      ∂L/∂b = (1/N) Σ_n (p_n − onehot(y_n))
 * </pre>
 *
 * Fitted by full-batch gradient descent with the step 1/L, where L = ½ λ_max(X̃ᵀX̃ / N) + λ bounds the
 * curvature of the loss (Böhning 1992, "Multinomial logistic regression algorithm", Ann. Inst. Stat. Math. 44),
 * so the loss falls at every step and no step size needs tuning; λ_max comes from power iteration. The loss is
 * convex, so the result does not depend on a seed. Features with zero deviation in training are kept at 0.
 */
public final class SoftmaxRegression {
    private final double[] mean;
    private final double[] scale;
    private final double[][] weight;
    private final double[] bias;

    private SoftmaxRegression(double[] mean, double[] scale, double[][] weight, double[] bias) {
        this.mean = mean;
        this.scale = scale;
        this.weight = weight;
        this.bias = bias;
    }

    /**
     * Fits the model.
     *
     * @param x the training features {@code [N][D]}
     * @param y the class ids, {@code [N]}, each in 0 … classes−1
     * @param classes C, at least 2
     * @param l2 λ ≥ 0, the weight of the L2 penalty
     * @param steps gradient steps (a few hundred reach the optimum closely for standardised features)
     * @throws IllegalArgumentException for empty or ragged features, a class id out of range or a negative λ
     */
    public static SoftmaxRegression fit(double[][] x, int[] y, int classes, double l2, int steps) {
        Shapes.require(x.length > 0 && x.length == y.length, "x must be [N, D] and y [N] with N ≥ 1 but are [%d, …] and [%d]",
                x.length, y.length);
        Shapes.require(classes >= 2 && l2 >= 0 && steps >= 0, "classes must be ≥ 2, l2 ≥ 0 and steps ≥ 0 but are %d, %s, %d",
                classes, l2, steps);
        int d = x[0].length;
        for (int n = 0; n < x.length; n++) {
            Shapes.require(x[n].length == d, "every row of x must have D=%d features but row %d has %d", d, n, x[n].length);
            Shapes.require(y[n] >= 0 && y[n] < classes, "class ids must be in [0, %d) but y[%d] is %d", classes, n, y[n]);
        }
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (double[] row : x) for (int j = 0; j < d; j++) mean[j] += row[j] / x.length;
        for (double[] row : x) for (int j = 0; j < d; j++) scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / x.length;
        for (int j = 0; j < d; j++) scale[j] = scale[j] > 0 ? 1 / Math.sqrt(scale[j]) : 0;
        SoftmaxRegression m = new SoftmaxRegression(mean, scale, new double[classes][d], new double[classes]);
        double[][] xs = new double[x.length][];
        for (int n = 0; n < x.length; n++) xs[n] = m.standardise(x[n]);
        double rate = 1 / (0.5 * largestEigenvalue(xs) + l2 + 1e-12);
        double[][] dW = new double[classes][d];
        double[] db = new double[classes];
        for (int s = 0; s < steps; s++) {
            m.gradient(xs, y, l2, dW, db);
            for (int c = 0; c < classes; c++) {
                for (int j = 0; j < d; j++) m.weight[c][j] -= rate * dW[c][j];
                m.bias[c] -= rate * db[c];
            }
        }
        return m;
    }

    /** The class probabilities of one feature vector {@code [D]}: softmax of the logits, {@code [C]}. */
    public double[] probabilities(double[] x) {
        Shapes.require(x.length == mean.length, "x must have D=%d features but has %d", mean.length, x.length);
        return softmax(logitsOfStandardised(standardise(x)));
    }

    /** The most likely class of one feature vector {@code [D]} (ties to the lowest id). */
    public int predict(double[] x) {
        double[] p = probabilities(x);
        int best = 0;
        for (int c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
        return best;
    }

    /** The penalised training objective L of the class comment, in nats, on raw features {@code [N][D]}. */
    public double loss(double[][] x, int[] y, double l2) {
        double total = 0;
        for (int n = 0; n < x.length; n++) total -= Math.log(probabilities(x[n])[y[n]]);
        double penalty = 0;
        for (double[] row : weight) for (double w : row) penalty += w * w;
        return total / x.length + 0.5 * l2 * penalty;
    }

    /** C, the number of classes. */
    public int classes() {
        return bias.length;
    }

    /** D, the number of features. */
    public int features() {
        return mean.length;
    }

    /** W {@code [C][D]}, on standardised features (a copy). */
    public double[][] weight() {
        return Arrays.stream(weight).map(double[]::clone).toArray(double[][]::new);
    }

    /** b {@code [C]} (a copy). */
    public double[] bias() {
        return bias.clone();
    }

    /** ∂L/∂W and ∂L/∂b at the current weights, written into dW and db; {@code xs} already standardised. */
    void gradient(double[][] xs, int[] y, double l2, double[][] dW, double[] db) {
        int classes = bias.length;
        int d = mean.length;
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < d; j++) dW[c][j] = l2 * weight[c][j];
            db[c] = 0;
        }
        for (int n = 0; n < xs.length; n++) {
            double[] p = softmax(logitsOfStandardised(xs[n]));
            p[y[n]] -= 1;                                     // δz = p − onehot(y)
            for (int c = 0; c < classes; c++) {
                double g = p[c] / xs.length;
                db[c] += g;
                for (int j = 0; j < d; j++) dW[c][j] += g * xs[n][j];
            }
        }
    }

    /** Sets W and b (for tests of the gradient). */
    void set(double[][] w, double[] b) {
        for (int c = 0; c < weight.length; c++) System.arraycopy(w[c], 0, weight[c], 0, weight[c].length);
        System.arraycopy(b, 0, bias, 0, bias.length);
    }

    double[] standardise(double[] x) {
        double[] out = new double[x.length];
        for (int j = 0; j < x.length; j++) out[j] = (x[j] - mean[j]) * scale[j];
        return out;
    }

    private double[] logitsOfStandardised(double[] xs) {
        double[] z = bias.clone();
        for (int c = 0; c < z.length; c++) for (int j = 0; j < xs.length; j++) z[c] += weight[c][j] * xs[j];
        return z;
    }

    static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) max = Math.max(max, v);
        double sum = 0;
        double[] p = new double[z.length];
        for (int c = 0; c < z.length; c++) sum += p[c] = Math.exp(z[c] - max);
        for (int c = 0; c < z.length; c++) p[c] /= sum;
        return p;
    }

    /** λ_max of X̃ᵀX̃ / N (with the bias's column of ones), by power iteration. */
    static double largestEigenvalue(double[][] xs) {
        int d = xs[0].length + 1;
        double[] v = new double[d];
        Arrays.fill(v, 1 / Math.sqrt(d));
        double lambda = 0;
        for (int it = 0; it < 100; it++) {
            double[] next = new double[d];
            for (double[] row : xs) {
                double dot = v[d - 1];
                for (int j = 0; j < d - 1; j++) dot += row[j] * v[j];
                for (int j = 0; j < d - 1; j++) next[j] += dot * row[j] / xs.length;
                next[d - 1] += dot / xs.length;
            }
            double norm = 0;
            for (double e : next) norm += e * e;
            norm = Math.sqrt(norm);
            if (norm == 0) return 0;
            for (int j = 0; j < d; j++) v[j] = next[j] / norm;
            lambda = norm;
        }
        return lambda;
    }

    @Override
    public String toString() {
        return "SoftmaxRegression(" + mean.length + " features -> " + bias.length + " classes)";
    }
}
