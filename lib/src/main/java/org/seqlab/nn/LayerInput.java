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

    private LayerInput(INDArray x, int[] ids, long steps, long batch) {
        this.x = x;
        this.ids = ids;
        this.steps = steps;
        this.batch = batch;
    }

    static LayerInput dense(INDArray x, int inputSize, DataType dtype) {
        Shapes.check(x, "x", "T,B,D", -1, -1, inputSize);
        Shapes.sameType(x, "x", dtype, "the recurrent layer");
        INDArray c = Flat.contiguous(x);
        Flat.of(c).checkFinite("x");
        return new LayerInput(c, null, x.size(0), x.size(1));
    }

    static LayerInput ids(INDArray ids, int vocabulary) {
        Shapes.check(ids, "ids", "T,B", -1, -1);
        double[] raw = java.util.Arrays.copyOf(Flat.contiguous(ids).data().asDouble(), (int) ids.length());
        int[] v = new int[raw.length];
        for (int k = 0; k < raw.length; k++) {
            v[k] = (int) raw[k];
            if (v[k] != raw[k] || v[k] < 0 || v[k] >= vocabulary) {
                throw new IllegalArgumentException("ids must be whole numbers in [0, " + vocabulary + ") but ids["
                        + k / ids.size(1) + ", " + k % ids.size(1) + "] is " + raw[k]);
            }
        }
        return new LayerInput(null, v, ids.size(0), ids.size(1));
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
     * {@code W_ih x + bias} for every step: a new {@code [T, B, G·H]}. For dense x one product; for ids each row is
     * the id's column of {@code W_ih} plus the bias, copied.
     */
    INDArray project(CellWeights w, double[] bias) {
        int n = (int) (steps * batch);
        int gh = w.gates * w.hiddenSize;
        int d = w.inputSize;
        INDArray z = Flat.empty(w.dtype, steps, batch, gh);
        Flat zf = Flat.of(z);
        if (isIds()) {
            double[] wih = w.wIhFlat.toArray();
            double[][] columns = new double[d][gh];
            for (int r = 0; r < gh; r++) {
                for (int c = 0; c < d; c++) columns[c][r] = wih[r * d + c] + bias[r];
            }
            for (int k = 0; k < n; k++) zf.write((long) k * gh, columns[ids[k]], gh);
        } else {
            for (int k = 0; k < n; k++) zf.write((long) k * gh, bias, gh);
            Flat.gemm(false, true, n, gh, d, 1.0, dense(), 0, d, w.wIhFlat, 0, d, 1.0, zf, 0, gh);
        }
        return z;
    }

    /** Adds {@code dz}'s share to {@code W_ih}'s gradient; returns {@code dx [T, B, D]}, {@code null} for ids. */
    INDArray backward(CellWeights w, Unrolled u) {
        int n = (int) (steps * batch);
        int gh = w.gates * w.hiddenSize;
        int d = w.inputSize;
        if (isIds()) {
            double[] columns = new double[d * gh];
            double[] row = new double[gh];
            for (int k = 0; k < n; k++) {
                u.dzf.read((long) k * gh, row, gh);
                int to = ids[k] * gh;
                for (int j = 0; j < gh; j++) columns[to + j] += row[j];
            }
            double[] grad = w.wIhGradFlat.toArray();
            for (int r = 0; r < gh; r++) {
                for (int c = 0; c < d; c++) grad[r * d + c] += columns[c * gh + r];
            }
            w.wIhGradFlat.write(0, grad, grad.length);
            return null;
        }
        Flat.gemm(true, false, gh, d, n, 1.0, u.dzf, 0, gh, dense(), 0, d, 1.0, w.wIhGradFlat, 0, d);
        INDArray dx = Flat.empty(w.dtype, steps, batch, d);
        Flat.gemm(false, false, n, d, gh, 1.0, u.dzf, 0, gh, w.wIhFlat, 0, d, 0.0, Flat.of(dx), 0, d);
        return dx;
    }

    private Flat dense() {
        if (denseFlat == null) denseFlat = Flat.of(x);
        return denseFlat;
    }

    private Flat denseFlat;

    /** {@code out[ids[n]] += rows[n]} for a new {@code out [count, width]}: the backward of a row gather. */
    static INDArray scatterAdd(INDArray rows, int[] ids, int count) {
        int g = (int) rows.size(1);
        if (rows.dataType() == DataType.FLOAT) {
            float[] src = rows.dup('c').data().asFloat();
            float[] acc = new float[count * g];
            for (int n = 0; n < ids.length; n++) {
                int to = ids[n] * g;
                int from = n * g;
                for (int j = 0; j < g; j++) acc[to + j] += src[from + j];
            }
            return Nd4j.create(acc, new long[] {count, g}, 'c');
        }
        double[] src = rows.dup('c').data().asDouble();
        double[] acc = new double[count * g];
        for (int n = 0; n < ids.length; n++) {
            int to = ids[n] * g;
            int from = n * g;
            for (int j = 0; j < g; j++) acc[to + j] += src[from + j];
        }
        return Nd4j.create(acc, new long[] {count, g}, 'c');
    }
}
