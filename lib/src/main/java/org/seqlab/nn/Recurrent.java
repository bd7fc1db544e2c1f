package org.seqlab.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.seqlab.Shapes;

/**
 * A recurrent layer (or a stack of them): unrolls any {@link RecurrentCell} over a time-major batch, with
 * masks, initial states and truncated back-propagation through time.
 *
 * <pre>
 *   for t = 0 .. T−1:   s_new = cell(x_t, s_{t−1})
 *                       s_t   = m_t ⊙ s_new + (1 − m_t) ⊙ s_{t−1}     padded steps keep the state
 *                       y_t   = m_t ⊙ h_t                              outputs [T, B, H], zero where padded
 * </pre>
 *
 * <p>So each sequence's final state is its state after its own last real step, and padded steps add nothing to
 * any gradient. Layer {@code l > 0} reads layer {@code l−1}'s outputs. The library's cells keep PyTorch's
 * parameter names ({@code weight_ih_l0 ... bias_hh_l1}).
 *
 * <p><b>Which code runs.</b> A cell of the learner's own runs through its own {@code forward} and
 * {@code backward}, one call per time step, last step first on the way back: the <em>reference path</em>,
 * the loop lesson 03 writes by hand. The library's {@link VanillaRnnCell}, {@link LstmCell} and {@link GruCell}
 * run through their <em>fast path</em>, written in each cell's file under its readable step: the same
 * equations over plain arrays, with the input projections of all steps ({@code W_ih x_t + b_ih}) as one
 * matrix product (or, for token ids, one gather of {@code W_ih}'s columns) and one BLAS product per step.
 * Tests hold the two paths to the same numbers; {@link #withReferencePath()} runs the library's cells through
 * their readable steps too.
 *
 * <pre>
 *   Recurrent rnn = Recurrent.lstm(65, 128, 2, new Random(0));          // D = 65, H = 128, two layers
 *   Recurrent.Output out = rnn.forward(x, mask, null);                  // x [T, B, 65] → outputs [T, B, 128]
 *   Recurrent.Gradients g = rnn.backward(out.cache(), dOutputs, null);  // adds into every Parameter.grad()
 * </pre>
 */
public final class Recurrent {
    /**
     * What {@link #forward} returns.
     *
     * @param outputs the top layer's hidden states {@code [T, B, H]}, zero at padded steps
     * @param finalStates each layer's state after its last real step, bottom layer first
     * @param cache what {@link #backward} needs, and the per-step traces for charts
     */
    public record Output(INDArray outputs, List<State> finalStates, Cache cache) {
        /** The top layer's final state. */
        public State finalState() {
            return finalStates.get(finalStates.size() - 1);
        }
    }

    /**
     * What {@link #backward} returns (parameter gradients go into each {@link Parameter#grad()}).
     */
    public static final class Gradients {
        private final INDArray dx;
        private final List<State> dInitial;
        private final List<double[]> norms;
        private final List<INDArray> dhSource;
        private final Cache cache;
        private List<INDArray> dh;

        Gradients(INDArray dx, List<State> dInitial, List<double[]> norms, List<INDArray> dhSource, Cache cache) {
            this.dx = dx;
            this.dInitial = dInitial;
            this.norms = norms;
            this.dhSource = dhSource;
            this.cache = cache;
        }

        /** ∂L/∂x {@code [T, B, D]}, or {@code null} when the input was token ids. */
        public INDArray dx() {
            return dx;
        }

        /** ∂L/∂(initial state), one per layer, bottom first. */
        public List<State> dInitial() {
            return dInitial;
        }

        /**
         * ‖∂L/∂h_t‖ (the Frobenius norm over the batch and the units) for t = 0 .. T−1, for {@code layer}: the
         * quantity a vanishing-gradient chart plots.
         */
        public double[] gradientNorms(int layer) {
            return norms.get(layer).clone();
        }

        /**
         * Per layer, the total gradient reaching each hidden state, ∂L/∂h_t {@code [T, B, H]} (through the outputs
         * and through later steps). Copied out of the workspace on the first call, which must come before the
         * next forward pass (like {@link #backward} itself; the copies are then yours).
         */
        public List<INDArray> dh() {
            if (dh == null) {
                cache.checkCurrent("Gradients.dh()");
                List<INDArray> copies = new ArrayList<>();
                for (INDArray a : dhSource) copies.add(a.dup());
                dh = Collections.unmodifiableList(copies);
            }
            return dh;
        }
    }

