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
        Shapes.require(x.dataType() == dtype, "x must have data type %s (the layer's) but has %s", dtype, x.dataType());
        Shapes.finite(x, "x");
        return new LayerInput(x, null, x.size(0), x.size(1));
    }

    static LayerInput ids(INDArray ids, int vocabulary) {
        Shapes.check(ids, "ids", "T,B", -1, -1);
        double[] raw = ids.dup('c').reshape(ids.length()).toDoubleVector();
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

    boolean isIds() {
        return ids != null;
    }

    /** {@code W_ih x + b_ih} for every step: {@code [T, B, G·H]}. */
    INDArray project(CellWeights w) {
        long gh = (long) w.gates * w.hiddenSize;
        INDArray xw;
        if (isIds()) {
            INDArray columns = w.wIh.value().transpose().dup('c');
            xw = Nd4j.pullRows(columns, 1, ids).addiRowVector(w.bIh.value());
        } else {
            xw = w.projectInput(x.reshape(steps * batch, x.size(2)));
        }
        return xw.reshape(steps, batch, gh);
    }

    /** Adds {@code dxw}'s share to {@code W_ih} and {@code b_ih}; returns {@code dx [T, B, D]}, {@code null} for ids. */
    INDArray backward(CellWeights w, INDArray dxw) {
        long gh = (long) w.gates * w.hiddenSize;
        INDArray flat = dxw.reshape(steps * batch, gh);
        if (!isIds()) {
            return w.backInput(flat, x.reshape(steps * batch, x.size(2))).reshape(steps, batch, x.size(2));
        }
        w.bIh.grad().addi(flat.sum(0));
        INDArray columns = scatterAdd(flat, ids, w.inputSize);
        w.wIh.grad().addi(columns.transpose());
        return null;
    }

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
