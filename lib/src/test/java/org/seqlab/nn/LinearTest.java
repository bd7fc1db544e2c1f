package org.seqlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.check.GradientCheck;

class LinearTest {

    @Test
    void forwardIsXTimesWeightTransposedPlusBias() {
        Linear fc = Linear.create(2, 1, new Random(1), DataType.DOUBLE);
        fc.parameters().get("weight").value().assign(Nd4j.create(new double[][] {{2, -1}}));
        fc.parameters().get("bias").value().assign(0.5);
        assertEquals(Nd4j.create(new double[][] {{2 * 3 - 4 + 0.5}}), fc.forward(Nd4j.create(new double[][] {{3, 4}})));
    }

    @Test
    void backwardOverTimeMajorInputMatchesFiniteDifferences() {
        Linear fc = Linear.create(3, 4, new Random(2), DataType.DOUBLE);
        Random rng = new Random(3);
        INDArray x = CellChecks.normal(rng, 5, 2, 3);
        INDArray r = CellChecks.normal(rng, 5, 2, 4);
        fc.parameters().zeroGrad();
        INDArray dx = fc.backward(x, r);
        List<GradientCheck.Target> targets = new ArrayList<>(GradientCheck.targets(fc.parameters()));
        targets.add(new GradientCheck.Target("x", x, dx));
        GradientCheck.Report report = GradientCheck.check(() -> fc.forward(x).mul(r).sumNumber().doubleValue(), targets);
        assertTrue(report.maxRelativeError() < 1e-7, report::toString);
        assertEquals(List.of("weight", "bias"), fc.parameters().names());
    }

    @Test
    void timeMajorResultsAreArraysOfTheirOwnThatATrainingStepCanFree() {
        // A reshaped [N, out] would be a view, which INDArray.close refuses: each step's logits and δx would then
        // stay mapped until a garbage collection, and every step would touch fresh pages (milliseconds per MB here).
        Linear fc = Linear.create(3, 4, new Random(2));
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 2, 3);
        INDArray y = fc.forward(x);
        INDArray dx = fc.backward(x, Nd4j.onesLike(y));
        assertEquals(List.of(5L, 2L, 4L), List.of(y.size(0), y.size(1), y.size(2)));
        assertEquals(List.of(5L, 2L, 3L), List.of(dx.size(0), dx.size(1), dx.size(2)));
        assertTrue(y.closeable() && dx.closeable(), "y and δx must not be views");
    }

    @Test
    void aWrongFeatureCountIsRejectedWithBothShapes() {
        Linear fc = Linear.create(3, 4, new Random(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fc.forward(Nd4j.create(DataType.FLOAT, 5, 2, 7)));
        assertEquals("x must be [T, B, in=3] but is [5, 2, 7]", e.getMessage());
    }

    @Test
    void mixingFloat32AndFloat64NamesBothTypesAndTheFix() {
        Linear fc = Linear.create(3, 4, new Random(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fc.forward(Nd4j.create(DataType.DOUBLE, 5, 3)));
        assertEquals("x is DOUBLE (float64) but the linear layer computes in FLOAT (float32), and the two do not mix: "
                + "convert it with x.castTo(DataType.FLOAT), or build the linear layer with DataType.DOUBLE", e.getMessage());
        INDArray x = Nd4j.create(DataType.FLOAT, 5, 3);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> fc.backward(x, Nd4j.create(DataType.DOUBLE, 5, 4)))
                .getMessage().startsWith("dy is DOUBLE (float64) but the linear layer computes in FLOAT (float32)"));
    }
}
