package org.seqlab.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.seqlab.Shapes;
import org.seqlab.data.Sequence;
import org.seqlab.data.SequenceBatch;
import org.seqlab.data.TextSequences;
import org.seqlab.data.Vocabulary;
import org.seqlab.nn.Parameters;
import org.seqlab.nn.Recurrent;
import org.seqlab.nn.State;
import org.seqlab.train.Loss;
import org.seqlab.train.Metric;
import org.seqlab.train.StepResult;
import org.seqlab.train.Trainable;

/**
 * A character-level language model: predicts the next character at every step.
 *
 * <pre>
 *   x_t = onehot(c_t) or E[c_t]          ids [T, B] → [T, B, D] or [T, B, E]     D = the vocabulary size
 *   h_t = RNN/LSTM/GRU(x_t, h_{t−1})     [T, B, H]
 *   z_t = W_hy h_t + b_y                 logits [T, B, K]                        K = D, the vocabulary size
 *   L   = -(1/N) Σ_{real t,b} log softmax(z_tb)[c_{t+1}]        perplexity = exp(L)
 * </pre>
 *
 * <p><b>Truncated BPTT over long text.</b> With {@link Builder#carryState(boolean) carryState(true)}, the final
 * state of one batch is the initial state of the next (copied, so gradients stop at the batch boundary), and
 * {@link #resetState()} (called by the Trainer before every epoch and validation run) starts again from zero.
 * Feed it {@link #streamBatches} (batch j continues batch j−1 lane by lane) and train with
 * {@code shuffle(false)}: a {@code Trainer} built with its default shuffling refuses such a model, since shuffled
 * chunks would each start from an unrelated chunk's state. A batch of another size starts from zero. Off by default, because batches of
 * independent sequences (words, names) must each start from zero.
 */
public final class CharLanguageModel implements Trainable<SequenceBatch> {
    private final SequenceNetwork net;
    private final int vocabularySize;
    private final boolean carryState;
    private final Vocabulary vocabulary;
    private List<State> carried;

    private CharLanguageModel(Builder b) {
        this.vocabularySize = b.vocabularySize;
        this.carryState = b.carryState;
        this.vocabulary = b.vocabulary;
        this.net = b.network(b.vocabularySize, b.vocabularySize);
    }

    /** Settings for a model over {@code vocabularySize} symbols ({@code vocabulary.size()}). */
    public static Builder builder(int vocabularySize) {
        return new Builder(vocabularySize);
    }

    /**
     * Settings for a model of {@code text}'s characters ({@link Vocabulary#ofCharacters}), which keeps its
     * vocabulary: it cuts its own training chunks ({@link #sequences}), traces and samples text without being
     * handed the vocabulary again.
     *
     * <pre>
     *   CharLanguageModel lstm = CharLanguageModel.forText(text).hiddenSize(128).build();
     *   Trainer.builder().model(lstm).epochs(1).build().fit(lstm.sequences(text, 64), 32);
     *   Traces.heatmaps(lstm.trace(sentence), sentence, "f", "c", "h");
     *   lstm.sample("The ", 200, 0.8, 42);
     * </pre>
     */
    public static Builder forText(String text) {
        Shapes.require(!text.isEmpty(), "forText needs some text to read the characters from");
        return forText(Vocabulary.ofCharacters(text));
    }

    /** Settings for a model over {@code vocabulary}'s symbols, which keeps the vocabulary (see {@link #forText(String)}). */
    public static Builder forText(Vocabulary vocabulary) {
        Builder b = new Builder(vocabulary.size());
        b.vocabulary = vocabulary;
        return b;
    }

    /** Settings of a {@link CharLanguageModel}; see {@link ModelBuilder} for the shared ones. */
    public static final class Builder extends ModelBuilder<Builder> {
        private final int vocabularySize;
        private boolean carryState = false;
        private Vocabulary vocabulary;

