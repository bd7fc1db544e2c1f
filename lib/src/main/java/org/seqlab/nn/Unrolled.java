package org.seqlab.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One layer unrolled over T steps: every step's values in a few big arrays, allocated once per forward pass
 * and indexed by step, so the time loop allocates nothing.
 *
 * <pre>
 *   z   [T, B, G·H]   input projections W_ih x_t + b_ih (+ b_hh), then each step's gate values in place
 *   aux [T, B, ·]     what a cell keeps besides its gates (LSTM: tanh(c_t); GRU: W_hh h + b_hh)
 *   hs  [T+1, B, H]   hs[0] = initial state, hs[t+1] = state after step t
 *   cs  [T+1, B, H]   the same for the LSTM's cell state
 * </pre>
 *
 * <p>Backward adds {@code dz} (dL/d pre-activations, input side), {@code dhh} (recurrent side; the same array
 * except for the GRU) and {@code dhAll} (dL/dh_t).
 */
final class Unrolled {
    final int steps;
    final int batch;
    final int hidden;
    final int width;
    final Mask mask;
    final INDArray z;
    final Flat zf;
    final INDArray aux;
    final Flat auxf;
    final INDArray hs;
    final Flat hsf;
    final INDArray cs;
    final Flat csf;
    /** Whether σ and tanh are exact (float64) or fast (float32); see {@link Act}. */
    final boolean exact;
    /** Java-side copies of one step's rows: gates {@code [B, G·H]}, a second such block, and four {@code [B, H]}. */
    final double[] gates;
    final double[] gates2;
    final double[] v1;
    final double[] v2;
    final double[] v3;
    final double[] v4;
    /** The GRU's b_hh repeated for every row of a step, {@code [B, G·H]}, or {@code null}. */
    double[] recurrentBias;
    /** Σ over steps and rows of dz (dhh): the bias gradients. */
    double[] dbIh;
    double[] dbHh;
    INDArray dz;
    Flat dzf;
    INDArray dhh;
    Flat dhhf;
    INDArray dhAll;
    Flat dhAllf;

    Unrolled(INDArray z, int steps, int batch, int hidden, int auxWidth, boolean cell, Mask mask) {
        this.steps = steps;
        this.batch = batch;
        this.hidden = hidden;
        this.width = (int) z.size(2);
        this.mask = mask;
        this.z = z;
        this.zf = Flat.of(z);
        DataType dtype = z.dataType();
        this.aux = auxWidth == 0 ? null : Flat.empty(dtype, steps, batch, auxWidth);
        this.auxf = aux == null ? null : Flat.of(aux);
        this.hs = Flat.empty(dtype, steps + 1, batch, hidden);
        this.hsf = Flat.of(hs);
        this.cs = cell ? Flat.empty(dtype, steps + 1, batch, hidden) : null;
        this.csf = cell ? Flat.of(cs) : null;
        this.exact = dtype == DataType.DOUBLE;
        this.gates = new double[batch * width];
        this.gates2 = new double[batch * width];
        this.v1 = new double[batch * hidden];
        this.v2 = new double[batch * hidden];
        this.v3 = new double[batch * hidden];
        this.v4 = new double[batch * hidden];
    }

    /** How many elements one step's state has: {@code B·H}. */
    int stateSize() {
        return batch * hidden;
    }

    /** Allocates the backward buffers; {@code separateRecurrent} when dL/d(W_hh h) differs from dL/d(W_ih x). */
    void prepareBackward(boolean separateRecurrent) {
        DataType dtype = z.dataType();
        dz = Flat.empty(dtype, steps, batch, width);
        dzf = Flat.of(dz);
        dhh = separateRecurrent ? Flat.empty(dtype, steps, batch, width) : dz;
        dhhf = separateRecurrent ? Flat.of(dhh) : dzf;
        dhAll = Flat.empty(dtype, steps, batch, hidden);
        dbIh = new double[width];
        dbHh = separateRecurrent ? new double[width] : dbIh;
        dhAllf = Flat.of(dhAll);
    }

    /** Offset of {@code z[t, b, 0]}. */
    long zAt(int t, int b) {
        return ((long) t * batch + b) * width;
    }

    /** Offset of {@code hs[t, b, 0]} (also of {@code cs}, {@code dhAll}, and LSTM {@code aux}). */
    long hAt(int t, int b) {
        return ((long) t * batch + b) * hidden;
    }

    /** The top of {@code hs} ({@code hs[1..T]}) as a new {@code [T, B, H]}, zero at padded steps. */
    INDArray outputs() {
        INDArray out = Flat.empty(hs.dataType(), steps, batch, hidden);
        Flat of = Flat.of(out);
        double[] rows = new double[stateSize()];
        for (int t = 0; t < steps; t++) {
            hsf.read(hAt(t + 1, 0), rows, rows.length);
            if (!mask.full(t)) {
                for (int b = 0; b < batch; b++) {
                    if (!mask.real(t, b)) java.util.Arrays.fill(rows, b * hidden, (b + 1) * hidden, 0.0);
                }
            }
            of.write(hAt(t, 0), rows, rows.length);
        }
        return out;
    }

    /** A new {@code [B, H]} array holding {@code v}. */
    INDArray state(double[] v) {
        INDArray a = Flat.empty(z.dataType(), batch, hidden);
        Flat.of(a).write(0, v, v.length);
        return a;
    }
}
