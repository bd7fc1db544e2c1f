package org.seqlab.nn;

/**
 * The fast path of a library cell: the same equations as the cell's own {@code forward} and {@code backward}
 * (see each cell's javadoc), written as loops over one step's {@code [B, H]} rows copied into Java arrays, with
 * the one matrix product per step through BLAS, for {@link Recurrent}'s time loop over {@link Unrolled}
 * buffers. Padded sequences (mask 0) keep their state and pass their gradient through unchanged. Each cell
 * implements it in its own file, under its readable step; this class holds what the three share.
 */
abstract class FastPath {
    /** The cell's weights, which the unrolled loop reads and whose gradients it adds to. */
    abstract CellWeights weights();

    /** Width of {@link Unrolled#aux} per row. */
    abstract int auxWidth(int hidden);

    /** Whether {@code b_hh} is added once to the input projections (it is, except for the GRU). */
    abstract boolean foldsRecurrentBias();

    /** Whether dL/d(W_hh h) differs from dL/d(W_ih x) (the GRU's reset gate). */
    abstract boolean separateRecurrentGradient();

    /** Step {@code t}: reads {@code hs[t]} (and {@code cs[t]}), writes gates into {@code z[t]} and the new state. */
    abstract void forward(Unrolled u, int t);

    /**
     * Step {@code t} backward. On entry {@code dh [B·H]} holds dL/dh_t from later steps; {@code dc} likewise
     * for the LSTM. Adds the output gradient {@code dOut[t]} (where real), writes {@code dz[t]}, {@code dhh[t]},
     * {@code dhAll[t]}, and leaves in {@code dh} (and {@code dc}) the gradient for step {@code t − 1}.
     * {@code spare} is a {@code [B, H]} buffer for the product.
     */
    abstract void backward(Unrolled u, int t, Flat dOut, double[] dh, double[] dc, Flat spare);

    /** The step record at {@code t}, as views of the buffers. */
    abstract RecurrentCell.Step step(Unrolled u, int t);

    /** into[t] += hs[t] W_hhᵀ (the one product per step forward). */
    static void addRecurrent(Unrolled u, CellWeights w, Flat into, int t) {
        Flat.gemm(false, true, u.batch, u.width, u.hidden, 1.0, u.hsf, u.hAt(t, 0), u.hidden, w.wHhFlat, 0, u.hidden,
                1.0, into, u.zAt(t, 0), u.width);
    }

    /** dhPrev += d[t] W_hh (the one product per step backward). */
    static void backRecurrent(Unrolled u, CellWeights w, Flat d, int t, Flat dhPrev) {
        Flat.gemm(false, false, u.batch, u.hidden, u.width, 1.0, d, u.zAt(t, 0), u.width, w.wHhFlat, 0, u.hidden,
                1.0, dhPrev, 0, u.hidden);
    }

    /** {@code into[j] += Σ_b rows[b, j]} for {@code rows [B, width]}: a bias gradient. */
    static void accumulate(double[] rows, double[] into, int batch, int width) {
        for (int b = 0; b < batch; b++) {
            int base = b * width;
            for (int j = 0; j < width; j++) into[j] += rows[base + j];
        }
    }

    /** Copies the rows of padded sequences from step {@code t} to {@code t + 1}: a padded step keeps the state. */
    static void keepPadded(Unrolled u, int t, boolean cell) {
        if (u.mask.full(t)) return;
        for (int b = 0; b < u.batch; b++) {
            if (u.mask.real(t, b)) continue;
            long from = u.hAt(t, b);
            long to = u.hAt(t + 1, b);
            for (int j = 0; j < u.hidden; j++) {
                u.hsf.set(to + j, u.hsf.get(from + j));
                if (cell) u.csf.set(to + j, u.csf.get(from + j));
            }
        }
    }
}