        private Builder(int vocabularySize) {
            Shapes.require(vocabularySize > 0, "vocabularySize must be positive but is %d", vocabularySize);
            this.vocabularySize = vocabularySize;
        }

        /** Whether each batch starts from the previous batch's final state (default false; true for {@link #streamBatches}). */
        public Builder carryState(boolean carryState) {
            this.carryState = carryState;
            return this;
        }

        /** The model. */
        public CharLanguageModel build() {
            return new CharLanguageModel(this);
        }
    }

    @Override
    public Parameters parameters() {
        return net.parameters();
    }

    /** The number of symbols: D, the one-hot input's width, and K, the number of logits. */
    public int vocabularySize() {
        return vocabularySize;
    }

    /** The vocabulary of a model built {@link #forText}. */
    public Vocabulary vocabulary() {
        Shapes.require(vocabulary != null, "this model was built with builder(vocabularySize) and keeps no"
                + " vocabulary; build it with CharLanguageModel.forText(text), or pass the vocabulary");
        return vocabulary;
    }

    /**
     * {@code text} cut into next-character chunks of {@code length} in this model's vocabulary
     * ({@link TextSequences#nextCharacter}), ready for {@code Trainer.fit(sequences, batchSize)}.
     */
    public List<Sequence> sequences(String text, int length) {
        return TextSequences.nextCharacter(text, vocabulary(), length);
    }

    /** {@link #trace(Vocabulary, String, int)} of the first layer, in this model's own vocabulary. */
    public Map<String, INDArray> trace(String text) {
        return trace(vocabulary(), text, 0);
    }

    /** {@link #trace(Vocabulary, String, int)} in this model's own vocabulary. */
    public Map<String, INDArray> trace(String text, int layer) {
        return trace(vocabulary(), text, layer);
    }

    /** {@link #sample(Vocabulary, String, int, double, long)} in this model's own vocabulary. */
    public String sample(String prompt, int length, double temperature, long seed) {
        return sample(vocabulary(), prompt, length, temperature, seed);
    }

    @Override
    public StepResult trainStep(SequenceBatch batch) {
        SequenceNetwork.Pass pass = forward(batch);
        INDArray hidden = pass.output().outputs();
        INDArray logits = net.head.forward(hidden);
        Loss.Result loss = Loss.softmaxCrossEntropy(logits, batch.targets(), batch.mask());
        INDArray dHidden = net.head.backward(hidden, loss.grad());
        net.backward(pass, dHidden, null);
        SequenceNetwork.release(pass, logits, loss.grad(), dHidden);
        return result(loss);
    }

    @Override
    public StepResult evaluate(SequenceBatch batch) {
        SequenceNetwork.Pass pass = forward(batch);
        INDArray logits = net.head.forward(pass.output().outputs());
        Loss.Result loss = Loss.softmaxCrossEntropy(logits, batch.targets(), batch.mask());
        SequenceNetwork.release(pass, logits, loss.grad());
        return result(loss);
    }

    @Override
    public void resetState() {
        carried = null;
    }

    /** Whether batches continue one another ({@code carryState(true)}), so the trainer must not shuffle them. */
    @Override
    public boolean carriesState() {
        return carryState;
    }

    /** The logits of every step, {@code [T, B, K]}, from the zero state (no state is carried or kept). */
    public INDArray logits(SequenceBatch batch) {
        return net.head.forward(net.forward(batch.x(), batch.mask(), null).output().outputs());
    }