    /**
     * The forward pass's intermediate values, per layer and step, which {@link #backward} reads. The library's
     * cells keep them in a workspace that the next forward pass of the same {@link Recurrent} reuses, so a cache
     * is valid until that next forward call: {@link #backward}, {@link #steps} and {@link #trace} refuse a cache
     * after it (with a message saying so), rather than read values a later pass has overwritten. Everything else a
     * pass returns ({@link Output#outputs()}, the final states, the step records and traces, every gradient) is
     * the caller's own and never changes.
     */
    public static final class Cache {
        final Recurrent owner;
        final long pass;
        final LayerInput input;
        final List<LayerPass> layers = new ArrayList<>();

        Cache(Recurrent owner, long pass, LayerInput input) {
            this.owner = owner;
            this.pass = pass;
            this.input = input;
        }

        /** Whether this is the cache of its Recurrent's latest forward pass (so its values are still there). */
        public boolean isCurrent() {
            return owner.passes == pass;
        }

        void checkCurrent(String use) {
            if (!isCurrent()) {
                throw new IllegalStateException("this cache is from forward pass " + pass + " of the Recurrent, whose "
                        + "workspace pass " + owner.passes + " has reused; call " + use + " before the next forward "
                        + "call (the outputs, final states and gradients a pass returned stay valid)");
            }
        }

        /** The step records of {@code layer}, one per time step (new arrays, yours to keep). */
        public List<RecurrentCell.Step> steps(int layer) {
            checkCurrent("steps(layer)");
            return layers.get(layer).steps();
        }

        /**
         * Every named value of {@code layer}'s steps stacked over time, each {@code [T, B, H]}: for the LSTM
         * {@code i, f, g, o, c, h}, for the GRU {@code r, z, n, h}, for the vanilla RNN {@code a, h}. At padded
         * steps the gates are what the cell computed (and the mask discarded).
         */
        public Map<String, INDArray> trace(int layer) {
            List<RecurrentCell.Step> s = steps(layer);
            Map<String, INDArray> out = new java.util.LinkedHashMap<>();
            for (String name : s.get(0).values().keySet()) {
                INDArray[] perStep = new INDArray[s.size()];
                for (int t = 0; t < perStep.length; t++) perStep[t] = s.get(t).values().get(name);
                out.put(name, Nd4j.stack(0, perStep));
            }
            return out;
        }
    }

    /** Computes ∂L/∂(outputs of one chunk) in truncated BPTT; see {@link #truncated}. */
    @FunctionalInterface
    public interface ChunkLoss {
        /**
         * @param start the chunk's first time step in the whole sequence
         * @param output the chunk's forward output (outputs {@code [k, B, H]})
         * @return ∂L/∂(outputs) {@code [k, B, H]}
         */
        INDArray gradient(int start, Output output);
    }

    private final List<RecurrentCell<?>> layers;
    private final boolean reference;
    private final Parameters parameters = new Parameters();
    /** Each layer's fast path and its workspace (null for a cell without one, or on the reference path). */
    private final FastPath[] fastPaths;
    /** How many forward passes have run: a cache is valid while it holds the latest number. */
    private long passes;

    private Recurrent(List<RecurrentCell<?>> layers, boolean reference) {
        Shapes.require(!layers.isEmpty(), "a recurrent stack needs at least one cell");
        this.layers = List.copyOf(layers);
        this.reference = reference;
        this.fastPaths = new FastPath[layers.size()];
        for (int l = 0; l < layers.size(); l++) fastPaths[l] = reference ? null : fastPathOf(layers.get(l));
        for (int l = 1; l < layers.size(); l++) {
            RecurrentCell<?> below = layers.get(l - 1);
            RecurrentCell<?> cell = layers.get(l);
            Shapes.require(cell.inputSize() == below.hiddenSize(),
                    "layer %d reads layer %d's states, so its input size must be %d (H of layer %d) but is %d",
                    l, l - 1, below.hiddenSize(), l - 1, cell.inputSize());
            Shapes.require(cell.dtype() == below.dtype(), "layer %d computes in %s but layer %d in %s; "
                    + "float32 and float64 do not mix: make every layer with the same DataType", l, cell.dtype(),
                    l - 1, below.dtype());
        }
        if (layers.size() == 1) {
            parameters.addAll("", layers.get(0).parameters());
        } else {
            for (int l = 0; l < layers.size(); l++) {
                Parameters own = layers.get(l).parameters();
                for (String name : own.names()) parameters.put(layerName(name, l), own.get(name));
            }
        }
    }

