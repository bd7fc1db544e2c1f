package org.seqlab.nn;

/**
 * The fast path of a library cell: the same equations as the cell's own {@code forward} and {@code backward}
 * (see each cell's javadoc), run by {@link FastLayer} over a whole sequence held in an {@link Unrolled}
 * workspace. Per step: one matrix product through {@link Blas}, and one Java loop over the step's {@code [B, H]}
 * rows, copied into named scratch arrays. Each cell implements it in its own file, under its readable step; this
 * class holds what the three share. One instance per layer of a {@link Recurrent}, kept across passes with its
 * workspace.
 *
 * <p>Masks: a padded step (m = 0) keeps its state ({@link #keepPadded}) and passes its gradient through unchanged.
 */
abstract class FastPath {
    final CellWeights w;
    final Unrolled u;
    /** Whether {@code b_hh} is added once to the input projections (it is, except for the GRU). */
    final boolean foldsRecurrentBias;
    /** δh and δc carried from step t to step t − 1, {@code [B·H]}. */
    double[] carryH;
    double[] carryC;
    /** ‖δh_t‖² for each step of the last backward pass. */
    double[] squaredDh;

    FastPath(CellWeights w, int auxWidth, boolean cell, boolean separateRecurrentGradient, boolean foldsRecurrentBias) {
        this.w = w;
        this.u = new Unrolled(w.dtype, w.hiddenSize, w.gates * w.hiddenSize, auxWidth, cell, separateRecurrentGradient);
        this.foldsRecurrentBias = foldsRecurrentBias;
    }

    /** Allocates the step's scratch arrays for {@code batch} rows (called when the batch size changes). */
    void resize(int batch) {
        carryH = new double[batch * w.hiddenSize];
        carryC = new double[batch * w.hiddenSize];
    }

    /** Step {@code t}: reads {@code hs[t]} (and {@code cs[t]}), writes the gates into {@code z[t]} and the new state. */
    abstract void forward(int t);

    /**
     * Step {@code t} backward. On entry {@link #carryH} (and {@link #carryC}) hold δh_t (δc_t) from later steps.
     * Adds the output gradient {@code dOut[t]} where the step is real, writes {@code dz[t]}, {@code dhh[t]} and
     * {@code dh[t]}, adds to the bias sums, and leaves in {@link #carryH} ({@link #carryC}) the gradient for
     * step {@code t − 1}.
     */
    abstract void backward(int t, Raw dOut);

    /** The step record at {@code t}, as views of the workspace. */
    abstract RecurrentCell.Step step(int t);

    /** Records δh_t, the total gradient reaching step t's state ({@code dh[t]} and its squared norm). */
    final void recordDh(int t, double[] dh) {
        int n = u.stateSize();
        double sum = 0;
        for (int k = 0; k < n; k++) sum += dh[k] * dh[k];
        squaredDh[t] = sum;
        u.dh.write(u.hAt(t, 0), dh, n);
    }

    /** {@code into[t] += h_t W_hhᵀ}, with {@code h_t = hs[t]}: the one product per step forward. */
    final void addRecurrent(Raw into, long offset, int t) {
        Blas.addABt(u.batch, u.width, u.hidden, u.hs, u.hAt(t, 0), w.wHhRaw, 0, into, offset, true);
    }

    /** {@code carryH = passed + d[t] W_hh}: the one product per step backward (into {@code spare}, then read). */
    final void backRecurrent(Raw d, int t, double[] passed) {
        int n = u.stateSize();
        Blas.addAB(u.batch, u.hidden, u.width, d, u.zAt(t, 0), w.wHhRaw, 0, u.spare, 0, false);
        u.spare.read(0, carryH, n);
        for (int k = 0; k < n; k++) carryH[k] += passed[k];
    }

    /** {@code into[j] += Σ_b rows[b, j]} for {@code rows [B, width]}: a bias gradient. */
    static void accumulate(double[] rows, double[] into, int batch, int width) {
        for (int b = 0; b < batch; b++) {
            int base = b * width;
            for (int j = 0; j < width; j++) into[j] += rows[base + j];
        }
    }

    /** Copies the rows of padded sequences from step {@code t} to {@code t + 1}: a padded step keeps the state. */
    final void keepPadded(int t) {
        if (u.mask.full(t)) return;
        for (int b = 0; b < u.batch; b++) {
            if (u.mask.real(t, b)) continue;
            u.hs.copy(u.hs, u.hAt(t, b), u.hAt(t + 1, b), u.hidden);
            if (u.cs != null) u.cs.copy(u.cs, u.hAt(t, b), u.hAt(t + 1, b), u.hidden);
        }
    }
}
