package org.seqlab.baselines;

import org.seqlab.Shapes;

/**
 * Multinomial naive Bayes on count vectors (McCallum &amp; Nigam 1998), the model behind {@link KmerBag} and
 * {@link PositionWeights}.
 *
 * <pre>
 *   P(c)      = N_c / N                                        the share of training examples in class c
 *   θ_{c,j}   = (n_{c,j} + α) / (Σ_j' n_{c,j'} + α F)          feature j's share of class c's counts, add-α smoothed
 *   score_c(x) = log P(c) + Σ_j x_j log θ_{c,j}                 predict arg max_c (log probabilities, in nats)
 * </pre>
 */
final class NaiveBayes {
    private final double[] logPrior;
    private final double[][] logTheta;

    private NaiveBayes(double[] logPrior, double[][] logTheta) {
        this.logPrior = logPrior;
        this.logTheta = logTheta;
    }

    /**
     * Fits the counts.
     *
     * @param x one count vector per example {@code [N][F]} (whole or fractional counts, ≥ 0)
     * @param y the class of each example {@code [N]}, in 0 … classes−1
     * @param alpha the add-α smoothing, &gt; 0
     */
    static NaiveBayes fit(double[][] x, int[] y, int classes, double alpha) {
        Shapes.require(alpha > 0, "alpha must be positive but is %s", alpha);
        Shapes.require(x.length == y.length && x.length > 0, "need as many labels as examples (and at least one)"
                + " but have %d examples and %d labels", x.length, y.length);
        int features = x[0].length;
        double[] n = new double[classes];
        double[][] counts = new double[classes][features];
        for (int i = 0; i < x.length; i++) {
            n[y[i]]++;
            for (int j = 0; j < features; j++) counts[y[i]][j] += x[i][j];
        }
        double[] logPrior = new double[classes];
        double[][] logTheta = new double[classes][features];
        for (int c = 0; c < classes; c++) {
            logPrior[c] = Math.log(n[c] / x.length);
            double total = alpha * features;
            for (double v : counts[c]) total += v;
            for (int j = 0; j < features; j++) logTheta[c][j] = Math.log((counts[c][j] + alpha) / total);
        }
        return new NaiveBayes(logPrior, logTheta);
    }

    /** score_c(x) for every class, {@code [C]}. */
    double[] scores(double[] x) {
        double[] s = logPrior.clone();
        for (int c = 0; c < s.length; c++) {
            for (int j = 0; j < x.length; j++) if (x[j] != 0) s[c] += x[j] * logTheta[c][j];
        }
        return s;
    }

    /** The class with the highest score (the lowest id on a tie). */
    int predict(double[] x) {
        double[] s = scores(x);
        int best = 0;
        for (int c = 1; c < s.length; c++) if (s[c] > s[best]) best = c;
        return best;
    }
}
