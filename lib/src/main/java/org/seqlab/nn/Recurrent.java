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
 * A recurrent layer (or a stack of them): unrolls cells over a time-major batch, with masks, and back-propagates
 * through time by calling each cell's hand-written backward step, last step first.
 *
 * <pre>
 *   for t = 0 .. T−1:   s_new = cell(x_t, s_{t−1})
 *                       s_t   = m_t ⊙ s_new + (1 − m_t) ⊙ s_{t−1}     padded steps keep the state
 *                       y_t   = m_t ⊙ h_t                              outputs [T, B, H], zero where padded
 * </pre>
 *
 * <p>So each sequence's final state is its state after its own last real step, and padded steps add nothing to
 * any gradient. Layer {@code l > 0} reads layer {@code l−1}'s outputs; parameter names are PyTorch's
 * ({@code weight_ih_l0 ... bias_hh_l1}). The input projections of all steps ({@code W_ih x_t + b_ih}) are one
 * matrix product (or, for token ids, one gather of {@code W_ih}'s columns), done before the loop.
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
     *
     * @param dx dL/dx {@code [T, B, D]}, or {@code null} when the input was token ids
     * @param dInitial dL/d(initial state), one per layer, bottom first
     * @param dh per layer, the total gradient reaching each hidden state, dL/dh_t {@code [T, B, H]} (through the
     *     outputs and through later steps) — the quantity a vanishing-gradient chart plots
     */
    public record Gradients(INDArray dx, List<State> dInitial, List<INDArray> dh) {
        /** ‖dL/dh_t‖ (over the batch and the units) for t = 0 .. T−1, for {@code layer}. */
        public double[] gradientNorms(int layer) {
            INDArray g = dh.get(layer);
            double[] norms = new double[(int) g.size(0)];
            for (int t = 0; t < norms.length; t++) norms[t] = g.slice(t).norm2Number().doubleValue();
            return norms;
        }
    }

    /** The forward pass's intermediate values, per layer and step. */
    public static final class Cache {
        final List<LayerInput> inputs = new ArrayList<>();
        final List<Unrolled> layers = new ArrayList<>();
        final List<Kernel> kernels = new ArrayList<>();
        final Mask mask;

        Cache(Mask mask) {
            this.mask = mask;
        }

        /** The step records of {@code layer}, one per time step (views of the forward pass's arrays). */
        public List<RecurrentCell.Step> steps(int layer) {
            Unrolled u = layers.get(layer);
            List<RecurrentCell.Step> s = new ArrayList<>();
            for (int t = 0; t < u.steps; t++) s.add(kernels.get(layer).step(u, t));
            return Collections.unmodifiableList(s);
        }

        /**
         * Every named value of {@code layer}'s steps stacked over time, each {@code [T, B, H]}: for the LSTM
         * {@code i, f, g, o, c, h}, for the GRU {@code r, z, n, h}, for the vanilla RNN {@code a, h}. At padded
         * steps the gates are what the cell computed (and the mask discarded); the states are the kept ones.
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

    /** Computes dL/d(outputs of one chunk) in truncated BPTT; see {@link #truncated}. */
    @FunctionalInterface
    public interface ChunkLoss {
        /**
         * @param start the chunk's first time step in the whole sequence
         * @param output the chunk's forward output (outputs {@code [k, B, H]})
         * @return dL/d(outputs) {@code [k, B, H]}
         */
        INDArray gradient(int start, Output output);
    }

    private final List<RecurrentCell<?>> layers;
    private final Parameters parameters = new Parameters();

    private Recurrent(List<RecurrentCell<?>> layers) {
        this.layers = List.copyOf(layers);
        for (RecurrentCell<?> cell : layers) parameters.addAll("", cell.parameters());
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
        return new Recurrent(cells);
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
        return new Recurrent(cells);
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
        return new Recurrent(cells);
    }

    /** A one-layer network around an existing cell (made with a cell's {@code create}, so named {@code _l0}). */
    public static Recurrent of(RecurrentCell<?> cell) {
        return new Recurrent(List.of(cell));
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
        int steps = (int) in.steps;
        int batch = (int) in.batch;
        Mask mask = new Mask(maskArray, in.steps, in.batch);
        List<State> init = initial == null ? zeroState(batch) : initial;
        Shapes.require(init.size() == layers.size(), "initial must hold one state per layer (%d) but holds %d",
                layers.size(), init.size());
        Cache cache = new Cache(mask);
        List<State> finals = new ArrayList<>();
        INDArray outputs = null;
        for (int l = 0; l < layers.size(); l++) {
            RecurrentCell<?> cell = layers.get(l);
            LayerInput layerIn = l == 0 ? in : LayerInput.dense(outputs, cell.inputSize(), dtype());
            CellWeights w = weightsOf(cell);
            Kernel kernel = kernelOf(cell);
            w.checkState(init.get(l), "initial[" + l + "]", batch, cell.hasCellState());
            int h = cell.hiddenSize();
            double[] bias = Flat.of(w.bIh.value()).toArray();
            double[] recurrentBias = Flat.of(w.bHh.value()).toArray();
            if (kernel.foldsRecurrentBias()) {
                for (int k = 0; k < bias.length; k++) bias[k] += recurrentBias[k];
            }
            Unrolled u = new Unrolled(layerIn.project(w, bias), steps, batch, h, kernel.auxWidth(h),
                    cell.hasCellState(), mask);
            if (!kernel.foldsRecurrentBias()) {
                u.recurrentBias = new double[batch * recurrentBias.length];
                for (int b = 0; b < batch; b++) {
                    System.arraycopy(recurrentBias, 0, u.recurrentBias, b * recurrentBias.length, recurrentBias.length);
                }
            }
            u.hsf.write(0, initial == null ? new double[u.stateSize()] : Flat.of(Flat.contiguous(init.get(l).h())).toArray(),
                    u.stateSize());
            if (u.cs != null) {
                u.csf.write(0, initial == null ? new double[u.stateSize()] : Flat.of(Flat.contiguous(init.get(l).c())).toArray(),
                        u.stateSize());
            }
            for (int t = 0; t < steps; t++) kernel.forward(u, w, t);
            outputs = u.outputs();
            cache.inputs.add(layerIn);
            cache.layers.add(u);
            cache.kernels.add(kernel);
            finals.add(new State(u.hs.slice(steps).dup(), u.cs == null ? null : u.cs.slice(steps).dup()));
        }
        return new Output(outputs, finals, cache);
    }

    /**
     * Back-propagation through time over the whole forward pass: adds every parameter's gradient into
     * {@link Parameter#grad()} and returns the gradients for the input and the initial state.
     *
     * <pre>
     *   for t = T−1 .. 0:   dh_t = m_t ⊙ dL/dy_t + (gradient from step t+1)      the cell's backward step
     *   then, once for all steps:  dW_hh += Σ_t dz_tᵀ h_{t−1},  dW_ih += Σ_t dz_tᵀ x_t,  dx = dz W_ih
     * </pre>
     *
     * @param cache from the forward pass
     * @param dOutputs dL/d(outputs) {@code [T, B, H]} (entries at padded steps are ignored); {@code null} = zero,
     *     for a loss on the final state only (a classifier's last step, an encoder)
     * @param dFinal dL/d(final state), one per layer; {@code null} = zero
     */
    public Gradients backward(Cache cache, INDArray dOutputs, List<State> dFinal) {
        LayerInput bottom = cache.inputs.get(0);
        if (dOutputs == null) {
            Shapes.require(dFinal != null, "backward needs dOutputs, dFinal or both; both are null");
            dOutputs = Nd4j.zeros(dtype(), bottom.steps, bottom.batch, hiddenSize());
        }
        Shapes.check(dOutputs, "dOutputs", "T,B,H", bottom.steps, bottom.batch, hiddenSize());
        INDArray dOut = Flat.contiguous(dOutputs);
        Flat.of(dOut).checkFinite("dOutputs");
        Shapes.require(dFinal == null || dFinal.size() == layers.size(),
                "dFinal must hold one state per layer (%d) but holds %d", layers.size(), dFinal == null ? 0 : dFinal.size());
        List<State> dInitial = new ArrayList<>(Collections.nCopies(layers.size(), (State) null));
        List<INDArray> dh = new ArrayList<>(Collections.nCopies(layers.size(), (INDArray) null));
        int batch = (int) bottom.batch;
        for (int l = layers.size() - 1; l >= 0; l--) {
            RecurrentCell<?> cell = layers.get(l);
            CellWeights w = weightsOf(cell);
            Unrolled u = cache.layers.get(l);
            Kernel kernel = cache.kernels.get(l);
            u.prepareBackward(kernel.separateRecurrentGradient());
            int n = u.stateSize();
            double[] carryH = new double[n];
            double[] carryC = new double[n];
            if (dFinal != null && dFinal.get(l) != null) {
                w.checkState(dFinal.get(l), "dFinal[" + l + "]", batch, false);
                Flat.of(dFinal.get(l).h().dup('c')).read(0, carryH, n);
                if (dFinal.get(l).c() != null) Flat.of(dFinal.get(l).c().dup('c')).read(0, carryC, n);
            }
            Flat dOutF = Flat.of(dOut);
            Flat spare = Flat.of(cell.zeroState(batch).h());
            for (int t = u.steps - 1; t >= 0; t--) kernel.backward(u, w, t, dOutF, carryH, carryC, spare);
            dInitial.set(l, new State(u.state(carryH), cell.hasCellState() ? u.state(carryC) : null));
            dh.set(l, u.dhAll);
            int rows = u.steps * batch;
            Flat.gemm(true, false, u.width, u.hidden, rows, 1.0, u.dhhf, 0, u.width, u.hsf, 0, u.hidden, 1.0,
                    w.wHhGradFlat, 0, u.hidden);
            Flat.of(w.bHh.grad()).add(u.dbHh);
            Flat.of(w.bIh.grad()).add(u.dbIh);
            dOut = cache.inputs.get(l).backward(w, u);
        }
        return new Gradients(dOut, dInitial, dh);
    }

    /**
     * Truncated back-propagation through time over dense inputs: runs forward and backward on chunks of
     * {@code k} steps, carrying the state (not its gradient) from chunk to chunk. Parameter gradients of all
     * chunks add up in {@link Parameter#grad()}.
     *
     * @param loss gives dL/d(outputs) for each chunk
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

    static Kernel kernelOf(RecurrentCell<?> cell) {
        if (cell instanceof LstmCell c) return c.kernel();
        if (cell instanceof GruCell c) return c.kernel();
        if (cell instanceof VanillaRnnCell c) return c.kernel();
        throw new IllegalArgumentException("Recurrent unrolls the library's cells, not " + cell.getClass().getName());
    }

    static CellWeights weightsOf(RecurrentCell<?> cell) {
        if (cell instanceof LstmCell c) return c.weights();
        if (cell instanceof GruCell c) return c.weights();
        if (cell instanceof VanillaRnnCell c) return c.weights();
        throw new IllegalArgumentException("Recurrent unrolls the library's cells, not " + cell.getClass().getName());
    }

    private RecurrentCell<?> top() {
        return layers.get(layers.size() - 1);
    }

    DataType dtype() {
        return layers.get(0).dtype();
    }

    @Override
    public String toString() {
        return "Recurrent" + layers + " (" + parameters.count() + " parameters)";
    }
}
