package org.seqlab.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.Shapes;

/**
 * A layer's input over all steps: dense vectors {@code x [T, B, D]} or token ids {@code [T, B]} standing for
 * one-hot vectors. For ids the input projection {@code W_ih x + b_ih} is a gather of columns of {@code W_ih}
 * instead of a product with a mostly-zero matrix, and its backward a scatter-add.
 */
final class LayerInput {
    final INDArray x;
    final int[] ids;
    final long steps;
    final long batch;
    /** Whether the input came from the caller, who then gets δx as a new array (else it goes to the layer below). */
    private final boolean external;
    private Raw raw;

    private LayerInput(INDArray x, int[] ids, long steps, long batch, boolean external) {
        this.x = x;
        this.ids = ids;
        this.steps = steps;
        this.batch = batch;
        this.external = external;
    }

    /** The caller's dense input, checked: shape, data type, finite values. */
    static LayerInput dense(INDArray x, int inputSize, DataType dtype) {
        Shapes.check(x, "x", "T,B,D", -1, -1, inputSize);
        Shapes.sameType(x, "x", dtype, "the recurrent layer");
        INDArray c = Raw.contiguous(x);
        Raw.checkFinite(c, "x");
        return new LayerInput(c, null, x.size(0), x.size(1), true);
    }

    /** The outputs of the layer below, {@code [T, B, H]} (a dense workspace array). */
    static LayerInput below(INDArray outputs) {
        return new LayerInput(outputs, null, outputs.size(0), outputs.size(1), false);
    }

    /** The caller's token ids {@code [T, B]}, checked to be whole numbers below {@code vocabulary}. */
    static LayerInput ids(INDArray ids, int vocabulary) {
        Shapes.check(ids, "ids", "T,B", -1, -1);
        int n = (int) ids.length();
        int[] v = new int[n];
        if (n > 0) {
            Raw r = Raw.readable(ids);
            long b = ids.size(1);
            for (int k = 0; k < n; k++) {
                double id = r.get(k);
                v[k] = (int) id;
                if (v[k] != id || v[k] < 0 || v[k] >= vocabulary) {
                    throw new IllegalArgumentException("ids must be whole numbers in [0, " + vocabulary + ") but ids["
                            + k / b + ", " + k % b + "] is " + id);
                }
            }
        }
        return new LayerInput(null, v, ids.size(0), ids.size(1), true);
    }

    /** The inputs as vectors {@code [T, B, D]}: {@code x} itself, or the one-hot vectors the ids stand for. */
    INDArray dense(int inputSize, DataType dtype) {
        if (!isIds()) return x;
        INDArray oneHot = Nd4j.zeros(dtype, steps, batch, inputSize);
        for (int k = 0; k < ids.length; k++) oneHot.putScalar(new long[] {k / batch, k % batch, ids[k]}, 1.0);
        return oneHot;
    }

    boolean isIds() {
        return ids != null;
    }

    /**
     * {@code z_t = W_ih x_t + bias} for every step, into {@code z [T, B, G·H]}: for dense x one product, for ids
     * each row is the id's column of {@code W_ih} plus the bias.
     */
    void project(CellWeights w, double[] bias, Raw z) {
        int n = (int) (steps * batch);
        int width = w.gates * w.hiddenSize;
        int d = w.inputSize;
        if (isIds()) {
            double[] wih = w.wIhRaw.toArray();
            double[][] columns = new double[d][width];
            for (int r = 0; r < width; r++) {
                for (int c = 0; c < d; c++) columns[c][r] = wih[r * d + c] + bias[r];
            }
            for (int k = 0; k < n; k++) z.write((long) k * width, columns[ids[k]], width);
        } else {
            for (int k = 0; k < n; k++) z.write((long) k * width, bias, width);
            Blas.addABtRows(n, width, d, raw(), 0, w.wIhRaw, 0, z, 0, true);        // z += x W_ihᵀ
        }
    }

    /**
     * Adds the input side's share to {@code W_ih}'s gradient, {@code δW_ih += Σ_t δz_tᵀ x_t}, and returns
     * {@code δx = δz W_ih [T, B, D]} (a new array for the caller's input, the workspace's for the layer below),
     * or {@code null} for ids.
     */
    INDArray backward(CellWeights w, Unrolled u) {
        int n = (int) (steps * batch);
        int width = w.gates * w.hiddenSize;
        int d = w.inputSize;
        if (isIds()) {
            double[] columns = new double[d * width];
            double[] row = new double[width];
            for (int k = 0; k < n; k++) {
                u.dz.read((long) k * width, row, width);
                int to = ids[k] * width;
                for (int j = 0; j < width; j++) columns[to + j] += row[j];
            }
            double[] grad = w.wIhGradRaw.toArray();
            for (int r = 0; r < width; r++) {
                for (int c = 0; c < d; c++) grad[r * d + c] += columns[c * width + r];
            }
            w.wIhGradRaw.write(0, grad, grad.length);
            return null;
        }
        Blas.addAtB(width, d, n, u.dz, 0, raw(), 0, w.wIhGradRaw, 0, true);     // δW_ih += δzᵀ x
        Raw dx = external ? Raw.of(Raw.empty(w.dtype, steps, batch, d)) : u.dx;
        Blas.addAB(n, d, width, u.dz, 0, w.wIhRaw, 0, dx, 0, false);             // δx = δz W_ih
        return dx.array();
    }

    private Raw raw() {
        if (raw == null) raw = Raw.of(x);
        return raw;
    }

    /** {@code out[ids[n]] += rows[n]} for a new {@code out [count, width]}: the backward of a row gather. */
    static INDArray scatterAdd(INDArray rows, int[] ids, int count) {
        int g = (int) rows.size(1);
        Raw src = Raw.readable(rows);
        double[] acc = new double[count * g];
        double[] row = new double[g];
        for (int n = 0; n < ids.length; n++) {
            src.read((long) n * g, row, g);
            int to = ids[n] * g;
            for (int j = 0; j < g; j++) acc[to + j] += row[j];
        }
        INDArray out = Raw.empty(src.array().dataType(), count, g);
        Raw.of(out).write(0, acc, acc.length);
        return out;
    }
}
