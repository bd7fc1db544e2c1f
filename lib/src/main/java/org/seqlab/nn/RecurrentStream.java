package org.seqlab.nn;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.Shapes;

/**
 * A {@link Recurrent} stack run one input at a time, each layer's state kept inside between calls: the streaming
 * or on-device setting, where inputs arrive one by one. Feeding x_0, x_1, ... gives the per-step outputs of running
 * the stack over the whole sequence at once, bit for bit in float64 (to rounding in float32: see
 * {@code Blas.addABtRows}). Get one from {@link Recurrent#stream(int)}.
 *
 * <pre>
 *   h_t = cell(x_t, h_{t−1})  for every layer, bottom first        one call of step(x_t)
 * </pre>
 *
 * <p>The library's cells run through their fast path in a workspace of the stream's own (one step: one product
 * with {@code W_hh} per layer, a matrix-vector product for a single stream), so a step allocates nothing but
 * the array it returns; other cells run through their own {@code forward}.
 */
public final class RecurrentStream {
    private final Recurrent rnn;
    private final int batch;
    private final FastPath[] paths;
    private final Mask allReal;
    private List<State> state;
    private boolean started;
    private double[][] bias;
    private double[] recurrentBias = new double[0];

    RecurrentStream(Recurrent rnn, List<FastPath> paths, int batch) {
        Shapes.require(batch > 0, "batch must be positive but is %d", batch);
        this.rnn = rnn;
        this.batch = batch;
        this.paths = paths.contains(null) ? null : paths.toArray(new FastPath[0]);
        this.allReal = new Mask(null, 1, batch);
        if (this.paths != null) {
            for (FastPath p : this.paths) {
                p.u.fit(1, batch, p.w.inputSize);
                p.u.mask = allReal;
                p.resize(batch);
            }
        }
    }

    /**
     * One step for every stream: the top layer's new state h' {@code [B, H]} (a new array).
     *
     * @param x token ids {@code [B]} (the inputs are then one-hot vectors) or features {@code [B, D]}
     */
    public INDArray step(INDArray x) {
        return step(x, null);
    }

    /**
     * One step, then the output layer {@code head} on the top state: {@code head(h') [B, K]} (a new array), without
     * making an array of h' on the way.
     */
    public INDArray step(INDArray x, Linear head) {
        boolean ids = x.rank() == 1;
        if (ids) Shapes.check(x, "x", "B", batch);
        else Shapes.check(x, "x", "B,D", batch, rnn.inputSize());
        if (paths == null) return general(x, ids, head);
        int[] tokens = ids ? tokens(x) : null;
        Raw below = null;
        if (!ids) {
            Shapes.sameType(x, "x", rnn.dtype(), "the recurrent layer");
            below = Raw.of(Raw.contiguous(x));
        }
        if (bias == null) bias = new double[paths.length][];
        for (int l = 0; l < paths.length; l++) {
            FastPath p = paths[l];
            Unrolled u = p.u;
            BlasThreads.use(batch, u.width, u.hidden);
            bias[l] = foldedBias(p, bias[l]);
            project(p, l == 0 ? tokens : null, below, bias[l]);
            p.forward(0);
            int n = u.stateSize();
            u.hs.copy(u.hs, n, 0, n);                                 // h' becomes the state the next step reads
            if (u.cs != null) u.cs.copy(u.cs, n, 0, n);
            below = u.hs;
        }
        state = null;
        started = true;
        int h = rnn.hiddenSize();
        if (head != null) return head.forward(below, batch);
        INDArray out = Raw.empty(rnn.dtype(), batch, h);
        Raw.of(out).copy(below, 0, 0, batch * h);
        return out;
    }

    /** Forgets the state: the next step starts from zero. */
    public void reset() {
        state = null;
        started = false;
        if (paths != null) {
            for (FastPath p : paths) {
                p.u.hs.zero(0, p.u.stateSize());
                if (p.u.cs != null) p.u.cs.zero(0, p.u.stateSize());
            }
        }
    }

    /** Each layer's current state, bottom first (new arrays; empty before the first step). */
    public List<State> state() {
        if (!started) return List.of();
        if (paths == null) return copies(state);
        List<State> s = new ArrayList<>();
        for (FastPath p : paths) s.add(new State(p.u.stateAt(p.u.hs, 0), p.u.cs == null ? null : p.u.stateAt(p.u.cs, 0)));
        return s;
    }

    /** The token ids in {@code x [B]}, checked to be whole numbers below the vocabulary size D. */
    private int[] tokens(INDArray x) {
        Raw r = Raw.readable(x);
        int[] t = new int[batch];
        for (int b = 0; b < batch; b++) {
            double id = r.get(b);
            t[b] = (int) id;
            if (t[b] != id || t[b] < 0 || t[b] >= rnn.inputSize()) {
                throw new IllegalArgumentException("ids must be whole numbers in [0, " + rnn.inputSize() + ") but ids["
                        + b + "] is " + id);
            }
        }
        return t;
    }

    /** {@code b_ih} (+ {@code b_hh} where the cell folds it), into {@code reuse} when it has the right size. */
    private double[] foldedBias(FastPath p, double[] reuse) {
        int width = p.u.width;
        double[] b = reuse != null && reuse.length == width ? reuse : new double[width];
        p.w.bIhRaw.read(0, b, width);
        if (p.foldsRecurrentBias) {
            if (recurrentBias.length < width) recurrentBias = new double[width];
            p.w.bHhRaw.read(0, recurrentBias, width);
            for (int k = 0; k < width; k++) b[k] += recurrentBias[k];
        }
        return b;
    }

    /** {@code z = W_ih x + bias} into the step's gate rows: a column of {@code W_ih} per token, else one product. */
    private void project(FastPath p, int[] tokens, Raw x, double[] bias) {
        Unrolled u = p.u;
        int width = u.width;
        if (tokens != null) {
            int d = p.w.inputSize;
            double[] row = new double[width];
            for (int b = 0; b < batch; b++) {
                for (int r = 0; r < width; r++) row[r] = p.w.wIhRaw.get(r * d + tokens[b]) + bias[r];
                u.z.write((long) b * width, row, width);
            }
            return;
        }
        for (int b = 0; b < batch; b++) u.z.write((long) b * width, bias, width);
        Blas.addABtRows(batch, width, p.w.inputSize, x, 0, p.w.wIhRaw, 0, u.z, 0, true);   // z += x W_ihᵀ
    }

    /** The general path: one forward pass of one step through {@link Recurrent}, carrying the states. */
    private INDArray general(INDArray x, boolean ids, Linear head) {
        Recurrent.Output out = ids ? rnn.forwardIds(x.reshape(1, batch), null, state)
                : rnn.forward(x.reshape(1, batch, x.size(1)), null, state);
        state = copies(out.finalStates());
        started = true;
        INDArray h = out.outputs().reshape(batch, rnn.hiddenSize());
        return head == null ? h : head.forward(h);
    }

    private static List<State> copies(List<State> states) {
        List<State> c = new ArrayList<>();
        for (State s : states) c.add(s.copy());
        return c;
    }

    @Override
    public String toString() {
        return "RecurrentStream(B=" + batch + ", " + rnn + ")";
    }
}
