package org.seqlab.train;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.nn.Parameters;

/**
 * A model whose validation loss follows a script (one value per evaluate call, so per epoch with one validation
 * batch) and whose single parameter w grows by 1 each step (SGD, lr 1, gradient -1), so tests can tell epochs
 * apart by w.
 */
final class ScriptedModel implements Trainable<Integer> {
    private final Parameters parameters = new Parameters();
    private final double[] validationLosses;
    private int evaluations;

    ScriptedModel(double... validationLosses) {
        this.validationLosses = validationLosses;
        parameters.add("w", Nd4j.zeros(DataType.DOUBLE, 1));
    }

    double w() {
        return parameters.get("w").value().getDouble(0);
    }

    /** A trainer over this model: SGD with lr 1, no shuffling. */
    Trainer<Integer> trainer(int epochs, Callback... callbacks) {
        return Trainer.builder().model(this).optimizer(Sgd.create(parameters, 1.0)).epochs(epochs).shuffle(false)
                .callbacks(callbacks).build();
    }

    /** Trains on {@code batches} batches with one validation batch. */
    FitResult fit(Trainer<Integer> trainer, int batches) {
        return trainer.fit(java.util.stream.IntStream.range(0, batches).boxed().toList(), List.of(0));
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    @Override
    public StepResult trainStep(Integer batch) {
        parameters.get("w").grad().assign(-1);
        return StepResult.of(1.0, 1).with("accuracy", Metric.mean(1, 2));
    }

    @Override
    public StepResult evaluate(Integer batch) {
        return StepResult.of(validationLosses[evaluations++], 1).with("accuracy",
                Metric.mean(1 - validationLosses[evaluations - 1] / 10, 1));
    }
}
