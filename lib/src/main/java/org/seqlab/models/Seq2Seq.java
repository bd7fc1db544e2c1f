package org.seqlab.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.Shapes;
import org.seqlab.data.Batcher;
import org.seqlab.data.Sequence;
import org.seqlab.data.SequenceBatch;
import org.seqlab.data.Translation;
import org.seqlab.data.Vocabulary;
import org.seqlab.nn.Embedding;
import org.seqlab.nn.Linear;
import org.seqlab.nn.Parameters;
import org.seqlab.nn.Recurrent;
import org.seqlab.nn.State;
import org.seqlab.train.Loss;
import org.seqlab.train.Metric;
import org.seqlab.train.StepResult;
import org.seqlab.train.Trainable;

/**
 * An encoder–decoder (Sutskever, Vinyals &amp; Le 2014; Cho et al. 2014): one recurrent network reads the source,
 * a second one, started from the first one's final state, writes the target one symbol at a time.
 *
 * <pre>
 *   encoder   s_j = RNN_enc(e(x_j), s_{j−1})        j = 1 … S, s_0 = 0          x: source ids [S, B]
 *   decoder   u_0 = s_S                             every layer's final state (h, and c for the LSTM)
 *             u_t = RNN_dec(e'(y_{t−1}), u_{t−1})   t = 1 … T+1, y_0 = &lt;s&gt;    y: target ids, y_{T+1} = &lt;/s&gt;
 *             z_t = W u_t + b                        logits [T+1, B, V]        V = the target vocabulary's size
 *   loss      L = −(1/N) Σ_{real t, b} log softmax(z_tb)[y_t]                   N = real target steps, nats
 * </pre>
 *
 * {@code e} and {@code e'} are embeddings (or one-hot vectors when {@code embeddingSize} is 0). Training uses
 * <b>teacher forcing</b>: the decoder reads the correct previous symbol {@code y_{t−1}}, not its own guess.
 * Backward runs through the head, the decoder, into the decoder's initial state, and from there through the
 * encoder ({@code ∂L/∂s_S = ∂L/∂u_0}); padded steps (the masks of both batches) change neither state nor loss.
 *
 * <p><b>Inference</b> feeds the decoder its own output: {@link #translate(String)} is greedy (the arg max at each
 * step), {@link #beamSearch} keeps the {@code k} likeliest prefixes. Both stop at {@code </s>} or after
 * {@code maxTargetLength + 1} steps, and never write {@code <pad>}, {@code <unk>} or {@code <s>}.
 *
 * <p><b>Bad input.</b> An empty source, or one longer than {@code maxSourceLength}, is an
 * {@code IllegalArgumentException} naming the source and both lengths. A source character outside the source
 * vocabulary is read as {@code <unk>} (id 1), as {@link Vocabulary#encode} does; a target character outside the
 * target vocabulary is an error, since the model could never write it.
 *
 * <pre>
 *   Seq2Seq model = Seq2Seq.builder(Tasks.DATE_SOURCE, Tasks.DATE_TARGET, 32, 10)
 *       .cell(CellType.LSTM).hiddenSize(64).embeddingSize(16).build();
 *   Trainer.builder().model(model).epochs(3).build().fit(model.batches(train, 64));
 *   model.translate("March 3, 1999");             // "1999-03-03"
 *   model.beamSearch("3 mar 99", 3);              // the 3 likeliest translations with their log-probabilities
 * </pre>
 *
 * Parameter names follow a PyTorch module with {@code encoder.embedding}, {@code encoder.rnn},
 * {@code decoder.embedding}, {@code decoder.rnn} and {@code fc}.
 */
public final class Seq2Seq implements Trainable<Seq2Seq.Batch> {
    /** How many sources {@link #translate(List)} decodes at once. */
    static final int EVALUATION_BATCH = 256;