    /**
     * What the recurrent stack computed while reading {@code text} from the zero state, for the state and gate
     * charts: every named value of {@code layer} (0 = the first) as a {@code [T, H]} matrix whose row t is the
     * value after reading character t. An LSTM gives {@code i, f, g, o, c, h}, a GRU {@code r, z, n, h}, a
     * vanilla RNN {@code a, h}.
     */
    public Map<String, INDArray> trace(Vocabulary vocabulary, String text, int layer) {
        Shapes.require(vocabulary.size() == vocabularySize, "the vocabulary has %d symbols but the model %d",
                vocabulary.size(), vocabularySize);
        Shapes.require(!text.isEmpty(), "the text to trace is empty");
        Shapes.require(layer >= 0 && layer < net.rnn.numLayers(), "layer must be in [0, %d) but is %d",
                net.rnn.numLayers(), layer);
        int[] encoded = vocabulary.encode(text);
        float[] x = new float[encoded.length];
        for (int t = 0; t < x.length; t++) x[t] = encoded[t];
        INDArray ids = Nd4j.create(x, new long[] {x.length, 1}, 'c');
        Recurrent.Output out = net.forward(ids, null, null).output();
        Map<String, INDArray> traces = new LinkedHashMap<>();
        out.cache().trace(layer).forEach((name, v) -> traces.put(name, v.reshape(v.size(0), v.size(2))));
        return traces;
    }

    /**
     * How much of the loss at the last step reaches each earlier hidden state — the vanishing-gradient chart's
     * quantity, {@link org.seqlab.plot.Traces#gradientNorms}'s input. From the zero state, over the batch's steps
     * t = 0 … T−1:
     *
     * <pre>
     *   L     = (1/N) Σ_{t,b} m_tb ℓ_tb            the training loss; N = Σ_{t,b} m_tb real steps,
     *                                               ℓ_tb = −log softmax(z_tb)[c_{t+1}]
     *   L_T   = (1/N) Σ_b m_{T−1,b} ℓ_{T−1,b}      its terms at the last step (the same 1/N, so it is the last
     *                                               step's share of the gradient a training step sees)
     *   g_t   = ‖∂L_T/∂h_t‖ = sqrt(Σ_b Σ_j (∂L_T/∂h_{t,b,j})²)     Frobenius norm over the batch and the H units
     * </pre>
     *
     * ∂L_T/∂h_t is the total gradient reaching {@code layer}'s state h_t [B, H], through the later steps and the
     * layers above (what {@link Recurrent.Gradients#dh()} records). Nothing changes: parameter gradients are put
     * back as they were, and a carried state is neither used nor replaced.
     *
     * @param batch next-character batch, ids {@code [T, B]}
     * @param layer 0 = the first recurrent layer
     * @return g_0 … g_{T−1}
     */
    public double[] gradientReach(SequenceBatch batch, int layer) {
        Shapes.require(batch.target() == Sequence.Target.STEP_CLASSES,
                "a language model needs a next-symbol target at every step (STEP_CLASSES) but the batch has %s",
                batch.target());
        SequenceNetwork.Pass pass = net.forward(batch.x(), batch.mask(), null);
        INDArray hidden = pass.output().outputs();
        INDArray dLogits = Loss.softmaxCrossEntropy(net.head.forward(hidden), batch.targets(), batch.mask()).grad();
        long steps = dLogits.size(0);
        if (steps > 1) dLogits.get(NDArrayIndex.interval(0, steps - 1), NDArrayIndex.all(), NDArrayIndex.all()).assign(0);
        return net.gradientReach(layer, () -> net.rnn.backward(pass.output().cache(),
                net.head.backward(hidden, dLogits), null));
    }

    /** A predictor that reads one symbol at a time for {@code batch} parallel streams, keeping its state. */
    public StreamingPredictor streaming(int batch) {
        return new StreamingPredictor(net, batch);
    }

