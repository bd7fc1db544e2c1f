package org.seqlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.check.GradientCheck;

class VanillaRnnCellTest {

    @Test
    void tanhBackwardStepMatchesFiniteDifferences() {
        VanillaRnnCell cell = VanillaRnnCell.create(3, 4, new Random(1), DataType.DOUBLE);
        GradientCheck.Report r = CellChecks.checkStep(cell, 2, 13);
        assertTrue(r.maxRelativeError() < 1e-7, r::toString);
        assertEquals(6, r.rows().size());
    }

    @Test
    void reluBackwardStepMatchesFiniteDifferences() {
        VanillaRnnCell cell = VanillaRnnCell.create(3, 4, VanillaRnnCell.Activation.RELU, new Random(1),
                DataType.DOUBLE);
        GradientCheck.Report r = CellChecks.checkStep(cell, 2, 14);
        assertTrue(r.maxRelativeError() < 1e-7, r::toString);
    }

    @Test
    void oneStepMatchesAHandComputedCase() {
        VanillaRnnCell cell = VanillaRnnCell.create(2, 1, new Random(2), DataType.DOUBLE);
        cell.parameters().get("weight_ih_l0").value().assign(Nd4j.create(new double[][] {{1, -2}}));
        cell.parameters().get("weight_hh_l0").value().assign(0.5);
        cell.parameters().get("bias_ih_l0").value().assign(0.1);
        cell.parameters().get("bias_hh_l0").value().assign(-0.3);
        VanillaRnnCell.Step s = cell.forward(Nd4j.create(new double[][] {{0.4, 0.2}}),
                State.of(Nd4j.create(new double[][] {{0.6}})));
        double a = 0.4 - 0.4 + 0.1 + 0.3 - 0.3;
        assertEquals(a, s.a().getDouble(0, 0), 1e-15);
        assertEquals(Math.tanh(a), s.next().h().getDouble(0, 0), 1e-15);
    }

    @Test
    void reluClipsNegativePreActivationsToZero() {
        VanillaRnnCell cell = VanillaRnnCell.create(1, 1, VanillaRnnCell.Activation.RELU, new Random(2), DataType.DOUBLE);
        cell.parameters().get("weight_ih_l0").value().assign(-1);
        cell.parameters().get("weight_hh_l0").value().assign(0);
        cell.parameters().get("bias_ih_l0").value().assign(0);
        cell.parameters().get("bias_hh_l0").value().assign(0);
        VanillaRnnCell.Step s = cell.forward(Nd4j.create(new double[][] {{2}}), cell.zeroState(1));
        assertEquals(0.0, s.next().h().getDouble(0, 0));
        assertEquals(-2.0, s.a().getDouble(0, 0));
    }
}
