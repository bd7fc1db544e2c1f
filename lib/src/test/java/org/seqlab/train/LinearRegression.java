package org.seqlab.train;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.nn.Parameters;

/** ŷ = x W + b with hand-written gradients: the smallest model a Trainer can train. */
final class LinearRegression implements Trainable<LinearRegression.Batch> {
    record Batch(INDArray x, INDArray y) {}

    private final Parameters parameters = new Parameters();
    private final INDArray w;
    private final INDArray b;
    int resets;

    LinearRegression(int inputs, long seed) {
        w = parameters.add("weight", Nd4j.randn(seed, new long[] {inputs, 1}).castTo(DataType.FLOAT)).value();
        b = parameters.add("bias", Nd4j.zeros(DataType.FLOAT, 1)).value();
    }

    /** {@code batches} batches of {@code size} rows of y = x·(1, -2, 0.5) + 0.3 + noise. */
    static List<Batch> data(int batches, int size, long seed) {
        INDArray trueW = Nd4j.create(new float[] {1, -2, 0.5f}, new long[] {3, 1}, DataType.FLOAT);
        List<Batch> out = new ArrayList<>();
        for (int k = 0; k < batches; k++) {
            INDArray x = Nd4j.randn(seed + k, new long[] {size, 3}).castTo(DataType.FLOAT);
            INDArray noise = Nd4j.randn(seed + 1000 + k, new long[] {size, 1}).castTo(DataType.FLOAT).muli(0.01);
            out.add(new Batch(x, x.mmul(trueW).addi(0.3).addi(noise)));
        }
        return out;
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    private StepResult result(Loss.Result loss, INDArray prediction, INDArray y) {
        double absSum = prediction.sub(y).norm1Number().doubleValue();
        return StepResult.of(loss.value(), loss.count()).with("mae", Metric.mean(absSum, y.length()));
    }

    @Override
    public StepResult trainStep(Batch batch) {
        INDArray prediction = batch.x().mmul(w).addiRowVector(b);
        Loss.Result loss = Loss.mse(prediction, batch.y());
        parameters.get("weight").grad().addi(batch.x().transpose().mmul(loss.grad()));
        parameters.get("bias").grad().addi(loss.grad().sum(0));
        return result(loss, prediction, batch.y());
    }

    @Override
    public StepResult evaluate(Batch batch) {
        INDArray prediction = batch.x().mmul(w).addiRowVector(b);
        return result(Loss.mse(prediction, batch.y()), prediction, batch.y());
    }

    @Override
    public void resetState() {
        resets++;
    }
}