    /** PyTorch's name of a stacked layer's parameter: {@code weight_ih_l0} in layer 1 is {@code weight_ih_l1}. */
    private static String layerName(String name, int layer) {
        return name.replaceFirst("_l\\d+$", "") + "_l" + layer;
    }

    /** A stack of {@code numLayers} tanh RNN layers in float32, like {@code nn.RNN(D, H, numLayers)}. */
    public static Recurrent rnn(int inputSize, int hiddenSize, int numLayers, Random rng) {
        return rnn(inputSize, hiddenSize, numLayers, rng, DataType.FLOAT);
    }

    /** A stack of tanh RNN layers in the given data type. */
    public static Recurrent rnn(int inputSize, int hiddenSize, int numLayers, Random rng, DataType dtype) {
        List<RecurrentCell<?>> cells = new ArrayList<>();
        for (int l = 0; l < numLayers; l++) {
            cells.add(new VanillaRnnCell(l == 0 ? inputSize : hiddenSize, hiddenSize, VanillaRnnCell.Activation.TANH,
                    l, dtype, rng));
        }
        return new Recurrent(cells, false);
    }

    /** A stack of {@code numLayers} LSTM layers in float32, like {@code nn.LSTM(D, H, numLayers)}. */
    public static Recurrent lstm(int inputSize, int hiddenSize, int numLayers, Random rng) {
        return lstm(inputSize, hiddenSize, numLayers, rng, DataType.FLOAT);
    }

    /** A stack of LSTM layers in the given data type. */
    public static Recurrent lstm(int inputSize, int hiddenSize, int numLayers, Random rng, DataType dtype) {
        List<RecurrentCell<?>> cells = new ArrayList<>();
        for (int l = 0; l < numLayers; l++) {
            cells.add(new LstmCell(l == 0 ? inputSize : hiddenSize, hiddenSize, l, dtype, rng));
        }
        return new Recurrent(cells, false);
    }

    /** A stack of {@code numLayers} GRU layers in float32, like {@code nn.GRU(D, H, numLayers)}. */
    public static Recurrent gru(int inputSize, int hiddenSize, int numLayers, Random rng) {
        return gru(inputSize, hiddenSize, numLayers, rng, DataType.FLOAT);
    }

    /** A stack of GRU layers in the given data type. */
    public static Recurrent gru(int inputSize, int hiddenSize, int numLayers, Random rng, DataType dtype) {
        List<RecurrentCell<?>> cells = new ArrayList<>();
        for (int l = 0; l < numLayers; l++) {
            cells.add(new GruCell(l == 0 ? inputSize : hiddenSize, hiddenSize, l, dtype, rng));
        }
        return new Recurrent(cells, false);
    }

    /**
     * A stack of the given cells, bottom layer first: the library's or any {@link RecurrentCell} of your own.
     * One cell keeps its parameters' names; in a stack of several, layer {@code l}'s parameters are named as
     * PyTorch names them, with the suffix {@code _l<l>} ({@code W_hh} of layer 1 becomes {@code W_hh_l1}, and
     * {@code weight_hh_l0} becomes {@code weight_hh_l1}). Each layer's input size must be the hidden size of the
     * layer below.
     */
    public static Recurrent of(RecurrentCell<?>... cells) {
        return new Recurrent(List.of(cells), false);
    }

    /**
     * The same layers, sharing their parameters, unrolled through each cell's own {@code forward} and
     * {@code backward} step by step (the reference path), also for the library's cells, which otherwise run
     * their fast path. Slower; the numbers are the same (to float32 rounding in float32). For checking and for
     * lessons that step through the readable code.
     */
    public Recurrent withReferencePath() {
        return new Recurrent(layers, true);
    }

    /** Whether {@code layer} runs through its cell's fast path (false: its own forward and backward). */
    public boolean usesFastPath(int layer) {
        return fastPaths[layer] != null;
    }

    /**
     * A stream over this stack for {@code batch} sequences: one input at a time, each layer's state kept inside
     * (see {@link RecurrentStream}). It has a workspace of its own, so training this stack meanwhile changes its
     * weights but not its state.
     */
    public RecurrentStream stream(int batch) {
        List<FastPath> paths = new ArrayList<>();
        for (RecurrentCell<?> cell : layers) paths.add(reference ? null : fastPathOf(cell));
        return new RecurrentStream(this, paths, batch);
    }

    /** All parameters, PyTorch names, bottom layer first. */
    public Parameters parameters() {
        return parameters;
    }

    /** The cells, bottom layer first. */
    public List<RecurrentCell<?>> cells() {
        return layers;
    }

