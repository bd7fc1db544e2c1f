package org.seqlab.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One layer unrolled over T steps: every step's values in a few big arrays indexed by step, so the time loop
 * allocates nothing. It is a workspace: the arrays are kept and reused by the next pass of the same T and B
 * (allocating them afresh cost about a quarter of a training step), which is why a {@link Recurrent.Cache} is
 * valid only until the next forward pass.
 *
 * <pre>
 *   z    [T, B, G·H]   the input projections W_ih x_t + b_ih (+ b_hh), then each step's gates in place
 *   aux  [T, B, A]     what a cell keeps besides its gates (LSTM: tanh(c'); GRU: W_hh h + b_hh)
 *   hs   [T+1, B, H]   hs[0] = h_0, hs[t+1] = the state after step t (kept as it was at padded steps)
 *   cs   [T+1, B, H]   the same for the LSTM's cell state
 *   out  [T, B, H]     the layer's outputs, zero at padded steps (the next layer's input)
 *   dz   [T, B, G·H]   δ of the gates' pre-activations, input side
 *   dhh  [T, B, G·H]   δ of the recurrent side W_hh h + b_hh (the same array as dz except for the GRU)
 *   dh   [T, B, H]     δh_t, the total gradient reaching each state
 *   dx   [T, B, D]     δ of the layer's input (for the layer below)
 *   spare [B, H]       the target of the one product per backward step
 * </pre>
 */
final class Unrolled {
    final DataType dtype;
    final int hidden;
    final int width;
    final int auxWidth;
    final boolean cell;
    final boolean separateRecurrent;
    int steps = -1;
    int batch = -1;
    Mask mask;
    Raw z;
    Raw aux;
    Raw hs;
    Raw cs;
    Raw out;
    Raw dz;
    Raw dhh;
    Raw dh;
    Raw dx;
    Raw spare;
    /** Σ over steps and rows of dz (dhh): the bias gradients. */
    double[] dbIh;
    double[] dbHh;

    Unrolled(DataType dtype, int hidden, int width, int auxWidth, boolean cell, boolean separateRecurrent) {
        this.dtype = dtype;
        this.hidden = hidden;
        this.width = width;
        this.auxWidth = auxWidth;
        this.cell = cell;
        this.separateRecurrent = separateRecurrent;
    }

    /** Makes the arrays fit {@code steps} × {@code batch}, keeping them when they already do. */
    void fit(int steps, int batch, int inputSize) {
        if (steps == this.steps && batch == this.batch && (dx == null || dx.length() == steps * batch * inputSize)) {
            return;
        }
        this.steps = steps;
        this.batch = batch;
        z = buffer(steps, batch, width);
        aux = auxWidth == 0 ? null : buffer(steps, batch, auxWidth);
        hs = buffer(steps + 1, batch, hidden);
        cs = cell ? buffer(steps + 1, batch, hidden) : null;
        out = buffer(steps, batch, hidden);
        dz = buffer(steps, batch, width);
        dhh = separateRecurrent ? buffer(steps, batch, width) : dz;
        dh = buffer(steps, batch, hidden);
        dx = buffer(steps, batch, inputSize);
        spare = buffer(batch, hidden);
        dbIh = new double[width];
        dbHh = separateRecurrent ? new double[width] : dbIh;
    }

    private Raw buffer(long... shape) {
        return Raw.of(Raw.empty(dtype, shape));
    }

    /** Whether σ and tanh are exact (float64) or fast (float32); see {@link Act}. */
    boolean exact() {
        return dtype == DataType.DOUBLE;
    }

    /** How many elements one step's state has: {@code B·H}. */
    int stateSize() {
        return batch * hidden;
    }

    /** Offset of row {@code b} of step {@code t} in a {@code [T, B, G·H]} array. */
    long zAt(int t, int b) {
        return ((long) t * batch + b) * width;
    }

    /** Offset of row {@code b} of step {@code t} in a {@code [T, B, H]} array ({@code hs}, {@code out}, {@code dh}). */
    long hAt(int t, int b) {
        return ((long) t * batch + b) * hidden;
    }

    /** Offset of row {@code b} of step {@code t} in {@code aux}. */
    long auxAt(int t, int b) {
        return ((long) t * batch + b) * auxWidth;
    }

    /** Writes {@code out[t] = m_t ⊙ hs[t+1]}: the state where the step is real, zero where it is padding. */
    void writeOutput(int t) {
        int n = stateSize();
        out.copy(hs, hAt(t + 1, 0), hAt(t, 0), n);
        if (mask.full(t)) return;
        for (int b = 0; b < batch; b++) {
            if (!mask.real(t, b)) out.zero(hAt(t, b), hidden);
        }
    }

    /** A new {@code [B, H]} array holding {@code v}. */
    INDArray state(double[] v) {
        INDArray a = Raw.empty(dtype, batch, hidden);
        Raw.of(a).write(0, v, v.length);
        return a;
    }

    /** A new {@code [B, H]} array holding {@code hs[t]} (or {@code cs[t]}). */
    INDArray stateAt(Raw states, int t) {
        INDArray a = Raw.empty(dtype, batch, hidden);
        Raw.of(a).copy(states, hAt(t, 0), 0, stateSize());
        return a;
    }
}
