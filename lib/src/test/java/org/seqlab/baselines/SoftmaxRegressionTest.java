package org.seqlab.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SoftmaxRegressionTest {
    /** Three Gaussian blobs in 4 dimensions, the class being the blob. */
    private static double[][] blobs(int n, int[] y, long seed) {
        Random rng = new Random(seed);
        double[][] x = new double[n][4];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < 4; j++) x[i][j] = 5 + 3 * (j == y[i] ? 1 : 0) + rng.nextGaussian();
        }
        return x;
    }

    @Test
    void gradientMatchesFiniteDifferencesOfTheLoss() {
        int n = 12;
        int[] y = new int[n];
        double[][] x = blobs(n, y, 1);
        double l2 = 0.3;
        SoftmaxRegression m = SoftmaxRegression.fit(x, y, 3, l2, 0);
        Random rng = new Random(2);
        double[][] w = new double[3][4];
        double[] b = new double[3];
        for (int c = 0; c < 3; c++) {
            b[c] = rng.nextGaussian();
            for (int j = 0; j < 4; j++) w[c][j] = rng.nextGaussian();
        }
        m.set(w, b);
        double[][] xs = new double[n][];
        for (int i = 0; i < n; i++) xs[i] = m.standardise(x[i]);
        double[][] dW = new double[3][4];
        double[] db = new double[3];
        m.gradient(xs, y, l2, dW, db);
        double eps = 1e-6;
        for (int c = 0; c < 3; c++) {
            for (int j = 0; j <= 4; j++) {
                double[][] wp = copy(w);
                double[][] wm = copy(w);
                double[] bp = b.clone();
                double[] bm = b.clone();
                if (j < 4) {
                    wp[c][j] += eps;
                    wm[c][j] -= eps;
                } else {
                    bp[c] += eps;
                    bm[c] -= eps;
                }
                m.set(wp, bp);
                double up = m.loss(x, y, l2);
                m.set(wm, bm);
                double down = m.loss(x, y, l2);
                double numeric = (up - down) / (2 * eps);
                assertEquals(numeric, j < 4 ? dW[c][j] : db[c], 1e-7, "class " + c + " feature " + j);
            }
        }
    }

    private static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) out[i] = a[i].clone();
        return out;
    }

    @Test
    void fittingLowersTheLossAndSeparatesBlobs() {
        int[] y = new int[300];
        double[][] x = blobs(300, y, 3);
        double start = SoftmaxRegression.fit(x, y, 3, 1e-3, 0).loss(x, y, 1e-3);
        SoftmaxRegression m = SoftmaxRegression.fit(x, y, 3, 1e-3, 300);
        assertEquals(Math.log(3), start, 1e-12, "zero weights give the uniform distribution");
        assertTrue(m.loss(x, y, 1e-3) < 0.2, "loss " + m.loss(x, y, 1e-3));
        int[] yTest = new int[90];
        double[][] test = blobs(90, yTest, 4);
        int right = 0;
        for (int i = 0; i < 90; i++) if (m.predict(test[i]) == yTest[i]) right++;
        assertTrue(right >= 85, right + " of 90 right");
        double sum = 0;
        for (double p : m.probabilities(test[0])) sum += p;
        assertEquals(1, sum, 1e-12);
    }

    @Test
    void moreStepsNeverRaiseTheLoss() {
        int[] y = new int[60];
        double[][] x = blobs(60, y, 5);
        double previous = Double.POSITIVE_INFINITY;
        for (int steps : new int[] {0, 1, 5, 20, 100}) {
            double loss = SoftmaxRegression.fit(x, y, 3, 0.01, steps).loss(x, y, 0.01);
            assertTrue(loss <= previous + 1e-12, steps + " steps: " + loss + " after " + previous);
            previous = loss;
        }
    }

    @Test
    void aConstantFeatureIsIgnoredNotDividedByZero() {
        double[][] x = {{1, 7}, {2, 7}, {3, 7}, {4, 7}};
        int[] y = {0, 0, 1, 1};
        SoftmaxRegression m = SoftmaxRegression.fit(x, y, 2, 0, 200);
        assertEquals(0, m.predict(new double[] {1, 7}));
        assertEquals(1, m.predict(new double[] {4, 1000}));
    }

    @Test
    void badInputIsNamed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SoftmaxRegression.fit(new double[][] {{1, 2}, {3}}, new int[] {0, 1}, 2, 0, 1));
        assertTrue(e.getMessage().contains("D=2") && e.getMessage().contains("row 1 has 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SoftmaxRegression.fit(new double[][] {{1}, {3}}, new int[] {0, 2}, 2, 0, 1));
        assertTrue(e.getMessage().contains("[0, 2)") && e.getMessage().contains("y[1] is 2"), e.getMessage());
        SoftmaxRegression m = SoftmaxRegression.fit(new double[][] {{1}, {3}}, new int[] {0, 1}, 2, 0, 1);
        e = assertThrows(IllegalArgumentException.class, () -> m.predict(new double[] {1, 2}));
        assertTrue(e.getMessage().contains("D=1 features but has 2"), e.getMessage());
    }
}
