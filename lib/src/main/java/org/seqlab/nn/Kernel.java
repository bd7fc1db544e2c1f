package org.seqlab.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A cell's step over {@link Unrolled} buffers: the same equations as the cell's own {@code forward} and
 * {@code backward} (see each cell's javadoc), written as one loop over {@code [B, H]} with products through
 * BLAS, for {@link Recurrent}'s time loop. Padded sequences (mask 0) keep their state and pass their
 * gradient through unchanged.
 */
abstract class Kernel {
    /** Width of {@link Unrolled#aux} per row. */
    abstract int auxWidth(int hidden);

    /** Whether {@code b_hh} is added once to the input projections (it is, except for the GRU's n block). */
    abstract boolean foldsRecurrentBias();

    /** Whether dL/d(W_hh h) differs from dL/d(W_ih x) (the GRU's reset gate). */
    abstract boolean separateRecurrentGradient();

    /** Step {@code t}: reads {@code hs[t]} (and {@code cs[t]}), writes gates into {@code z[t]} and the new state. */
    abstract void forward(Unrolled u, CellWeights w, int t);

    /**
     * Step {@code t} backward. {@code dh} holds dL/dh_{t+1}'s part from later steps; {@code dc} likewise for the
     * LSTM (updated in place to dL/dc_t). Writes {@code dz[t]}, {@code dhh[t]}, {@code dhAll[t]} and
     * dL/dh_t's part from earlier steps into {@code dhPrev}.
     */
    abstract void backward(Unrolled u, CellWeights w, int t, Flat dOut, Flat dh, Flat dc, Flat dhPrev);

    /** The step record at {@code t}, as views of the buffers. */
    abstract RecurrentCell.Step step(Unrolled u, int t);

    /** z[t] += hs[t] W_hhᵀ (the one product per step). */
    static void addRecurrent(Unrolled u, CellWeights w, Flat into, int t) {
        Flat.gemm(false, true, u.batch, u.width, u.hidden, 1.0, u.hsf, u.hAt(t, 0), u.hidden, w.wHhFlat, 0, u.hidden,
                1.0, into, u.zAt(t, 0), u.width);
    }

    /** dhPrev += d[t] W_hh. */
    static void backRecurrent(Unrolled u, CellWeights w, Flat d, int t, Flat dhPrev) {
        Flat.gemm(false, false, u.batch, u.hidden, u.width, 1.0, d, u.zAt(t, 0), u.width, w.wHhFlat, 0, u.hidden,
                1.0, dhPrev, 0, u.hidden);
    }

    static void sigmoid(INDArray a) {
        Nd4j.getExecutioner().exec(new Sigmoid(a));
    }

    static void tanh(INDArray a, INDArray out) {
        Nd4j.getExecutioner().exec(new Tanh(a, out));
    }

    /** Copies row {@code b} of the state at {@code t} to {@code t + 1}: a padded step keeps the state. */
    static void keep(Flat s, Unrolled u, int t, int b) {
        long from = u.hAt(t, b);
        long to = u.hAt(t + 1, b);
        for (int j = 0; j < u.hidden; j++) s.set(to + j, s.get(from + j));
    }
}
