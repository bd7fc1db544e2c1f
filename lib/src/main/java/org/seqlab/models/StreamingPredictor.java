package org.seqlab.models;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.Shapes;
import org.seqlab.nn.RecurrentStream;
import org.seqlab.nn.State;

/**
 * Runs a trained model one input at a time, keeping the recurrent state between calls: the on-device or
 * streaming setting, where inputs arrive one by one and the whole sequence is never at hand.
 *
 * <pre>
 *   h_t = cell(x_t, h_{t−1})        y_t = W_hy h_t + b_y        one call of step(x_t)
 * </pre>
 *
 * Feeding x_0, x_1, ... gives the per-step outputs of running the model over the whole sequence at once: bit for
 * bit in float64, and to float32's rounding (below 1e-6 of the outputs' size) in float32, where the batch forward sums some
 * products in another order. Lesson 12 measures both.
 * Get one from a model's {@code streaming(batch)}.
 */
public final class StreamingPredictor {
    private final SequenceNetwork net;
    private final int batch;
    private final RecurrentStream stream;
    private long steps;

    StreamingPredictor(SequenceNetwork net, int batch) {
        Shapes.require(batch > 0, "batch must be positive but is %d", batch);
        this.net = net;
        this.batch = batch;
        this.stream = net.rnn.stream(batch);
    }

    /**
     * One step for every stream.
     *
     * @param x the next input: token ids {@code [B]} or features {@code [B, D]}
     * @return the model's output after this step, {@code [B, K]} (logits for classifiers and language models,
     *     values for forecasters)
     */
    public INDArray step(INDArray x) {
        INDArray input;
        if (x.rank() == 1) {
            Shapes.check(x, "x", "B", batch);
            input = net.embedding == null ? x : net.embedding.forward(x.reshape(1, batch)).reshape(batch, -1);
        } else {
            Shapes.check(x, "x", "B,D", batch, net.inputSize);
            input = x.dataType() == net.dtype ? x : x.castTo(net.dtype);
        }
        INDArray out = stream.step(input, net.head);
        steps++;
        return out;
    }

    /** One step of a single stream of features ({@code B = 1}): {@code x [D]} in, the output {@code [K]} out. */
    public double[] step(double... x) {
        Shapes.require(batch == 1, "step(double...) is for one stream but this predictor has B=%d", batch);
        return step(Nd4j.create(x, new long[] {1, x.length}, net.dtype)).reshape(-1).castTo(
                org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector();
    }

    /**
     * One symbol for a single stream of token ids ({@code B = 1}), e.g. a character of a {@link CharLanguageModel}:
     * {@code id} in, the logits {@code [K]} out. Give an unseen character the vocabulary's
     * {@link org.seqlab.data.Vocabulary#UNK_ID} ({@code vocabulary.id(c)} and {@code encode} do).
     *
     * @throws IllegalArgumentException if the predictor has {@code B > 1}, or {@code id} is outside
     *     {@code [0, D)} (D = the vocabulary size the model reads)
     */
    public double[] stepId(int id) {
        Shapes.require(batch == 1, "stepId(int) is for one stream but this predictor has B=%d", batch);
        return step(Nd4j.create(new double[] {id}, new long[] {1}, net.dtype)).reshape(-1).castTo(
                org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector();
    }

    /**
     * The bytes the state occupies: {@code B · H} numbers per layer and state array (h, and c for an LSTM), at the
     * model's data type (4 bytes in float32, 8 in float64). It does not grow with the number of steps read.
     */
    public long stateBytes() {
        long numbers = 0;
        for (org.seqlab.nn.RecurrentCell<?> cell : net.rnn.cells()) {
            numbers += (long) batch * cell.hiddenSize() * (cell.hasCellState() ? 2 : 1);
        }
        return numbers * net.dtype.width();
    }

    /** Forgets the state: the next step starts from zero. */
    public void reset() {
        stream.reset();
        steps = 0;
    }

    /** Each layer's current state (new arrays; empty before the first step). */
    public List<State> state() {
        return stream.state();
    }

    /** How many steps since the start or the last {@link #reset()}. */
    public long steps() {
        return steps;
    }
}
