package org.seqlab.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.Shapes;
import org.seqlab.nn.Embedding;
import org.seqlab.nn.Linear;
import org.seqlab.nn.Parameter;
import org.seqlab.nn.Parameters;
import org.seqlab.nn.Recurrent;
import org.seqlab.nn.State;

/**
 * What every model here is made of: an optional embedding, a recurrent stack and a linear head.
 *
 * <pre>
 *   ids [T, B] ──(embedding [V, E] or one-hot)──┐
 *   x [T, B, D] ─────────────────────────────────┴─▶ Recurrent ─▶ h [T, B, H] ─▶ Linear ─▶ [T, B, K] or [B, K]
 * </pre>
 *
 * Parameter names follow a PyTorch module with attributes {@code embedding}, {@code rnn} and {@code fc}:
 * {@code embedding.weight}, {@code rnn.weight_ih_l0}, ..., {@code fc.weight}, {@code fc.bias}.
 */
final class SequenceNetwork {
    /** One forward pass: the recurrent input (after the embedding) and the recurrent output. */
    record Pass(INDArray ids, INDArray input, Recurrent.Output output) {}

    /** The cell's name for titles: "LSTM", "GRU", "RNN", or a learner's cell's class name. */
    final String cell;
    final Embedding embedding;
    final Recurrent rnn;
    final Linear head;
    final DataType dtype;
    final int inputSize;
    private final Parameters parameters = new Parameters();

    /** Makes the recurrent stack over {@code inputSize} features, drawing its weights from {@code rng}. */
    interface Stack {
        Recurrent create(int inputSize, Random rng);
    }

    SequenceNetwork(String cellName, Stack stack, int inputSize, int embeddingSize, int hiddenSize, int outputs,
                    long seed, DataType dtype) {
        Shapes.require(inputSize > 0 && outputs > 0, "inputSize and outputs must be positive but are %d and %d",
                inputSize, outputs);
        Random rng = new Random(seed);
        this.dtype = dtype;
        this.inputSize = inputSize;
        this.embedding = embeddingSize > 0 ? Embedding.create(inputSize, embeddingSize, rng, dtype) : null;
        this.rnn = stack.create(embeddingSize > 0 ? embeddingSize : inputSize, rng);
        String own = rnn.cells().get(0).getClass().getSimpleName();
        this.cell = cellName != null ? cellName : own.isEmpty() ? "recurrent" : own;
        this.head = Linear.create(hiddenSize, outputs, rng, dtype);
        if (embedding != null) parameters.addAll("embedding", embedding.parameters());
        parameters.addAll("rnn", rnn.parameters());
        parameters.addAll("fc", head.parameters());
    }

    Parameters parameters() {
        return parameters;
    }

    /**
     * The recurrent pass over token ids {@code [T, B]} or features {@code [T, B, D]}.
     *
     * @param mask {@code [T, B]} or null for all real
     * @param initial one state per layer, or null for zeros
     */
    Pass forward(INDArray x, INDArray mask, List<State> initial) {
        INDArray m = mask == null ? null : mask.castTo(dtype);
        if (x.rank() == 2) {
            if (embedding != null) {
                INDArray e = embedding.forward(x);
                return new Pass(x, e, rnn.forward(e, m, initial));
            }
            return new Pass(x, null, rnn.forwardIds(x, m, initial));
        }
        Shapes.require(embedding == null, "this model embeds token ids [T, B] but x is %s features",
                java.util.Arrays.toString(x.shape()));
        INDArray dense = x.dataType() == dtype ? x : x.castTo(dtype);
        return new Pass(null, dense, rnn.forward(dense, m, initial));
    }

    /**
     * Back-propagates through the recurrent stack and the embedding.
     *
     * @param dOutputs dL/dh for every step {@code [T, B, H]}
     * @param dFinal dL/d(final state) per layer, or null
     */
    void backward(Pass pass, INDArray dOutputs, List<State> dFinal) {
        Recurrent.Gradients g = rnn.backward(pass.output().cache(), dOutputs, dFinal);
        if (embedding != null && pass.ids() != null) embedding.backward(pass.ids(), g.dx());
        release(g.dx());
        for (State s : g.dInitial()) release(s.h(), s.c());
    }

    /**
     * Frees a training step's temporaries now (the pass's outputs, embeddings and final states, and the given
     * arrays), which nothing references any more, instead of at some later garbage collection: the memory is then
     * reused by the next step rather than fresh memory mapped in (page faults cost a large share of a step where
     * the operating system makes them slow, as in sandboxes).
     */
    static void release(Pass pass, INDArray... more) {
        release(pass.output().outputs());
        if (pass.ids() != null) release(pass.input());
        for (State s : pass.output().finalStates()) release(s.h(), s.c());
        release(more);
    }

    static void release(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a != null && a.closeable()) a.close();
        }
    }

    /**
     * ‖dL/dh_t‖ for t = 0 … T−1 of {@code layer}, from the back-propagation {@code backward} runs (the head's
     * backward and the recurrent stack's), with every parameter's gradient put back as it was afterwards: a
     * measurement, not a training step.
     */
    double[] gradientReach(int layer, Supplier<Recurrent.Gradients> backward) {
        Shapes.require(layer >= 0 && layer < rnn.numLayers(), "layer must be in [0, %d) but is %d",
                rnn.numLayers(), layer);
        return measuring(() -> backward.get().gradientNorms(layer));
    }

    /**
     * Runs {@code measurement} (a back-propagation read for what it says, not to train) and puts every parameter's
     * gradient back as it was before, whatever the measurement added to it.
     */
    <R> R measuring(Supplier<R> measurement) {
        List<INDArray> saved = new ArrayList<>();
        for (Parameter p : parameters) saved.add(p.grad().dup());
        try {
            return measurement.get();
        } finally {
            int i = 0;
            for (Parameter p : parameters) p.grad().assign(saved.get(i++));
        }
    }

    /** dL/d(final state) with {@code dh} on the top layer's h and zero elsewhere. */
    List<State> topGradient(INDArray dh) {
        List<State> d = new ArrayList<>();
        for (int l = 0; l < rnn.numLayers() - 1; l++) d.add(null);
        d.add(State.of(dh));
        return d;
    }

    /** Deep copies of the states, detached from the arrays the next pass may update. */
    static List<State> copy(List<State> states) {
        List<State> c = new ArrayList<>();
        for (State s : states) c.add(s.copy());
        return c;
    }

    @Override
    public String toString() {
        return (embedding == null ? "" : embedding + " -> ") + rnn + " -> " + head;
    }
}