    /**
     * Sources and teacher-forced targets of the same {@code B} pairs, in the same order.
     *
     * @param source source ids {@code x [S, B]} with their mask (target kind NONE)
     * @param target decoder inputs {@code <s> y_1 … y_T} {@code [T+1, B]}, targets {@code y_1 … y_T </s>}
     *     {@code [T+1, B]} and their mask (STEP_CLASSES), as {@link Translation#decoderSequences} makes them
     */
    public record Batch(SequenceBatch source, SequenceBatch target) {
        /** Checks that both hold token ids of the same {@code B} sequences and the target has a class per step. */
        public Batch {
            Shapes.require(source != null && target != null, "a Seq2Seq batch needs a source and a target batch");
            Shapes.require(source.tokens() && target.tokens(), "Seq2Seq reads token ids [T, B] but the source is %s"
                    + " and the target %s", java.util.Arrays.toString(source.x().shape()),
                    java.util.Arrays.toString(target.x().shape()));
            Shapes.require(target.target() == Sequence.Target.STEP_CLASSES,
                    "the target batch needs a class per step (STEP_CLASSES) but has %s", target.target());
            Shapes.require(source.batchSize() == target.batchSize(), "source and target must hold the same B"
                    + " sequences but hold %d and %d", source.batchSize(), target.batchSize());
        }
    }

