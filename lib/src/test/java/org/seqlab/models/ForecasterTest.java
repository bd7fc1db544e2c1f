package org.seqlab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.seqlab.data.Batcher;
import org.seqlab.data.Sequence;
import org.seqlab.data.SequenceBatch;
import org.seqlab.data.Tasks;
import org.seqlab.nn.Linear;
import org.seqlab.nn.Parameter;
import org.seqlab.nn.Recurrent;
import org.seqlab.nn.State;
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

    @Test
    void gradientReachOfALastStepTargetIsTheNormOfTheLossGradientInEachStateByFiniteDifferences() {
        Forecaster model = small(2).cell(CellType.RNN).seed(5).build();
        SequenceBatch batch = Batcher.batch(lastStepSequences());            // T = 3, B = 2, lengths 3 and 1
        assertReachMatchesFiniteDifferences(model, batch, false);
    }

    @Test
    void gradientReachOfPerStepTargetsTakesTheLastStepsShareByFiniteDifferences() {
        Forecaster model = small(1).cell(CellType.RNN).seed(6).build();
        SequenceBatch batch = Batcher.batch(List.of(Tasks.noisySine(1, 5, 0.1, 3).get(0),
                Tasks.noisySine(1, 2, 0.1, 4).get(0)));                      // T = 5, B = 2, lengths 5 and 2
        assertReachMatchesFiniteDifferences(model, batch, true);
    }

    @Test
    void traceGivesEachGateAndStatePerStepAndItsLastStateFeedsThePrediction() {
        Forecaster model = small(2).cell(CellType.LSTM).build();
        SequenceBatch batch = Batcher.batch(lastStepSequences());            // T = 3, B = 2, lengths 3 and 1
        java.util.Map<String, INDArray> trace = model.trace(batch, 0);
        assertEquals(List.of("i", "f", "g", "o", "c", "h"), List.copyOf(trace.keySet()));
        assertArrayEquals(new long[] {3, 2, 3}, trace.get("h").shape());
        // the padded sequence keeps its state after its one real step, and the head reads that state
        assertEquals(0, ModelChecks.maxDifference(trace.get("h").slice(0).getRow(1), trace.get("h").slice(2).getRow(1)), 0);
        INDArray fc = model.parameters().get("fc.weight").value();
        INDArray predicted = trace.get("h").slice(2).mmul(fc.transpose()).addiRowVector(model.parameters().get("fc.bias").value());
        assertEquals(0, ModelChecks.maxDifference(predicted, model.predict(batch)), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> model.trace(batch, 1));
    }

    @Test
    void gradientReachLeavesParameterGradientsAsTheyWere() {
        Forecaster model = small(2).cell(CellType.LSTM).layers(2).build();
        SequenceBatch batch = Batcher.batch(lastStepSequences());
        model.parameters().zeroGrad();
        model.trainStep(batch);
        List<INDArray> before = new java.util.ArrayList<>();
        for (Parameter p : model.parameters()) before.add(p.grad().dup());
        assertEquals(3, model.gradientReach(batch, 1).length);
        assertTrue(model.gradientReach(batch, 0)[2] > 0);
        int i = 0;
        for (Parameter p : model.parameters()) assertEquals(before.get(i++), p.grad(), p.name());
    }

    /**
     * g_t = ‖∂L_T/∂h_t‖ by central differences: the state after step t (from an independent Recurrent and Linear
     * holding the model's weights) is nudged entry by entry, the remaining steps run from it, and L_T measured.
     */
    private static void assertReachMatchesFiniteDifferences(Forecaster model, SequenceBatch batch, boolean perStep) {
        double[] reach = model.gradientReach(batch, 0);
        Recurrent rnn = Recurrent.rnn(1, 3, 1, new Random(0), DataType.DOUBLE);
        int k = (int) batch.targets().size(batch.targets().rank() - 1);
        Linear fc = Linear.create(3, k, new Random(0), DataType.DOUBLE);
        for (Parameter p : rnn.parameters()) p.value().assign(model.parameters().get("rnn." + p.name()).value());
        for (Parameter p : fc.parameters()) p.value().assign(model.parameters().get("fc." + p.name()).value());
        int steps = (int) batch.x().size(0);
        assertEquals(steps, reach.length);
        INDArray x = batch.x().castTo(DataType.DOUBLE);
        INDArray mask = batch.mask().castTo(DataType.DOUBLE);
        for (int t = 0; t < steps; t++) {
            INDArray h = rnn.forward(rows(x, 0, t + 1), rows(mask, 0, t + 1), null).finalState().h();   // h_t [B, H]
            double sum = 0;
            for (int b = 0; b < h.size(0); b++) {
                for (int j = 0; j < h.size(1); j++) {
                    double v = h.getDouble(b, j);
                    h.putScalar(b, j, v + 1e-6);
                    double up = lastLoss(rnn, fc, batch, t, h, perStep);
                    h.putScalar(b, j, v - 1e-6);
                    double down = lastLoss(rnn, fc, batch, t, h, perStep);
                    h.putScalar(b, j, v);
                    double g = (up - down) / 2e-6;
                    sum += g * g;
                }
            }
            assertEquals(Math.sqrt(sum), reach[t], 1e-7 * Math.max(1, reach[t]), "t = " + t);
        }
    }

    /** L_T when the state after step t is h: the steps after t run from h, then the head and the squared error. */
    private static double lastLoss(Recurrent rnn, Linear fc, SequenceBatch batch, int t, INDArray h, boolean perStep) {
        int steps = (int) batch.x().size(0);
        INDArray x = batch.x().castTo(DataType.DOUBLE);
        INDArray mask = batch.mask().castTo(DataType.DOUBLE);
        INDArray y = batch.targets().castTo(DataType.DOUBLE);
        Recurrent.Output rest = t == steps - 1 ? null
                : rnn.forward(rows(x, t + 1, steps), rows(mask, t + 1, steps), List.of(State.of(h.dup())));
        double loss = 0;
        if (perStep) {                                                       // the last step's share, 1/(N·K)
            INDArray last = rest == null ? h : rest.outputs().slice(steps - t - 2);
            INDArray error = fc.forward(last).sub(y.slice(steps - 1));
            double n = mask.sumNumber().doubleValue() * y.size(2);
            for (int b = 0; b < error.size(0); b++) {
                if (mask.getDouble(steps - 1, b) == 0) continue;
                loss += error.getRow(b).mul(error.getRow(b)).sumNumber().doubleValue() / n;
            }
        } else {                                                             // the loss itself, 1/(B·K)
            INDArray last = rest == null ? h : rest.finalState().h();
            INDArray error = fc.forward(last).sub(y);
            loss = error.mul(error).sumNumber().doubleValue() / error.length();
        }
        return loss;
    }

    private static INDArray rows(INDArray a, int from, int to) {
        return a.rank() == 2 ? a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup()
                : a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all()).dup();
    }
}
