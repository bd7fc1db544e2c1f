package org.seqlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.check.GradientCheck;

class LstmCellTest {

    @Test
    void backwardStepMatchesFiniteDifferencesForEveryParameterInputAndState() {
        LstmCell cell = LstmCell.create(3, 4, new Random(1), DataType.DOUBLE);
        GradientCheck.Report r = CellChecks.checkStep(cell, 2, 11);
        assertTrue(r.maxRelativeError() < 1e-7, r::toString);
        assertEquals(7, r.rows().size());
    }

    @Test
    void oneStepMatchesAHandComputedCase() {
        LstmCell cell = LstmCell.create(1, 1, new Random(2), DataType.DOUBLE);
        // W_ih = [i, f, g, o] = [1, 2, 3, 4]; W_hh = 0.5 each; b_ih = 0.1 each; b_hh = 0.
        cell.parameters().get("weight_ih_l0").value().assign(Nd4j.create(new double[][] {{1}, {2}, {3}, {4}}));
        cell.parameters().get("weight_hh_l0").value().assign(0.5);
        cell.parameters().get("bias_ih_l0").value().assign(0.1);
        cell.parameters().get("bias_hh_l0").value().assign(0.0);
        double x = 0.3, h = -0.2, c = 0.7;
        LstmCell.Step s = cell.forward(Nd4j.create(new double[][] {{x}}),
                new State(Nd4j.create(new double[][] {{h}}), Nd4j.create(new double[][] {{c}})));
        double i = sigmoid(1 * x + 0.1 + 0.5 * h);
        double f = sigmoid(2 * x + 0.1 + 0.5 * h);
        double g = Math.tanh(3 * x + 0.1 + 0.5 * h);
        double o = sigmoid(4 * x + 0.1 + 0.5 * h);
        double c2 = f * c + i * g;
        assertEquals(i, s.i().getDouble(0, 0), 1e-15);
        assertEquals(f, s.f().getDouble(0, 0), 1e-15);
        assertEquals(g, s.g().getDouble(0, 0), 1e-15);
        assertEquals(o, s.o().getDouble(0, 0), 1e-15);
        assertEquals(c2, s.next().c().getDouble(0, 0), 1e-15);
        assertEquals(o * Math.tanh(c2), s.next().h().getDouble(0, 0), 1e-15);
    }

    @Test
    void parametersHavePyTorchNamesAndLayouts() {
        LstmCell cell = LstmCell.create(5, 7, new Random(3));
        assertEquals(java.util.List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"),
                cell.parameters().names());
        assertEquals("[28, 5]", java.util.Arrays.toString(cell.parameters().get("weight_ih_l0").value().shape()));
        assertEquals("[28, 7]", java.util.Arrays.toString(cell.parameters().get("weight_hh_l0").value().shape()));
        assertEquals("[28]", java.util.Arrays.toString(cell.parameters().get("bias_hh_l0").value().shape()));
        assertEquals(DataType.FLOAT, cell.parameters().get("bias_hh_l0").value().dataType());
        double k = 1 / Math.sqrt(7);
        assertTrue(cell.parameters().get("weight_hh_l0").value().amaxNumber().doubleValue() <= k);
    }

    @Test
    void aWrongInputShapeIsRejectedWithBothShapes() {
        LstmCell cell = LstmCell.create(5, 7, new Random(3));
        INDArray x = Nd4j.create(DataType.FLOAT, 2, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cell.forward(x, cell.zeroState(2)));
        assertEquals("x_t must be [B, D=5] but is [2, 4]", e.getMessage());
    }

    @Test
    void aMissingCellStateIsRejected() {
        LstmCell cell = LstmCell.create(5, 7, new Random(3));
        INDArray x = Nd4j.create(DataType.FLOAT, 2, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cell.forward(x, State.of(Nd4j.create(DataType.FLOAT, 2, 7))));
        assertTrue(e.getMessage().contains("prev.c"), e.getMessage());
    }

    @Test
    void stepsAreReproducibleFromTheSeed() {
        LstmCell a = LstmCell.create(3, 4, new Random(9));
        LstmCell b = LstmCell.create(3, 4, new Random(9));
        assertEquals(a.parameters().get("weight_hh_l0").value(), b.parameters().get("weight_hh_l0").value());
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
