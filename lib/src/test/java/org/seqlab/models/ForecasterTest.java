package org.seqlab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.seqlab.data.Batcher;
import org.seqlab.data.Sequence;
import org.seqlab.data.SequenceBatch;
import org.seqlab.data.Tasks;
import org.seqlab.train.Adam;
import org.seqlab.train.FitResult;
import org.seqlab.train.StepResult;
import org.seqlab.train.Trainer;

class ForecasterTest {
    private static Forecaster.Builder small(int outputs) {
        return Forecaster.builder(1, outputs).hiddenSize(3).dataType(DataType.DOUBLE);
    }

    private static List<Sequence> lastStepSequences() {
        return List.of(Sequence.features(new float[][] {{0.1f}, {0.4f}, {-0.2f}}, new float[] {0.3f, -0.1f}),
                Sequence.features(new float[][] {{0.5f}}, new float[] {-0.4f, 0.2f}));
    }

    @Test
    void perStepGradientsMatchFiniteDifferences() {
        ModelChecks.gradientsMatchFiniteDifferences(small(1).cell(CellType.LSTM).build(),
                Batcher.batch(Tasks.noisySine(2, 4, 0.1, 1).subList(0, 2)));
    }

    @Test
    void lastStepGradientsMatchFiniteDifferencesWithPadding() {
        ModelChecks.gradientsMatchFiniteDifferences(small(2).cell(CellType.RNN).layers(2).build(),
                Batcher.batch(lastStepSequences()));
    }

    @Test
    void maeAveragesTheAbsoluteErrorOverRealValues() {
        Forecaster model = small(2).build();
        SequenceBatch batch = Batcher.batch(lastStepSequences());
        INDArray error = model.predict(batch).sub(batch.targets().castTo(DataType.DOUBLE));
        StepResult r = model.evaluate(batch);
        assertEquals(error.norm1Number().doubleValue() / error.length(), r.metrics().get("mae").value(), 1e-12);
        assertEquals(error.mul(error).meanNumber().doubleValue(), r.loss(), 1e-12);
    }

    @Test
    void perStepLossAndMaeIgnorePaddedSteps() {
        Forecaster model = small(1).build();
        List<Sequence> data = List.of(Tasks.noisySine(1, 5, 0.1, 3).get(0), Tasks.noisySine(1, 2, 0.1, 4).get(0));
        SequenceBatch batch = Batcher.batch(data);
        INDArray error = model.predict(batch).sub(batch.targets().castTo(DataType.DOUBLE))
                .muli(batch.mask().castTo(DataType.DOUBLE).reshape(5, 2, 1));
        StepResult r = model.evaluate(batch);
        assertEquals(7, r.count());
        assertEquals(error.norm1Number().doubleValue() / 7, r.metrics().get("mae").value(), 1e-12);
        assertEquals(error.mul(error).sumNumber().doubleValue() / 7, r.loss(), 1e-12);
    }

    @Test
    void streamingGivesThePerStepPredictionsAndForecastContinuesThem() {
        Forecaster model = small(1).cell(CellType.GRU).layers(2).build();
        SequenceBatch batch = Batcher.batch(Tasks.noisySine(3, 6, 0.1, 2));
        INDArray whole = model.predict(batch);
        StreamingPredictor stream = model.streaming(3);
        for (int t = 0; t < 6; t++) {
            assertEquals(0, ModelChecks.maxDifference(whole.slice(t), stream.step(batch.x().slice(t))), 1e-12);
        }
        INDArray forecast = model.forecast(batch.x(), 3);
        assertEquals(0, ModelChecks.maxDifference(whole.slice(5), forecast.slice(0)), 1e-12);
        // the second forecast step is the model run on the history extended by the first prediction
        INDArray extended = Nd4j.concat(0, batch.x().castTo(DataType.DOUBLE), forecast.get(NDArrayIndex.interval(0, 1),
                NDArrayIndex.all(), NDArrayIndex.all()));
        INDArray again = model.forecast(extended, 1);
        assertEquals(0, ModelChecks.maxDifference(again.slice(0), forecast.slice(1)), 1e-12);
    }

    @Test
    void learnsSinesAndForecastsThemAutoregressively() {
        Forecaster model = Forecaster.builder(1, 1).cell(CellType.LSTM).hiddenSize(16).seed(2).build();
        Batcher train = Batcher.of(Tasks.noisySine(128, 40, 0.0, 3), 16).shuffled(2);
        FitResult r = Trainer.builder().model(model).optimizer(Adam.create(model.parameters(), 0.01)).epochs(20)
                .build().fit(train::epoch, List.of());
        double first = r.history().epochs().get(0).train().get("mae");
        double last = r.history().epochs().get(19).train().get("mae");
        assertTrue(last < first / 3 && last < 0.1, r.toString());

        double f = 0.05;
        double[] history = new double[40];
        for (int t = 0; t < 40; t++) history[t] = Math.sin(2 * Math.PI * f * t);
        double[] forecast = model.forecast(history, 3);
        double[] truth = new double[3];
        for (int s = 0; s < 3; s++) truth[s] = Math.sin(2 * Math.PI * f * (40 + s));
        assertArrayEquals(truth, forecast, 0.15, java.util.Arrays.toString(forecast) + " " + r);
    }
}
