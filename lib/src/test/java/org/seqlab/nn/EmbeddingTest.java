package org.seqlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.check.GradientCheck;

class EmbeddingTest {
    private final INDArray ids = Nd4j.create(new double[][] {{0, 2}, {2, 1}, {3, 2}});

    @Test
    void forwardPicksTheRowsOfTheIds() {
        Embedding e = Embedding.create(4, 3, new Random(1), DataType.DOUBLE);
        INDArray y = e.forward(ids);
        assertEquals(3, y.rank());
        assertEquals(e.parameters().get("weight").value().getRow(2), y.get(
                org.nd4j.linalg.indexing.NDArrayIndex.point(1), org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.all()));
    }

    @Test
    void backwardAddsRepeatedIdsAndMatchesFiniteDifferences() {
        Embedding e = Embedding.create(4, 3, new Random(2), DataType.DOUBLE);
        INDArray r = CellChecks.normal(new Random(3), 3, 2, 3);
        e.parameters().zeroGrad();
        e.backward(ids, r);
        GradientCheck.Report report = GradientCheck.check(() -> e.forward(ids).mul(r).sumNumber().doubleValue(),
                GradientCheck.targets(e.parameters()));
        assertTrue(report.maxRelativeError() < 1e-7, report::toString);
        assertEquals(0.0, e.parameters().get("weight").grad().getRow(1).sub(r.slice(1).getRow(1)).amaxNumber().doubleValue(), 1e-15);
    }
}
