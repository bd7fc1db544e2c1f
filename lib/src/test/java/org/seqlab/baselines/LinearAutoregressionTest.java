package org.seqlab.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearAutoregressionTest {

    /** y_t = c + φ1 y_{t−1} + φ2 y_{t−2} + noise. */
    private static double[] ar2(int n, double c, double phi1, double phi2, double noise, long seed) {
        Random rng = new Random(seed);
        double[] y = new double[n];
        y[0] = 1;
        y[1] = 2;
        for (int t = 2; t < n; t++) y[t] = c + phi1 * y[t - 1] + phi2 * y[t - 2] + noise * rng.nextGaussian();
        return y;
    }

    @Test
    void recoversTheCoefficientsOfANoiselessAutoregression() {
        double[] y = ar2(60, 0.5, 1.2, -0.5, 0, 1);
        LinearAutoregression ar = LinearAutoregression.fit(y, 2, 40);
        assertEquals(0.5, ar.intercept(), 1e-8);
        assertArrayEquals(new double[] {1.2, -0.5}, ar.coefficients(), 1e-8);
    }

    @Test
    void theResidualsAreOrthogonalToEveryRegressorAsLeastSquaresRequires() {
        double[] y = ar2(300, 0.3, 0.6, 0.2, 1.0, 7);
        int p = 3, trainEnd = 200;
        LinearAutoregression ar = LinearAutoregression.fit(y, p, trainEnd);
        double[] phi = ar.coefficients();
        double[] normal = new double[p + 1];     // Xᵀ r: the gradient of the squared error, zero at the minimum
        double sumSq = 0;
        for (int t = p; t < trainEnd; t++) {
            double r = y[t] - ar.intercept();
            for (int j = 1; j <= p; j++) r -= phi[j - 1] * y[t - j];
            normal[0] += r;
            for (int j = 1; j <= p; j++) normal[j] += r * y[t - j];
            sumSq += r * r;
        }
        for (double g : normal) assertEquals(0, g, 1e-8 * Math.max(1, sumSq));
        // and the values after trainEnd were not used: changing them does not change the fit
        double[] changed = y.clone();
        for (int t = trainEnd; t < changed.length; t++) changed[t] = 1e6;
        assertArrayEquals(phi, LinearAutoregression.fit(changed, p, trainEnd).coefficients(), 1e-12);
    }

    @Test
    void multiStepForecastsFeedEachForecastBackRecursively() {
        double[] y = ar2(60, 0.5, 1.2, -0.5, 0.3, 3);
        LinearAutoregression ar = LinearAutoregression.fit(y, 2, 50);
        double c = ar.intercept(), p1 = ar.coefficients()[0], p2 = ar.coefficients()[1];
        double f1 = c + p1 * y[44] + p2 * y[43];
        double f2 = c + p1 * f1 + p2 * y[44];
        double f3 = c + p1 * f2 + p2 * f1;
        assertArrayEquals(new double[] {f1, f2, f3}, ar.forecast(45, 3), 1e-12);
        double[] changed = y.clone();
        for (int t = 45; t < changed.length; t++) changed[t] = -1e6;
        double[] refit = LinearAutoregression.fit(changed, 2, 45).forecast(45, 5);
        assertArrayEquals(LinearAutoregression.fit(y, 2, 45).forecast(45, 5), refit, 1e-12, "no value at or after from is read");
    }

    @Test
    void tooShortATrainingPartIsAnErrorThatSaysWhatToDo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearAutoregression.fit(new double[40], 12, 30));
        assertTrue(e.getMessage().contains("AR(12) has 13 coefficients"), e.getMessage());
        assertTrue(e.getMessage().contains("lower the order"), e.getMessage());
        double[] periodic = new double[60];
        for (int t = 0; t < periodic.length; t++) periodic[t] = t % 4;
        IllegalArgumentException singular = assertThrows(IllegalArgumentException.class,
                () -> LinearAutoregression.fit(periodic, 8, 60));
        assertTrue(singular.getMessage().contains("linearly dependent"), singular.getMessage());
        double[] nan = ar2(40, 0, 0.5, 0, 1, 1);
        nan[3] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> LinearAutoregression.fit(nan, 2, 30));
    }
}