    /** How many stacked layers. */
    public int numLayers() {
        return layers.size();
    }

    /** H, the hidden size of the top layer (the outputs' last dimension). */
    public int hiddenSize() {
        return top().hiddenSize();
    }

    /** D, the input size of the bottom layer (the vocabulary size for {@link #forwardIds}). */
    public int inputSize() {
        return layers.get(0).inputSize();
    }

    /** The zero state of every layer, for {@code batch} sequences. */
    public List<State> zeroState(int batch) {
        List<State> s = new ArrayList<>();
        for (RecurrentCell<?> cell : layers) s.add(cell.zeroState(batch));
        return s;
    }

    /** Forward over dense inputs {@code x [T, B, D]}, all steps real, from the zero state. */
    public Output forward(INDArray x) {
        return forward(x, null, null);
    }

    /**
     * Forward over dense inputs.
     *
     * @param x inputs {@code [T, B, D]} in the layer's data type
     * @param mask {@code [T, B]}, 1 = real step, 0 = padding; {@code null} = all real
     * @param initial one state per layer, {@code [B, H]} parts; {@code null} = zero
     */
    public Output forward(INDArray x, INDArray mask, List<State> initial) {
        return run(LayerInput.dense(x, inputSize(), dtype()), mask, initial);
    }

    /**
     * Forward over token ids {@code [T, B]} (whole numbers below {@link #inputSize()}), which stand for one-hot
     * vectors: the input projection is a gather of {@code W_ih}'s columns. Other arguments as {@link #forward}.
     */
    public Output forwardIds(INDArray ids, INDArray mask, List<State> initial) {
        return run(LayerInput.ids(ids, inputSize()), mask, initial);
    }

    private Output run(LayerInput in, INDArray maskArray, List<State> initial) {
        Mask mask = new Mask(maskArray, in.steps, in.batch);
        Shapes.require(initial == null || initial.size() == layers.size(),
                "initial must hold one state per layer (%d) but holds %d", layers.size(),
                initial == null ? 0 : initial.size());
        Cache cache = new Cache(this, ++passes, in);
        List<State> finals = new ArrayList<>();
        INDArray outputs = null;
        for (int l = 0; l < layers.size(); l++) {
            RecurrentCell<?> cell = layers.get(l);
            LayerInput layerIn = l == 0 ? in : LayerInput.below(outputs);
            State start = initial == null ? null : initial.get(l);
            boolean top = l == layers.size() - 1;
            LayerPass pass = fastPaths[l] != null ? new FastLayer(fastPaths[l], layerIn, mask, start, top)
                    : reference(cell, layerIn, mask, start);
            outputs = pass.outputs();
            cache.layers.add(pass);
            finals.add(pass.finalState());
        }
        return new Output(outputs, finals, cache);
    }

    /**
     * Back-propagation through time over the whole forward pass: adds every parameter's gradient into
     * {@link Parameter#grad()} and returns the gradients for the input and the initial state.
     *
     * <pre>
     *   for each layer, top first, for t = T−1 .. 0:
     *       δh_t = m_t ⊙ δy_t + (what step t+1 sent back)
     *       the cell's backward step: adds δW_ih, δW_hh, δb_ih, δb_hh and sends back δs_{t−1} (and δx_t)
     * </pre>
     *
     * @param cache from the forward pass
     * @param dOutputs ∂L/∂(outputs) {@code [T, B, H]} (entries at padded steps are ignored); {@code null} = zero,
     *     for a loss on the final state only (a classifier's last step, an encoder)
     * @param dFinal ∂L/∂(final state), one per layer; {@code null} = zero
     */
    public Gradients backward(Cache cache, INDArray dOutputs, List<State> dFinal) {
        Shapes.require(cache != null && cache.owner == this,
                "this cache comes from another Recurrent's forward pass; pass this one's Output.cache()");
        cache.checkCurrent("backward(cache, ...)");
        LayerInput bottom = cache.input;
        if (dOutputs == null) {
            Shapes.require(dFinal != null, "backward needs dOutputs, dFinal or both; both are null");
            dOutputs = Nd4j.zeros(dtype(), bottom.steps, bottom.batch, hiddenSize());
        }
        Shapes.check(dOutputs, "dOutputs", "T,B,H", bottom.steps, bottom.batch, hiddenSize());
        Shapes.sameType(dOutputs, "dOutputs", dtype(), "the recurrent layer");
        INDArray dOut = Raw.contiguous(dOutputs);
        Raw.checkFinite(dOut, "dOutputs");
        Shapes.require(dFinal == null || dFinal.size() == layers.size(),
                "dFinal must hold one state per layer (%d) but holds %d", layers.size(), dFinal == null ? 0 : dFinal.size());
        List<State> dInitial = new ArrayList<>(Collections.nCopies(layers.size(), (State) null));
        List<double[]> norms = new ArrayList<>(Collections.nCopies(layers.size(), (double[]) null));
        List<INDArray> dh = new ArrayList<>(Collections.nCopies(layers.size(), (INDArray) null));
        for (int l = layers.size() - 1; l >= 0; l--) {
            State df = dFinal == null ? null : dFinal.get(l);
            if (df != null) checkGradientState(df, "dFinal[" + l + "]", bottom.batch, layers.get(l));
            LayerPass.Grad g = cache.layers.get(l).backward(dOut, df);
            dInitial.set(l, g.dInitial());
            norms.set(l, g.dhNorms());
            dh.set(l, g.dh());
            dOut = g.dx();
        }
        return new Gradients(dOut, dInitial, norms, dh, cache);
    }