    /**
     * Continues {@code prompt} by {@code length} characters sampled from {@code softmax(z / temperature)}.
     * Temperature 1 samples the model's distribution, lower is more conservative, 0 always takes the most
     * likely character ({@link Sampling#greedy()}). An empty prompt starts from {@code <s>}; sampling stops early
     * at {@code </s>}. For top-k, nucleus sampling or sampling past {@code </s>}, see
     * {@link #sample(Vocabulary, String, int, Sampling, long)}.
     *
     * @return the generated continuation (without the prompt)
     * @throws IllegalArgumentException if {@code temperature < 0}
     */
    public String sample(Vocabulary vocabulary, String prompt, int length, double temperature, long seed) {
        Shapes.require(temperature >= 0, "temperature must be >= 0 but is %s", temperature);
        return sample(vocabulary, prompt, length, temperature == 0 ? Sampling.greedy()
                : Sampling.temperature(temperature), seed);
    }

    /**
     * Continues {@code prompt} by up to {@code length} characters drawn as {@code sampling} says, each fed back
     * as the next input. An empty prompt starts from {@code <s>}; an unknown character in the prompt is read as
     * {@code <unk>}. When sampling stops at the end ({@link Sampling#stopsAtEnd()}), a drawn {@code </s>} ends
     * the text and is not shown; with {@link Sampling#pastEnd()} the text has exactly {@code length} symbols
     * and each drawn {@code </s>} appears as the four characters {@code "</s>"}.
     *
     * @param seed the seed of the draws: the same seed, model and settings give the same text
     * @return the generated continuation (without the prompt)
     * @throws IllegalArgumentException if the vocabulary is not the model's size or {@code length < 0}
     */
    public String sample(Vocabulary vocabulary, String prompt, int length, Sampling sampling, long seed) {
        Shapes.require(vocabulary.size() == vocabularySize, "the vocabulary has %d symbols but the model %d",
                vocabulary.size(), vocabularySize);
        int[] start = prompt.isEmpty() ? new int[] {Vocabulary.BOS_ID} : vocabulary.encode(prompt);
        int[] drawn = sampleIds(start, length, sampling, new Random(seed));
        StringBuilder text = new StringBuilder();
        for (int id : drawn) {
            if (id == Vocabulary.EOS_ID && sampling.stopsAtEnd()) break;
            text.append(id == Vocabulary.EOS_ID ? Vocabulary.EOS : vocabulary.decode(new int[] {id}));
        }
        return text.toString();
    }

    /**
     * Feeds {@code prompt} (ids) and then samples {@code length} ids at {@code temperature} (0 = greedy), each
     * fed back as the next input.
     *
     * @param stopId an id that ends sampling when drawn (included in the result), or -1 for none
     */
    public int[] sampleIds(int[] prompt, int length, double temperature, Random rng, int stopId) {
        Shapes.require(temperature >= 0, "temperature must be >= 0 but is %s", temperature);
        Sampling sampling = temperature == 0 ? Sampling.greedy() : Sampling.temperature(temperature);
        return sampleIds(prompt, length, sampling.pastEnd(), rng, stopId);
    }

    /**
     * Feeds {@code prompt} (ids) and then draws up to {@code length} ids as {@code sampling} says, each fed back
     * as the next input. A drawn {@code </s>} ends the result (and is its last id) when
     * {@link Sampling#stopsAtEnd()}.
     *
     * @param prompt at least one id, each in {@code [0, V)}
     * @return the drawn ids, at most {@code length}
     * @throws IllegalArgumentException if the prompt is empty, holds an id outside {@code [0, V)}, or
     *     {@code length < 0}
     */
    public int[] sampleIds(int[] prompt, int length, Sampling sampling, Random rng) {
        return sampleIds(prompt, length, sampling, rng, sampling.stopsAtEnd() ? Vocabulary.EOS_ID : -1);
    }

