package org.seqlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.check.GradientCheck;

class GruCellTest {

    @Test
    void backwardStepMatchesFiniteDifferencesForEveryParameterInputAndState() {
        GruCell cell = GruCell.create(3, 4, new Random(1), DataType.DOUBLE);
        GradientCheck.Report r = CellChecks.checkStep(cell, 2, 12);
        assertTrue(r.maxRelativeError() < 1e-7, r::toString);
        assertEquals(6, r.rows().size());
    }

    @Test
    void resetGateScalesTheRecurrentProductIncludingItsBiasAsPyTorchDoes() {
        GruCell cell = GruCell.create(1, 1, new Random(2), DataType.DOUBLE);
        // W_ih = [r, z, n] = [1, 2, 3]; W_hh = [0.5, -0.5, 0.25]; b_ih = 0.1; b_hh = [0, 0, 0.8].
        cell.parameters().get("weight_ih_l0").value().assign(Nd4j.create(new double[][] {{1}, {2}, {3}}));
        cell.parameters().get("weight_hh_l0").value().assign(Nd4j.create(new double[][] {{0.5}, {-0.5}, {0.25}}));
        cell.parameters().get("bias_ih_l0").value().assign(0.1);
        cell.parameters().get("bias_hh_l0").value().assign(Nd4j.create(new double[] {0, 0, 0.8}));
        double x = 0.3, h = -0.6;
        GruCell.Step s = cell.forward(Nd4j.create(new double[][] {{x}}), State.of(Nd4j.create(new double[][] {{h}})));
        double r = sigmoid(x + 0.1 + 0.5 * h);
        double z = sigmoid(2 * x + 0.1 - 0.5 * h);
        double n = Math.tanh(3 * x + 0.1 + r * (0.25 * h + 0.8));
        assertEquals(r, s.r().getDouble(0, 0), 1e-15);
        assertEquals(z, s.z().getDouble(0, 0), 1e-15);
        assertEquals(n, s.n().getDouble(0, 0), 1e-15);
        assertEquals((1 - z) * n + z * h, s.next().h().getDouble(0, 0), 1e-15);
    }

    @Test
    void parametersStackThreeGateBlocks() {
        GruCell cell = GruCell.create(5, 7, new Random(3));
        assertEquals("[21, 5]", java.util.Arrays.toString(cell.parameters().get("weight_ih_l0").value().shape()));
        assertEquals("[21, 7]", java.util.Arrays.toString(cell.parameters().get("weight_hh_l0").value().shape()));
        assertEquals(3, cell.gates());
    }

    @Test
    void aStateOfTheWrongBatchSizeIsRejectedWithBothShapes() {
        GruCell cell = GruCell.create(5, 7, new Random(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cell.forward(Nd4j.create(DataType.FLOAT, 2, 5), cell.zeroState(3)));
        assertEquals("prev.h must be [B=2, H=7] but is [3, 7]", e.getMessage());
    }

    @Test
    void anInputOfTheWrongDataTypeIsRejected() {
        GruCell cell = GruCell.create(5, 7, new Random(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cell.forward(Nd4j.create(DataType.DOUBLE, 2, 5), cell.zeroState(2)));
        assertTrue(e.getMessage().contains("FLOAT"), e.getMessage());
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
