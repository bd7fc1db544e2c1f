package org.seqlab.models;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.seqlab.Shapes;
import org.seqlab.data.Batcher;
import org.seqlab.data.LabelledText;
import org.seqlab.data.Sequence;
import org.seqlab.data.SequenceBatch;
import org.seqlab.data.Vocabulary;
import org.seqlab.nn.Parameters;
import org.seqlab.plot.Confusion;
import org.seqlab.train.Loss;
import org.seqlab.train.Metric;
import org.seqlab.train.StepResult;
import org.seqlab.train.Trainable;

/**
 * Reads a whole sequence and names its class from the state after its last real step.
 *
 * <pre>
 *   h_T = RNN/LSTM/GRU(x_1 .. x_T)        the top layer's state after each sequence's last real step  [B, H]
 *   z   = W_hy h_T + b_y                  logits [B, K]
 *   L   = -(1/B) Σ_b log softmax(z_b)[y_b]                accuracy = (1/B) Σ_b [argmax z_b = y_b]
 * </pre>
 *
 * Inputs are features {@code [T, B, D]} or token ids {@code [T, B]} (one-hot or embedded); padded steps keep the
 * state, so {@code h_T} is each sequence's own last state however long the batch is.
 *
 * <p><b>Text.</b> A classifier built {@link #forText} keeps its vocabulary and class names, so it encodes its own
 * data and answers in words:
 *
 * <pre>
 *   LabelledText.Split words = LabelledText.split(Datasets.wordLanguages(), 0.8, 42);
 *   SequenceClassifier gru = SequenceClassifier.forText(words.train()).cell(CellType.GRU).hiddenSize(64).build();
 *   Trainer.builder().model(gru).epochs(5).build().fit(gru.sequences(words.train()), 64);
 *   gru.predict("papillon");          // french (0.97)
 *   gru.confusion(words.test());      // heatmap; .table() for the counts
 * </pre>
 */
public final class SequenceClassifier implements Trainable<SequenceBatch> {
    /** How many sequences {@link #confusion} batches at once. */
    static final int EVALUATION_BATCH = 256;

    private final SequenceNetwork net;
    private final int classes;
    private final List<String> classNames;
    private final Vocabulary vocabulary;

    private SequenceClassifier(Builder b) {
        this.classes = b.classes;
        this.classNames = b.classNames;
        this.vocabulary = b.vocabulary;
        this.net = b.network(b.inputSize, b.classes);
    }

