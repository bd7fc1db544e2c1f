package org.seqlab.models;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.Shapes;
import org.seqlab.data.Sequence;
import org.seqlab.data.SequenceBatch;
import org.seqlab.nn.Parameters;
import org.seqlab.train.Loss;
import org.seqlab.train.Metric;
import org.seqlab.train.StepResult;
import org.seqlab.train.Trainable;

/**
 * Reads a whole sequence and names its class from the state after its last real step.
 *
 * <pre>
 *   h_T = RNN/LSTM/GRU(x_1 .. x_T)        the top layer's state after each sequence's last real step  [B, H]
 *   z   = W h_T + b                       logits [B, C]
 *   L   = -(1/B) Σ_b log softmax(z_b)[y_b]                accuracy = (1/B) Σ_b [argmax z_b = y_b]
 * </pre>
 *
 * Inputs are features {@code [T, B, D]} or token ids {@code [T, B]} (one-hot or embedded); padded steps keep the
 * state, so {@code h_T} is each sequence's own last state however long the batch is.
 */
public final class SequenceClassifier implements Trainable<SequenceBatch> {
    private final SequenceNetwork net;
    private final int classes;

    private SequenceClassifier(Builder b) {
        this.classes = b.classes;
        this.net = b.network(b.inputSize, b.classes);
    }

    /**
     * Settings for a classifier of sequences of {@code inputSize} features (or ids below {@code inputSize}) into
     * {@code classes} classes.
     */
    public static Builder builder(int inputSize, int classes) {
        return new Builder(inputSize, classes);
    }

    /** Settings of a {@link SequenceClassifier}; see {@link ModelBuilder}. */
    public static final class Builder extends ModelBuilder<Builder> {
        private final int inputSize;
        private final int classes;

        private Builder(int inputSize, int classes) {
            Shapes.require(inputSize > 0 && classes > 1, "inputSize must be positive and classes at least 2"
                    + " but are %d and %d", inputSize, classes);
            this.inputSize = inputSize;
            this.classes = classes;
        }

        /** The model. */
        public SequenceClassifier build() {
            return new SequenceClassifier(this);
        }
    }

    @Override
    public Parameters parameters() {
        return net.parameters();
    }

    /** C, the number of classes. */
    public int classes() {
        return classes;
    }

    @Override
    public StepResult trainStep(SequenceBatch batch) {
        SequenceNetwork.Pass pass = forward(labelled(batch));
        INDArray last = pass.output().finalState().h();
        INDArray logits = net.head.forward(last);
        Loss.Result loss = Loss.softmaxCrossEntropy(logits, batch.targets());
        INDArray dLast = net.head.backward(last, loss.grad());
        net.backward(pass, pass.output().outputs().ulike().assign(0), net.topGradient(dLast));
        return result(loss, logits, batch.targets());
    }

    @Override
    public StepResult evaluate(SequenceBatch batch) {
        INDArray logits = logits(labelled(batch));
        return result(Loss.softmaxCrossEntropy(logits, batch.targets()), logits, batch.targets());
    }

    /** The class logits of each sequence, {@code [B, C]}. */
    public INDArray logits(SequenceBatch batch) {
        return net.head.forward(forward(batch).output().finalState().h());
    }

    /** The most likely class of each sequence, {@code [B]}. */
    public int[] predict(SequenceBatch batch) {
        return argmax(logits(batch));
    }

    /**
     * How much of the loss reaches each hidden state: ‖∂L/∂h_t‖ for t = 0 … T−1 of {@code layer}, the
     * vanishing-gradient chart's quantity ({@link org.seqlab.plot.Traces#gradientNorms}'s input).
     *
     * <pre>
     *   L   = −(1/B) Σ_b log softmax(W h_T,b + b)[y_b]             the training loss, read at the last state
     *   g_t = ‖∂L/∂h_t‖ = sqrt(Σ_b Σ_j (∂L/∂h_{t,b,j})²)            Frobenius norm over the batch and the H units
     * </pre>
     *
     * For a padded sequence h_T is its state after its own last real step, so its gradient passes the padded
     * steps unchanged. Parameter gradients are put back as they were.
     *
     * @param layer 0 = the first recurrent layer
     * @return g_0 … g_{T−1}
     */
    public double[] gradientReach(SequenceBatch batch, int layer) {
        SequenceNetwork.Pass pass = forward(labelled(batch));
        INDArray last = pass.output().finalState().h();
        INDArray dLogits = Loss.softmaxCrossEntropy(net.head.forward(last), batch.targets()).grad();
        return net.gradientReach(layer, () -> net.rnn.backward(pass.output().cache(),
                pass.output().outputs().ulike().assign(0), net.topGradient(net.head.backward(last, dLogits))));
    }

    /** A predictor that reads one step at a time; after each step it gives the class logits of the prefix. */
    public StreamingPredictor streaming(int batch) {
        return new StreamingPredictor(net, batch);
    }

    private static SequenceBatch labelled(SequenceBatch batch) {
        Shapes.require(batch.target() == Sequence.Target.CLASS,
                "a sequence classifier needs one class per sequence (CLASS) but the batch has %s", batch.target());
        return batch;
    }

    private SequenceNetwork.Pass forward(SequenceBatch batch) {
        Shapes.require(batch.target() == Sequence.Target.CLASS || batch.target() == Sequence.Target.NONE,
                "a sequence classifier needs one class per sequence (CLASS) but the batch has %s", batch.target());
        return net.forward(batch.x(), batch.mask(), null);
    }

    private static StepResult result(Loss.Result loss, INDArray logits, INDArray targets) {
        return StepResult.of(loss.value(), loss.count()).with("accuracy", Metric.accuracy(logits, targets));
    }

    static int[] argmax(INDArray logits) {
        return Nd4j.argMax(logits, 1).castTo(DataType.INT).toIntVector();
    }

    /** The cell and the task, as chart titles name the model: {@code "GRU classifier"}. */
    @Override
    public String name() {
        return net.cell + " classifier";
    }

    @Override
    public String toString() {
        return "SequenceClassifier(" + net + ")";
    }
}
