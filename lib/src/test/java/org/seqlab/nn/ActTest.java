package org.seqlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The fast σ, tanh and exp against Math's, over the ranges the loops and the loss use. */
class ActTest {
    private static double[] grid(double from, double to, int n) {
        double[] x = new double[n];
        for (int k = 0; k < n; k++) x[k] = from + (to - from) * k / (n - 1);
        return x;
    }

    @Test
    void fastTanhAndSigmoidAreWithinFloat32ResolutionOfTheExactOnes() {
        double[] x = grid(-12, 12, 100_001);
        double[] t = x.clone();
        double[] s = x.clone();
        Act.tanh(t, 0, t.length, false);
        Act.sigmoid(s, 0, s.length, false);
        for (int k = 0; k < x.length; k++) {
            // Inside [−7.9, 7.9] the rational function is within 3e-8; beyond it is clamped at ±tanh(7.9),
            // 2.6e-7 from ±1: a few float32 steps there, where float32 has 6e-8 between values.
            double tolerance = Math.abs(x[k]) < 7.9 ? 3e-8 : 3e-7;
            assertEquals(Math.tanh(x[k]), t[k], tolerance, "tanh(" + x[k] + ")");
            assertEquals(1 / (1 + Math.exp(-x[k])), s[k], tolerance, "σ(" + x[k] + ")");
        }
    }

    @Test
    void fastExpIsWithinFloat32ResolutionRelativeToMathExp() {
        double[] x = grid(-87, 88, 200_001);
        double[] e = x.clone();
        Act.exp(e, 0, e.length, false);
        double worst = 0;
        for (int k = 0; k < x.length; k++) worst = Math.max(worst, Math.abs(e[k] / Math.exp(x[k]) - 1));
        assertTrue(worst < 1e-10, "worst relative error " + worst);
        double[] tiny = {-200, -1000};
        Act.exp(tiny, 0, 2, false);
        assertTrue(tiny[0] < 1e-37 && tiny[1] < 1e-37);
        double[] exact = {0.5};
        Act.exp(exact, 0, 1, true);
        assertEquals(Math.exp(0.5), exact[0], 0);
    }
}