    /**
     * What the classifier says about one text: the most likely class and its probability.
     *
     * @param text the text classified
     * @param label the most likely class's name
     * @param probability its softmax probability, in [0, 1]
     */
    public record Prediction(String text, String label, double probability) {
        /** {@code "french (0.97)"}. */
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s (%.2f)", label, probability);
        }
    }

    /**
     * Settings for a classifier of sequences of {@code inputSize} features (or ids below {@code inputSize}) into
     * {@code classes} classes.
     */
    public static Builder builder(int inputSize, int classes) {
        return new Builder(inputSize, classes);
    }

    /**
     * Settings for a classifier of texts: the vocabulary is the characters of {@code data}'s texts
     * ({@link Vocabulary#ofCharacters}) and the classes are its labels, sorted ({@link LabelledText#classes}).
     * The model reads character ids, one-hot unless {@link Builder#embeddingSize} is set.
     */
    public static Builder forText(List<LabelledText> data) {
        Shapes.require(!data.isEmpty(), "forText needs at least one labelled text to read the vocabulary and classes from");
        return forText(Vocabulary.ofCharacters(data.stream().map(LabelledText::text).toList()),
                LabelledText.classes(data));
    }

    /** Settings for a classifier of texts over {@code vocabulary} into the named {@code classes} (in id order). */
    public static Builder forText(Vocabulary vocabulary, List<String> classes) {
        Builder b = new Builder(vocabulary.size(), classes.size()).classNames(classes);
        b.vocabulary = vocabulary;
        return b;
    }

    /** Settings of a {@link SequenceClassifier}; see {@link ModelBuilder}. */
    public static final class Builder extends ModelBuilder<Builder> {
        private final int inputSize;
        private final int classes;
        private List<String> classNames;
        private Vocabulary vocabulary;

        private Builder(int inputSize, int classes) {
            Shapes.require(inputSize > 0 && classes > 1, "inputSize must be positive and classes at least 2"
                    + " but are %d and %d", inputSize, classes);
            this.inputSize = inputSize;
            this.classes = classes;
            List<String> ids = new ArrayList<>();
            for (int c = 0; c < classes; c++) ids.add(String.valueOf(c));
            this.classNames = List.copyOf(ids);
        }

        /** The names of the classes in id order, for predictions and confusion matrices (default "0", "1", …). */
        public Builder classNames(List<String> names) {
            Shapes.require(names.size() == classes, "there are %d classes but %d names: %s", classes, names.size(),
                    names);
            this.classNames = List.copyOf(names);
            return this;
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

    /** The class names in id order ("0", "1", … unless named). */
    public List<String> classNames() {
        return classNames;
    }

    /** The vocabulary of a classifier built {@link #forText}. */
    public Vocabulary vocabulary() {
        return requireText("vocabulary()");
    }

    /**
     * Labelled texts as this classifier's sequences: character ids in its vocabulary (unseen characters become
     * {@code <unk>}) and class ids in its class order, ready for {@code Trainer.fit(sequences, batchSize)}.
     *
     * @throws IllegalArgumentException for a label that is not one of the classes
     */
    public List<Sequence> sequences(List<LabelledText> data) {
        return LabelledText.toSequences(data, requireText("sequences(texts)"), classNames);
    }

    /** The most likely class of {@code text} and its probability: {@code predict("papillon")} → french (0.97). */
    public Prediction predict(String text) {
        Map.Entry<String, Double> best = probabilities(text).entrySet().iterator().next();
        return new Prediction(text, best.getKey(), best.getValue());
    }

    /** The probability of every class for {@code text}, softmax of the logits, most likely first. */
    public Map<String, Double> probabilities(String text) {
        Vocabulary v = requireText("predict(text)");
        Shapes.require(!text.isEmpty(), "the text to classify is empty");
        SequenceBatch one = Batcher.batch(List.of(Sequence.tokens(v.encode(text))));
        double[] p = Transforms.softmax(logits(one).castTo(DataType.DOUBLE), true).toDoubleVector();
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < p.length; c++) order.add(c);
        order.sort(Comparator.comparingDouble((Integer c) -> -p[c]));
        Map<String, Double> out = new LinkedHashMap<>();
        for (int c : order) out.put(classNames.get(c), p[c]);
        return out;
    }

    /**
     * The confusion matrix of this classifier's predictions (arg max of the logits) against the true classes,
     * titled with the model's name. {@code data} is a list of {@link SequenceBatch}es, of {@link Sequence}s
     * (batched {@value #EVALUATION_BATCH} at a time), or, for a classifier built {@link #forText}, of
     * {@link LabelledText}s.
     *
     * @throws IllegalArgumentException for an empty list, another element type, or sequences without a class
     */
    public Confusion confusion(List<?> data) {
        Shapes.require(!data.isEmpty(), "confusion needs at least one example");
        Object first = data.get(0);
        List<SequenceBatch> batches = new ArrayList<>();
        if (first instanceof SequenceBatch) {
            for (Object b : data) batches.add((SequenceBatch) b);
        } else if (first instanceof Sequence || first instanceof LabelledText) {
            List<Sequence> sequences = new ArrayList<>();
            List<LabelledText> texts = new ArrayList<>();
            for (Object x : data) {
                if (x instanceof Sequence s) sequences.add(s);
                else texts.add((LabelledText) x);
            }
            if (!texts.isEmpty()) sequences.addAll(sequences(texts));
            batches = Batcher.of(sequences, EVALUATION_BATCH).epoch(0);
        } else {
            throw new IllegalArgumentException("confusion takes a list of SequenceBatch, Sequence or (for a text"
                    + " classifier) LabelledText, but this list holds " + first.getClass().getSimpleName());
        }
        Confusion total = null;
        long n = 0;
        for (SequenceBatch b : batches) {
            Confusion c = Confusion.of(logits(labelled(b)), b.targets(), classNames);
            total = total == null ? c : total.plus(c);
            n += b.batchSize();
        }
        return total.titled(name() + ": " + n + " examples");
    }

    private Vocabulary requireText(String call) {
        Shapes.require(vocabulary != null, "%s needs a classifier of text, built with SequenceClassifier.forText(data);"
                + " this one was built with builder(inputSize, classes) and has no vocabulary", call);
        return vocabulary;
    }

    @Override
    public StepResult trainStep(SequenceBatch batch) {
        SequenceNetwork.Pass pass = forward(labelled(batch));
        INDArray last = pass.output().finalState().h();
        INDArray logits = net.head.forward(last);
        Loss.Result loss = Loss.softmaxCrossEntropy(logits, batch.targets());
        INDArray dLast = net.head.backward(last, loss.grad());
        INDArray noOutputGradient = pass.output().outputs().ulike().assign(0);
        net.backward(pass, noOutputGradient, net.topGradient(dLast));
        StepResult result = result(loss, logits, batch.targets());
        SequenceNetwork.release(pass, logits, loss.grad(), dLast, noOutputGradient);
        return result;
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

    /**
     * The gradient of one class's score with respect to every input, {@code [T, B, D]}: for each sequence b,
     * ∂z_{b,c_b}/∂x_{t,b}, the logit (before the softmax) of class {@code classes[b]}, zero at padded steps. Token
     * ids {@code [T, B]} of a classifier without an embedding are read as the one-hot vectors they stand for
     * ({@code D = V}). Parameter gradients are put back as they were: a measurement, not a training step.
     *
     * <pre>
     *   z_b = W_hy h_T,b + b_y                      the logits of sequence b                       [C]
     *   g_{t,b} = ∂z_{b,c_b} / ∂x_{t,b}             back-propagated from δz_b = e_{c_b} (one-hot)    [D]
     * </pre>
     *
     * @param classes the class whose score is differentiated, one per sequence {@code [B]}, each in 0 … C−1
     * @throws IllegalArgumentException for a classifier with an embedding (its input is a table look-up, not a
     *     vector to differentiate), or {@code classes} of the wrong length or out of range
     */
    public INDArray scoreGradient(SequenceBatch batch, int[] classes) {
        Shapes.require(net.embedding == null, "the score's gradient with respect to the input needs a classifier that"
                + " reads features or one-hot ids; this one embeds its ids (embeddingSize > 0)");
        Shapes.require(classes.length == batch.batchSize(), "classes must hold one class per sequence (B = %d) but holds"
                + " %d", batch.batchSize(), classes.length);
        INDArray dLogits = Nd4j.zeros(net.dtype, batch.batchSize(), this.classes);
        for (int b = 0; b < classes.length; b++) {
            Shapes.require(classes[b] >= 0 && classes[b] < this.classes, "classes[%d] must be in [0, %d) but is %d", b,
                    this.classes, classes[b]);
            dLogits.putScalar(b, classes[b], 1.0);
        }
        INDArray x = batch.tokens() ? oneHot(batch.x(), net.inputSize, net.dtype) : batch.x();
        return net.measuring(() -> {
            SequenceNetwork.Pass pass = net.forward(x, batch.mask(), null);
            INDArray last = pass.output().finalState().h();
            INDArray dx = net.rnn.backward(pass.output().cache(), null, net.topGradient(net.head.backward(last, dLogits)))
                    .dx();
            INDArray mask = batch.mask().castTo(dx.dataType());
            return dx.mul(mask.reshape(mask.size(0), mask.size(1), 1));
        });
    }

    /**
     * Saliency (Simonyan, Vedaldi &amp; Zisserman 2014, "Deep inside convolutional networks"): how strongly each step
     * of each sequence moves one class's score, {@code [T, B]} float64, 0 at padded steps.
     *
     * <pre>
     *   s_{t,b} = ‖∂z_{b,c_b} / ∂x_{t,b}‖₂           the Euclidean norm over the D inputs of step t
     * </pre>
     *
     * A large {@code s_t} says that a small change of step t's input would change the score a lot; it is a local,
     * first-order answer, not proof that the model "uses" that step. Units: logit units per unit of input.
     *
     * @param classes the class scored for each sequence {@code [B]}: usually the true class (the batch's targets) or
     *     the predicted one ({@link #predict(SequenceBatch)})
     * @throws IllegalArgumentException as {@link #scoreGradient}
     */
    public INDArray saliency(SequenceBatch batch, int[] classes) {
        INDArray g = scoreGradient(batch, classes).castTo(DataType.DOUBLE);
        return Transforms.sqrt(g.mul(g).sum(2), false);
    }

    /** Saliency ({@link #saliency(SequenceBatch, int[])}) of each sequence's true class, the batch's targets. */
    public INDArray saliency(SequenceBatch batch) {
        labelled(batch);
        return saliency(batch, batch.targets().castTo(DataType.INT).toIntVector());
    }

    /**
     * The mean saliency of the true class at each step, per class: class name → {@code [T]}, where entry t is the
     * mean of {@link #saliency(SequenceBatch)} over the sequences of that class that have a step t (NaN where none
     * has, or for a class without sequences), T the longest length in {@code data}. What
     * {@link org.seqlab.plot.Saliency#byPosition} draws.
     *
     * @param data sequences with a class each, as {@link #confusion} takes them
     * @throws IllegalArgumentException as {@link #saliency(SequenceBatch)}, or for empty data
     */
    public Map<String, double[]> meanSaliency(List<Sequence> data) {
        Shapes.require(!data.isEmpty(), "meanSaliency needs at least one sequence");
        int steps = data.stream().mapToInt(Sequence::length).max().getAsInt();
        double[][] sum = new double[classes][steps];
        double[][] count = new double[classes][steps];
        for (SequenceBatch b : Batcher.of(data, EVALUATION_BATCH).epoch(0)) {
            INDArray s = saliency(b);
            int[] y = b.targets().castTo(DataType.INT).toIntVector();
            for (int j = 0; j < y.length; j++) {
                for (int t = 0; t < b.lengths()[j]; t++) {
                    sum[y[j]][t] += s.getDouble(t, j);
                    count[y[j]][t]++;
                }
            }
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int c = 0; c < classes; c++) {
            double[] mean = new double[steps];
            for (int t = 0; t < steps; t++) mean[t] = count[c][t] == 0 ? Double.NaN : sum[c][t] / count[c][t];
            out.put(classNames.get(c), mean);
        }
        return out;
    }

    /**
     * Streaming recognition: the class probabilities after each real step of each sequence, as if the sequence
     * ended there.
     *
     * <pre>
     *   p_t = softmax(W_hy h_t + b_y)        t = 1 … T_b, h_t the top layer's state after step t        [C] each
     * </pre>
     *
     * The last row of a sequence is {@code softmax} of its {@link #logits} row, and row t equals what a
     * {@link #streaming} predictor gives after t steps. One forward pass over batches of
     * {@value #EVALUATION_BATCH}.
     *
     * @param data sequences (token ids or features {@code [T, D]}; a class is not needed)
     * @return one {@code [T_b][C]} array per sequence, in order, probabilities in [0, 1] summing to 1 per row
     * @throws IllegalArgumentException for an empty list (a sequence of no steps cannot be built)
     */
    public List<double[][]> probabilitiesPerStep(List<Sequence> data) {
        Shapes.require(!data.isEmpty(), "probabilitiesPerStep needs at least one sequence");
        List<double[][]> out = new ArrayList<>(data.size());
        for (int start = 0; start < data.size(); start += EVALUATION_BATCH) {
            List<Sequence> chunk = data.subList(start, Math.min(data.size(), start + EVALUATION_BATCH));
            SequenceBatch batch = Batcher.batch(chunk);
            INDArray h = forward(batch).output().outputs();                       // [T, B, H]
            INDArray p = Transforms.softmax(net.head.forward(h).castTo(DataType.DOUBLE)
                    .reshape(h.size(0) * h.size(1), classes), true).reshape(h.size(0), h.size(1), classes);
            for (int b = 0; b < chunk.size(); b++) {
                double[][] rows = new double[chunk.get(b).length()][];
                for (int t = 0; t < rows.length; t++) rows[t] = p.get(NDArrayIndex.point(t), NDArrayIndex.point(b),
                        NDArrayIndex.all()).toDoubleVector();
                out.add(rows);
            }
        }
        return out;
    }

    /** {@link #probabilitiesPerStep(List)} of one sequence: {@code [T][C]}, row t−1 after step t. */
    public double[][] probabilitiesPerStep(Sequence sequence) {
        return probabilitiesPerStep(List.of(sequence)).get(0);
    }

    /** A predictor that reads one step at a time; after each step it gives the class logits of the prefix. */
    public StreamingPredictor streaming(int batch) {
        return new StreamingPredictor(net, batch);
    }

    /** Token ids {@code [T, B]} as the one-hot vectors {@code [T, B, V]} they stand for. */
    private static INDArray oneHot(INDArray ids, int size, DataType dtype) {
        INDArray out = Nd4j.zeros(dtype, ids.size(0), ids.size(1), size);
        for (long t = 0; t < ids.size(0); t++) {
            for (long b = 0; b < ids.size(1); b++) out.putScalar(new long[] {t, b, (long) ids.getDouble(t, b)}, 1.0);
        }
        return out;
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