    private int[] sampleIds(int[] prompt, int length, Sampling sampling, Random rng, int stopId) {
        Shapes.require(prompt.length > 0, "the prompt needs at least one id");
        Shapes.require(length >= 0, "length must be >= 0 (the number of symbols to draw) but is %d", length);
        for (int id : prompt) {
            Shapes.require(id >= 0 && id < vocabularySize, "prompt ids must be in [0, %d) but one is %d",
                    vocabularySize, id);
        }
        StreamingPredictor stream = streaming(1);
        INDArray logits = null;
        for (int id : prompt) logits = stream.step(ids(id));
        int[] out = new int[length];
        int n = 0;
        while (n < length) {
            int next = sampling.draw(logits.reshape(vocabularySize).castTo(DataType.DOUBLE).toDoubleVector(), rng);
            out[n++] = next;
            if (next == stopId) break;
            if (n < length) logits = stream.step(ids(next));
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * Batches for truncated BPTT over one long text: the ids are cut into {@code lanes} contiguous streams, and
     * batch j holds characters {@code [j·k, (j+1)·k)} of every stream, predicting each next character.
     *
     * <pre>
     *   lane b = ids[b·L .. (b+1)·L]      L = (len − 1) / lanes
     *   batch j: x[t, b] = ids[b·L + j·k + t]     target[t, b] = ids[b·L + j·k + t + 1]
     * </pre>
     * A final partial chunk is dropped, so every batch is {@code [k, lanes]}.
     */
    public static List<SequenceBatch> streamBatches(int[] ids, int lanes, int chunkLength) {
        Shapes.require(lanes > 0 && chunkLength > 0, "lanes and chunkLength must be positive");
        int laneLength = (ids.length - 1) / lanes;
        int chunks = laneLength / chunkLength;
        Shapes.require(chunks > 0, "%d ids cannot fill %d lanes of one %d-step chunk", ids.length, lanes,
                chunkLength);
        List<SequenceBatch> batches = new ArrayList<>();
        int[] lengths = new int[lanes];
        Arrays.fill(lengths, chunkLength);
        for (int j = 0; j < chunks; j++) {
            float[] x = new float[chunkLength * lanes];
            float[] y = new float[chunkLength * lanes];
            for (int t = 0; t < chunkLength; t++) {
                for (int b = 0; b < lanes; b++) {
                    int i = b * laneLength + j * chunkLength + t;
                    x[t * lanes + b] = ids[i];
                    y[t * lanes + b] = ids[i + 1];
                }
            }
            long[] shape = {chunkLength, lanes};
            batches.add(new SequenceBatch(Nd4j.create(x, shape, 'c'), Nd4j.ones(DataType.FLOAT, chunkLength, lanes),
                    Nd4j.create(y, shape, 'c'), lengths.clone(), Sequence.Target.STEP_CLASSES));
        }
        return batches;
    }

    private SequenceNetwork.Pass forward(SequenceBatch batch) {
        Shapes.require(batch.target() == Sequence.Target.STEP_CLASSES,
                "a language model needs a next-symbol target at every step (STEP_CLASSES) but the batch has %s",
                batch.target());
        List<State> initial = carryState && carried != null
                && carried.get(0).h().size(0) == batch.batchSize() ? carried : null;
        SequenceNetwork.Pass pass = net.forward(batch.x(), batch.mask(), initial);
        if (carryState) carried = SequenceNetwork.copy(pass.output().finalStates());
        return pass;
    }

    private static StepResult result(Loss.Result loss) {
        return StepResult.of(loss.value(), loss.count())
                .with("perplexity", Metric.expMean(loss.value() * loss.count(), loss.count()));
    }

    private static INDArray ids(int id) {
        return Nd4j.create(new float[] {id}, new long[] {1}, DataType.FLOAT);
    }

    /** An index drawn from softmax(logits / temperature); the arg max at temperature 0. */
    static int draw(double[] logits, double temperature, Random rng) {
        return (temperature == 0 ? Sampling.greedy() : Sampling.temperature(temperature)).draw(logits, rng);
    }

    /** The cell and the task, as chart titles name the model: {@code "GRU language model"}. */
    @Override
    public String name() {
        return net.cell + " language model";
    }

    @Override
    public String toString() {
        return "CharLanguageModel(" + net + ")";
    }
}
