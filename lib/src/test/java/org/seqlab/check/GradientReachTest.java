package org.seqlab.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.data.Batcher;
import org.seqlab.data.SequenceBatch;
import org.seqlab.data.Tasks;
import org.seqlab.models.CellType;
import org.seqlab.models.Forecaster;
import org.seqlab.plot.Chart;

class GradientReachTest {

    /** g_t = 2 · ρ^(T − t) for t = 1 … T, indexed 0 … T−1. */
    private static double[] geometric(int steps, double rho) {
        double[] g = new double[steps];
        for (int i = 0; i < steps; i++) g[i] = 2 * Math.pow(rho, steps - 1 - i);
        return g;
    }

    @Test
    void theDecayPerStepOfAGeometricReachIsItsRatio() {
        assertEquals(0.6, GradientReach.decayPerStep(geometric(30, 0.6), 0, 29), 1e-12);
        assertEquals(1.3, GradientReach.decayPerStep(geometric(30, 1.3), 5, 20), 1e-12);
    }

    @Test
    void theDecayPerStepFitsTheSlopeThroughNoise() {
        double[] g = geometric(40, 0.8);
        Random rng = new Random(3);
        for (int i = 0; i < g.length; i++) g[i] *= Math.exp(0.1 * rng.nextGaussian());
        assertEquals(0.8, GradientReach.decayPerStep(g, 0, 39), 0.01);
    }

    @Test
    void aZeroNormInTheRangeIsRefusedWithItsLag() {
        double[] g = geometric(10, 0.5);
        g[2] = 0;                                                            // t = 3, lag 7
        var e = assertThrows(IllegalArgumentException.class, () -> GradientReach.decayPerStep(g, 0, 9));
        assertTrue(e.getMessage().contains("lag 7"), e.getMessage());
        assertEquals(0.5, GradientReach.decayPerStep(g, 0, 6), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> GradientReach.decayPerStep(g, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> GradientReach.decayPerStep(g, 0, 10));
    }

    @Test
    void theLargestSingularValueIsTheMostTheMatrixStretches() {
        INDArray rotationTimesScales = Nd4j.create(new double[][] {{0, -3}, {0.5, 0}});   // σ = 3 and 0.5
        assertEquals(3.0, GradientReach.largestSingularValue(rotationTimesScales), 1e-12);
        INDArray w = Nd4j.rand(DataType.FLOAT, 6, 4).subi(0.5);
        double sigma = GradientReach.largestSingularValue(w);
        // no vector is stretched more than σ_max, and power iteration on WᵀW finds one stretched by σ_max
        INDArray v = Nd4j.rand(DataType.DOUBLE, 4, 1);
        INDArray wd = w.castTo(DataType.DOUBLE);
        for (int i = 0; i < 200; i++) v = wd.transpose().mmul(wd.mmul(v)).divi(v.norm2Number());
        v.divi(v.norm2Number());
        assertEquals(sigma, wd.mmul(v).norm2Number().doubleValue(), 1e-6);
    }

    @Test
    void theChartPlotsEachRunAgainstTheLagWithTheLastStepAtLagZero() {
        Map<String, double[]> runs = new LinkedHashMap<>();
        runs.put("vanishing", geometric(20, 0.5));
        runs.put("with an underflow", new double[] {0, 0.25, 0.5, 1});
        Chart chart = GradientReach.chart(runs);
        assertArrayEquals(new double[] {2, 1, 0.5}, java.util.Arrays.copyOf(chart.y("vanishing"), 3), 1e-12);
        double[] y = chart.y("with an underflow");
        assertEquals(1, y[0]);
        assertTrue(Double.isNaN(y[3]), "a zero norm is left out of the log scale");
        assertTrue(chart.chart().getStyler().isYAxisLogarithmic());
    }

    @Test
    void anUntrainedVanillaRnnLosesItsGradientGeometricallyAndTheBoundHolds() {
        Forecaster model = Forecaster.builder(2, 1).cell(CellType.RNN).hiddenSize(16).seed(4).build();
        SequenceBatch batch = Batcher.batch(Tasks.adding(16, 30, 2));
        double[] reach = model.gradientReach(batch, 0);
        double rho = GradientReach.decayPerStep(reach, 1, 15);
        double bound = GradientReach.largestSingularValue(model.parameters().get("rnn.weight_hh_l0").value());
        assertTrue(rho < 1 && rho < bound, "rho " + rho + ", bound " + bound);
        for (int k = 1; k < 30; k++) {
            assertTrue(reach[29 - k] <= Math.pow(bound, k) * reach[29] * (1 + 1e-4), "lag " + k);
        }
    }
}