    /**
     * One translation the decoder wrote.
     *
     * @param text the symbols written, without {@code </s>}
     * @param logProbability log P(text, &lt;/s&gt; | source) in nats (without the end when not finished)
     * @param finished whether the decoder wrote {@code </s>} (false: cut at {@code maxTargetLength + 1} steps)
     */
    public record Hypothesis(String text, double logProbability, boolean finished) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%s (log p = %.3f)%s", text, logProbability,
                    finished ? "" : " [unfinished]");
        }
    }

    final Vocabulary sourceVocabulary;
    final Vocabulary targetVocabulary;
    final int maxSourceLength;
    final int maxTargetLength;
    final DataType dtype;
    private final String cell;
    private final Embedding encoderEmbedding;
    private final Embedding decoderEmbedding;
    final Recurrent encoder;
    final Recurrent decoder;
    private final Linear head;
    private final Parameters parameters = new Parameters();

    private Seq2Seq(Builder b) {
        this.sourceVocabulary = b.source;
        this.targetVocabulary = b.target;
        this.maxSourceLength = b.maxSourceLength;
        this.maxTargetLength = b.maxTargetLength;
        this.dtype = b.dataType;
        Random rng = new Random(b.seed);
        int e = b.embeddingSize;
        encoderEmbedding = e > 0 ? Embedding.create(b.source.size(), e, rng, dtype) : null;
        encoder = b.stack(e > 0 ? e : b.source.size(), rng);
        decoderEmbedding = e > 0 ? Embedding.create(b.target.size(), e, rng, dtype) : null;
        decoder = b.stack(e > 0 ? e : b.target.size(), rng);
        head = Linear.create(b.hiddenSize, b.target.size(), rng, dtype);
        cell = b.cellFactory == null ? b.cell.toString() : encoder.cells().get(0).getClass().getSimpleName();
        if (encoderEmbedding != null) parameters.addAll("encoder.embedding", encoderEmbedding.parameters());
        parameters.addAll("encoder.rnn", encoder.parameters());
        if (decoderEmbedding != null) parameters.addAll("decoder.embedding", decoderEmbedding.parameters());
        parameters.addAll("decoder.rnn", decoder.parameters());
        parameters.addAll("fc", head.parameters());
    }

    /**
     * Settings for a model translating texts over {@code source}'s characters into texts over {@code target}'s,
     * for sources of at most {@code maxSourceLength} characters and targets of at most {@code maxTargetLength}
     * (the decoder stops after {@code maxTargetLength + 1} steps).
     */
    public static Builder builder(Vocabulary source, Vocabulary target, int maxSourceLength, int maxTargetLength) {
        return new Builder(source, target, maxSourceLength, maxTargetLength);
    }

    /** Settings of a {@link Seq2Seq}; the cell, sizes and seed as in {@link ModelBuilder}. */
    public static final class Builder extends ModelBuilder<Builder> {
        private final Vocabulary source;
        private final Vocabulary target;
        private final int maxSourceLength;
        private final int maxTargetLength;

        private Builder(Vocabulary source, Vocabulary target, int maxSourceLength, int maxTargetLength) {
            Shapes.require(source != null && target != null, "Seq2Seq needs a source and a target vocabulary");
            Shapes.require(maxSourceLength > 0 && maxTargetLength > 0, "maxSourceLength and maxTargetLength must"
                    + " be positive but are %d and %d", maxSourceLength, maxTargetLength);
            this.source = source;
            this.target = target;
            this.maxSourceLength = maxSourceLength;
            this.maxTargetLength = maxTargetLength;
        }

        /** The model. */
        public Seq2Seq build() {
            return new Seq2Seq(this);
        }
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    /** The source vocabulary (unknown characters read as {@code <unk>}). */
    public Vocabulary sourceVocabulary() {
        return sourceVocabulary;
    }

    /** The target vocabulary. */
    public Vocabulary targetVocabulary() {
        return targetVocabulary;
    }

    /** The longest source this model takes, in characters. */
    public int maxSourceLength() {
        return maxSourceLength;
    }

    /** The longest target it writes, in characters (plus {@code </s>}). */
    public int maxTargetLength() {
        return maxTargetLength;
    }

    // ------------------------------------------------------------------ data

    /**
     * The pairs as batches of {@code batchSize} (the last may be smaller), in list order; the {@code Trainer}
     * shuffles their order each epoch.
     *
     * @throws IllegalArgumentException for an empty or too long source or target, or a target character outside
     *     the target vocabulary (naming the pair)
     */
    public List<Batch> batches(List<Translation> pairs, int batchSize) {
        Shapes.require(batchSize > 0, "batchSize must be positive but is %d", batchSize);
        Shapes.require(!pairs.isEmpty(), "there must be at least one pair to batch");
        List<Batch> out = new ArrayList<>();
        for (int from = 0; from < pairs.size(); from += batchSize) {
            out.add(batch(pairs.subList(from, Math.min(pairs.size(), from + batchSize))));
        }
        return out;
    }

    /** One batch of all {@code pairs}, padded to the longest source and target. */
    public Batch batch(List<Translation> pairs) {
        Shapes.require(!pairs.isEmpty(), "a batch needs at least one pair");
        for (int i = 0; i < pairs.size(); i++) {
            Translation p = pairs.get(i);
            checkSource(p.source(), i);
            int length = p.target().codePointCount(0, p.target().length());
            Shapes.require(length <= maxTargetLength, "the target of pair %d, \"%s\", has %d characters but this model"
                    + " writes at most maxTargetLength = %d", i, p.target(), length, maxTargetLength);
            for (int id : targetVocabulary.encode(p.target())) {
                Shapes.require(id != Vocabulary.UNK_ID, "the target of pair %d, \"%s\", has a character outside the"
                        + " target vocabulary %s, which the model could never write", i, p.target(), targetVocabulary);
            }
        }
        return new Batch(Batcher.batch(Translation.encoderInputs(pairs, sourceVocabulary)),
                Batcher.batch(Translation.decoderSequences(pairs, targetVocabulary)));
    }

    /** The source's ids, after checking it is neither empty nor longer than {@code maxSourceLength}. */
    int[] encodeSource(String source, int index) {
        checkSource(source, index);
        return sourceVocabulary.encode(source);
    }

    private void checkSource(String source, int index) {
        Shapes.require(source != null && !source.isEmpty(), "source %d is %s: the encoder needs at least one"
                + " character", index, source == null ? "null" : "empty");
        int length = source.codePointCount(0, source.length());
        Shapes.require(length <= maxSourceLength, "source %d, \"%s\", has %d characters but this model was built for"
                + " sources of at most maxSourceLength = %d; build it with a larger maxSourceLength or shorten the"
                + " source", index, source, length, maxSourceLength);
    }

    // ------------------------------------------------------------------ training

    /** The forward pass with teacher forcing: both recurrent outputs and the logits {@code [T+1, B, V]}. */
    private record Pass(Recurrent.Output encoded, Recurrent.Output decoded, INDArray logits) {}

    private Pass forward(Batch batch) {
        SequenceBatch src = batch.source();
        Shapes.require(src.timeSteps() <= maxSourceLength, "the source batch has S = %d steps but this model was"
                + " built for sources of at most maxSourceLength = %d", src.timeSteps(), maxSourceLength);
        Shapes.require(batch.target().timeSteps() <= maxTargetLength + 1, "the target batch has %d steps but this"
                + " model writes at most maxTargetLength + 1 = %d", batch.target().timeSteps(), maxTargetLength + 1);
        Recurrent.Output encoded = run(encoderEmbedding, encoder, src.x(), src.mask(), null);
        Recurrent.Output decoded = run(decoderEmbedding, decoder, batch.target().x(), batch.target().mask(),
                encoded.finalStates());
        return new Pass(encoded, decoded, head.forward(decoded.outputs()));
    }

    private Recurrent.Output run(Embedding embedding, Recurrent rnn, INDArray ids, INDArray mask, List<State> initial) {
        INDArray m = mask == null ? null : mask.castTo(dtype);
        return embedding == null ? rnn.forwardIds(ids, m, initial) : rnn.forward(embedding.forward(ids), m, initial);
    }

    /**
     * Teacher-forced forward and the hand-written backward pass:
     * <pre>
     *   δz = (softmax(z) − onehot(y)) · m / N                       [T+1, B, V]   (Loss.softmaxCrossEntropy)
     *   δu_t = δz_t W, then back through the decoder to δu_0          adds δW, δb, the decoder's weights, δe'
     *   δs_S = δu_0, then back through the encoder                   adds the encoder's weights, δe
     * </pre>
     */
    @Override
    public StepResult trainStep(Batch batch) {
        Pass pass = forward(batch);
        SequenceBatch tgt = batch.target();
        Loss.Result loss = Loss.softmaxCrossEntropy(pass.logits(), tgt.targets(), tgt.mask().castTo(dtype));
        INDArray dOutputs = head.backward(pass.decoded().outputs(), loss.grad());
        Recurrent.Gradients d = decoder.backward(pass.decoded().cache(), dOutputs, null);
        if (decoderEmbedding != null) decoderEmbedding.backward(tgt.x(), d.dx());
        Recurrent.Gradients e = encoder.backward(pass.encoded().cache(), null, d.dInitial());
        if (encoderEmbedding != null) encoderEmbedding.backward(batch.source().x(), e.dx());
        StepResult result = result(loss, pass.logits(), tgt);
        SequenceNetwork.release(pass.logits(), loss.grad(), dOutputs, pass.encoded().outputs(),
                pass.decoded().outputs(), d.dx(), e.dx());           // the step's temporaries, freed now
        return result;
    }

    @Override
    public StepResult evaluate(Batch batch) {
        Pass pass = forward(batch);
        SequenceBatch tgt = batch.target();
        return result(Loss.softmaxCrossEntropy(pass.logits(), tgt.targets(), tgt.mask().castTo(dtype)),
                pass.logits(), tgt);
    }

    private static StepResult result(Loss.Result loss, INDArray logits, SequenceBatch target) {
        return StepResult.of(loss.value(), loss.count())
                .with("accuracy", Metric.accuracy(logits, target.targets(), target.mask()));
    }

    /**
     * log P(target, &lt;/s&gt; | source) in nats: the sum over the target's symbols and the end of the log-probability
     * the decoder gives each when reading the correct previous one (what a beam search maximises).
     */
    public double logProbability(String source, String target) {
        Batch one = batch(List.of(new Translation(source, target)));
        Pass pass = forward(one);
        Loss.Result loss = Loss.softmaxCrossEntropy(pass.logits(), one.target().targets(),
                one.target().mask().castTo(dtype));
        return -loss.value() * loss.count();
    }

    // ------------------------------------------------------------------ inference

    /** The greedy translation of {@code source}: at each step the likeliest symbol, until {@code </s>}. */
    public String translate(String source) {
        return translate(List.of(source)).get(0);
    }

    /** Greedy translations of many sources, decoded {@value #EVALUATION_BATCH} at a time. */
    public List<String> translate(List<String> sources) {
        List<String> out = new ArrayList<>(sources.size());
        for (int from = 0; from < sources.size(); from += EVALUATION_BATCH) {
            List<String> chunk = sources.subList(from, Math.min(sources.size(), from + EVALUATION_BATCH));
            List<int[]> ids = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) ids.add(encodeSource(chunk.get(i), from + i));
            out.addAll(greedy(ids));
        }
        return out;
    }

    /**
     * The best translation of each source by a beam search of width {@code beamWidth} (1 is greedy decoding).
     *
     * @throws IllegalArgumentException for a beam width below 1, or a bad source
     */
    public List<String> translate(List<String> sources, int beamWidth) {
        checkBeamWidth(beamWidth);
        List<String> out = new ArrayList<>(sources.size());
        for (int from = 0; from < sources.size(); from += EVALUATION_BATCH) {
            List<String> chunk = sources.subList(from, Math.min(sources.size(), from + EVALUATION_BATCH));
            List<int[]> ids = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) ids.add(encodeSource(chunk.get(i), from + i));
            for (List<Hypothesis> h : BeamSearch.run(this, ids, beamWidth)) out.add(h.get(0).text());
        }
        return out;
    }

    /**
     * The {@code beamWidth} likeliest translations a beam search finds, likeliest first (see {@link BeamSearch}).
     *
     * @throws IllegalArgumentException for a beam width below 1, or a bad source
     */
    public List<Hypothesis> beamSearch(String source, int beamWidth) {
        checkBeamWidth(beamWidth);
        return BeamSearch.run(this, List.of(encodeSource(source, 0)), beamWidth).get(0);
    }

    private static void checkBeamWidth(int beamWidth) {
        Shapes.require(beamWidth >= 1, "the beam width must be at least 1 (1 = greedy) but is %d", beamWidth);
    }

    private List<String> greedy(List<int[]> sources) {
        int b = sources.size();
        List<State> states = encode(sources);
        int[] previous = new int[b];
        java.util.Arrays.fill(previous, Vocabulary.BOS_ID);
        boolean[] done = new boolean[b];
        StringBuilder[] written = new StringBuilder[b];
        for (int k = 0; k < b; k++) written[k] = new StringBuilder();
        int open = b;
        for (int step = 0; step <= maxTargetLength && open > 0; step++) {
            Step s = decodeStep(previous, states);
            states = s.states();
            int v = targetVocabulary.size();
            for (int k = 0; k < b; k++) {
                if (done[k]) continue;
                int best = -1;
                for (int j = 0; j < v; j++) {
                    if (writable(j) && (best < 0 || s.logits()[k * v + j] > s.logits()[k * v + best])) best = j;
                }
                previous[k] = best;
                if (best == Vocabulary.EOS_ID) {
                    done[k] = true;
                    open--;
                } else {
                    written[k].append(targetVocabulary.symbol(best));
                }
            }
        }
        List<String> out = new ArrayList<>(b);
        for (StringBuilder w : written) out.add(w.toString());
        return out;
    }

    /** Whether the decoder may write symbol {@code id}: not {@code <pad>}, {@code <unk>} or {@code <s>}. */
    static boolean writable(int id) {
        return id != Vocabulary.PAD_ID && id != Vocabulary.UNK_ID && id != Vocabulary.BOS_ID;
    }

    /** The encoder's final states (every layer) for the sources, the decoder's initial states: {@code [B, H]} each. */
    List<State> encode(List<int[]> sources) {
        List<Sequence> seqs = new ArrayList<>();
        for (int[] ids : sources) seqs.add(Sequence.tokens(ids));
        SequenceBatch src = Batcher.batch(seqs);
        return run(encoderEmbedding, encoder, src.x(), src.mask(), null).finalStates();
    }

    /**
     * One decoder step for {@code B} rows.
     *
     * @param logits the logits {@code [B, V]}, row-major
     * @param states the decoder's states after the step
     */
    record Step(double[] logits, List<State> states) {}

    /** Reads {@code previous [B]} (one symbol per row) from {@code states} and gives the next logits and states. */
    Step decodeStep(int[] previous, List<State> states) {
        float[] ids = new float[previous.length];
        for (int k = 0; k < ids.length; k++) ids[k] = previous[k];
        INDArray x = Nd4j.createFromArray(ids).reshape(1, ids.length);
        Recurrent.Output out = run(decoderEmbedding, decoder, x, null, states);
        INDArray logits = head.forward(out.outputs().reshape(ids.length, decoder.hiddenSize()));
        return new Step(logits.castTo(DataType.DOUBLE).reshape(logits.length()).toDoubleVector(), out.finalStates());
    }

    /** The cell and the task, for chart titles: {@code "LSTM encoder–decoder"}. */
    @Override
    public String name() {
        return cell + " encoder–decoder";
    }

    @Override
    public String toString() {
        return "Seq2Seq(encoder " + (encoderEmbedding == null ? "" : encoderEmbedding + " -> ") + encoder
                + "; decoder " + (decoderEmbedding == null ? "" : decoderEmbedding + " -> ") + decoder + " -> "
                + head + "; sources up to " + maxSourceLength + ", targets up to " + maxTargetLength + " characters)";
    }
}