    private static void checkGradientState(State s, String name, long batch, RecurrentCell<?> cell) {
        Shapes.check(s.h(), name + ".h", "B,H", batch, cell.hiddenSize());
        Shapes.sameType(s.h(), name + ".h", cell.dtype(), "the recurrent layer");
        if (s.c() != null) {
            Shapes.check(s.c(), name + ".c", "B,H", batch, cell.hiddenSize());
            Shapes.sameType(s.c(), name + ".c", cell.dtype(), "the recurrent layer");
        }
    }

    /**
     * Truncated back-propagation through time over dense inputs: runs forward and backward on chunks of
     * {@code k} steps, carrying the state (not its gradient) from chunk to chunk. Parameter gradients of all
     * chunks add up in {@link Parameter#grad()}.
     *
     * @param loss gives ∂L/∂(outputs) for each chunk
     * @return each layer's final state after the last chunk
     */
    public List<State> truncated(INDArray x, INDArray mask, List<State> initial, int k, ChunkLoss loss) {
        Shapes.check(x, "x", "T,B,D", -1, -1, inputSize());
        return truncated(x.size(0), initial, k, loss, (a, b, s) -> forward(
                x.get(NDArrayIndex.interval(a, b), NDArrayIndex.all(), NDArrayIndex.all()).dup(), chunk(mask, a, b), s));
    }

    /** Truncated BPTT over token ids {@code [T, B]}; see {@link #truncated}. */
    public List<State> truncatedIds(INDArray ids, INDArray mask, List<State> initial, int k, ChunkLoss loss) {
        Shapes.check(ids, "ids", "T,B", -1, -1);
        return truncated(ids.size(0), initial, k, loss, (a, b, s) -> forwardIds(
                ids.get(NDArrayIndex.interval(a, b), NDArrayIndex.all()).dup(), chunk(mask, a, b), s));
    }

    private interface ChunkForward {
        Output run(long from, long to, List<State> initial);
    }

    private List<State> truncated(long steps, List<State> initial, int k, ChunkLoss loss, ChunkForward forward) {
        Shapes.require(k > 0, "k (steps per chunk) must be positive but is %d", k);
        List<State> s = initial;
        for (long a = 0; a < steps; a += k) {
            long b = Math.min(steps, a + k);
            Output out = forward.run(a, b, s);
            backward(out.cache(), loss.gradient((int) a, out), null);
            s = out.finalStates();
        }
        return s;
    }

    private static INDArray chunk(INDArray mask, long a, long b) {
        return mask == null ? null : mask.get(NDArrayIndex.interval(a, b), NDArrayIndex.all()).dup();
    }

    private static <S extends RecurrentCell.Step> LayerPass reference(RecurrentCell<S> cell, LayerInput in, Mask mask,
                                                                       State initial) {
        return new ReferenceLayer<>(cell, in, mask, initial);
    }

    /** A new fast path for the cell, or {@code null} when it has none. */
    private static FastPath fastPathOf(RecurrentCell<?> cell) {
        if (cell instanceof LstmCell c) return c.fastPath();
        if (cell instanceof GruCell c) return c.fastPath();
        if (cell instanceof VanillaRnnCell c) return c.fastPath();
        return null;
    }

    private RecurrentCell<?> top() {
        return layers.get(layers.size() - 1);
    }

    /** The data type every layer computes in. */
    public DataType dtype() {
        return layers.get(0).dtype();
    }

    @Override
    public String toString() {
        return "Recurrent" + layers + " (" + parameters.count() + " parameters)";
    }
}
