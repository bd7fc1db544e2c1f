package org.seqlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class InitTest {

    @Test
    void orthogonalGivesEachGateBlockOrthonormalRows() {
        INDArray w = Nd4j.create(DataType.DOUBLE, 4 * 6, 6);
        Init.orthogonal(w, 4, new Random(1));
        for (int k = 0; k < 4; k++) {
            INDArray q = w.get(NDArrayIndex.interval(6 * k, 6 * (k + 1)), NDArrayIndex.all());
            assertTrue(q.mmul(q.transpose()).equalsWithEps(Nd4j.eye(6).castTo(DataType.DOUBLE), 1e-12), "block " + k);
        }
    }

    @Test
    void orthogonalHandlesTallBlocksWithOrthonormalColumns() {
        INDArray w = Nd4j.create(DataType.DOUBLE, 2 * 5, 3);
        Init.orthogonal(w, 2, new Random(2));
        INDArray q = w.get(NDArrayIndex.interval(5, 10), NDArrayIndex.all());
        assertTrue(q.transpose().mmul(q).equalsWithEps(Nd4j.eye(3).castTo(DataType.DOUBLE), 1e-12));
    }

    @Test
    void xavierStaysWithinItsBound() {
        INDArray w = Nd4j.create(DataType.FLOAT, 3 * 10, 20);
        Init.xavierUniform(w, 3, new Random(3));
        double a = Math.sqrt(6.0 / (20 + 10));
        assertTrue(w.amaxNumber().doubleValue() <= a);
        assertTrue(w.amaxNumber().doubleValue() > 0.9 * a);
    }

    @Test
    void forgetBiasSetsTheSumOfTheForgetBlocks() {
        LstmCell cell = LstmCell.create(2, 3, new Random(4), DataType.DOUBLE);
        Init.forgetBias(cell, 1.0);
        INDArray sum = cell.parameters().get("bias_ih_l0").value().add(cell.parameters().get("bias_hh_l0").value());
        assertEquals(Nd4j.valueArrayOf(new long[] {3}, 1.0, DataType.DOUBLE), sum.get(NDArrayIndex.interval(3, 6)));
        assertTrue(sum.get(NDArrayIndex.interval(0, 3)).neq(1.0).all());
    }

    @Test
    void recurrentRecipeZeroesBiasesAndPyTorchDefaultStaysWithinOneOverRootH() {
        GruCell cell = GruCell.create(2, 16, new Random(5));
        Init.recurrent(cell, new Random(6));
        assertEquals(0.0, cell.parameters().get("bias_hh_l0").value().amaxNumber().doubleValue());
        Init.pytorchDefault(cell, new Random(7));
        assertTrue(cell.parameters().get("bias_hh_l0").value().amaxNumber().doubleValue() <= 0.25);
    }
}
