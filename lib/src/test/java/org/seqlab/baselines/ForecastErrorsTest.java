package org.seqlab.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ForecastErrorsTest {

    @Test
    void maeRmseAndMaseOfAHandComputedCase() {
        // errors 1, -3, 0, 2: MAE 6/4, RMSE sqrt(14/4)
        ForecastErrors e = ForecastErrors.of(new double[] {10, 7, 5, 9}, new double[] {9, 10, 5, 7}, 0.5);
        assertEquals(1.5, e.mae(), 1e-15);
        assertEquals(Math.sqrt(3.5), e.rmse(), 1e-15);
        assertEquals(3.0, e.mase(), 1e-15);
        assertEquals(4, e.count());
    }

    @Test
    void theMaseScaleIsTheNaiveInSampleMaeOnTheTrainingPartOnly() {
        double[] y = {1, 3, 2, 6, 100, -100};
        // m = 1 on [0, 4): |3-1| + |2-3| + |6-2| = 7 over 3
        assertEquals(7 / 3.0, ForecastErrors.naiveScale(y, 4, 1), 1e-15);
        // m = 2 on [0, 4): |2-1| + |6-3| = 4 over 2
        assertEquals(2.0, ForecastErrors.naiveScale(y, 4, 2), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> ForecastErrors.naiveScale(new double[] {5, 5, 5}, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> ForecastErrors.naiveScale(y, 2, 2));
    }

    @Test
    void theNaiveForecastOnTheTrainingPartHasMaseOne() {
        double[] y = {4, 6, 5, 9, 8, 12};
        double[] naive = new double[y.length - 1];
        double[] actual = new double[y.length - 1];
        for (int t = 1; t < y.length; t++) {
            naive[t - 1] = y[t - 1];
            actual[t - 1] = y[t];
        }
        assertEquals(1.0, ForecastErrors.of(actual, naive, ForecastErrors.naiveScale(y, y.length, 1)).mase(), 1e-15);
    }
}
