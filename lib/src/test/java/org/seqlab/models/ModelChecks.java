package org.seqlab.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.check.GradientCheck;
import org.seqlab.data.SequenceBatch;
import org.seqlab.train.Trainable;

/** Checks shared by the model tests. */
final class ModelChecks {
    private ModelChecks() {}

    /** trainStep's parameter gradients against finite differences of evaluate's loss, in float64. */
    static void gradientsMatchFiniteDifferences(Trainable<SequenceBatch> model, SequenceBatch batch) {
        model.parameters().zeroGrad();
        model.trainStep(batch);
        GradientCheck.Report report = GradientCheck.check(() -> model.evaluate(batch).loss(),
                GradientCheck.targets(model.parameters()));
        assertTrue(report.maxRelativeError() < 1e-6, report.toString());
    }

    /** The largest absolute difference between two arrays of the same shape. */
    static double maxDifference(INDArray a, INDArray b) {
        return a.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                .sub(b.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)).amaxNumber().doubleValue();
    }
}
