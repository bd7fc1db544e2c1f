package org.seqlab.nn;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.Shapes;

/**
 * The four tensors every library cell has, in PyTorch's layout, and the products the readable steps share.
 *
 * <pre>
 *   W_ih [G·H, D]   W_hh [G·H, H]   b_ih [G·H]   b_hh [G·H]
 * </pre>
 */
final class CellWeights {
    final int inputSize;
    final int hiddenSize;
    final int gates;
    final DataType dtype;
    final Parameters parameters = new Parameters();
    final Parameter wIh;
    final Parameter wHh;
    final Parameter bIh;
    final Parameter bHh;
    final Raw wIhRaw;
    final Raw wHhRaw;
    final Raw wIhGradRaw;
    final Raw wHhGradRaw;
    final Raw bIhRaw;
    final Raw bHhRaw;

    /** PyTorch's default initialisation: every entry uniform in (-1/sqrt(H), 1/sqrt(H)). */
    CellWeights(int inputSize, int hiddenSize, int gates, int layer, DataType dtype, Random rng) {
        Shapes.require(inputSize > 0 && hiddenSize > 0, "inputSize and hiddenSize must be positive but are %d and %d",
                inputSize, hiddenSize);
        Shapes.require(dtype == DataType.FLOAT || dtype == DataType.DOUBLE,
                "dtype must be FLOAT (training) or DOUBLE (checks) but is %s", dtype);
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.gates = gates;
        this.dtype = dtype;
        long gh = (long) gates * hiddenSize;
        double k = 1.0 / Math.sqrt(hiddenSize);
        wIh = parameters.add("weight_ih_l" + layer, Init.uniform(rng, dtype, -k, k, gh, inputSize));
        wHh = parameters.add("weight_hh_l" + layer, Init.uniform(rng, dtype, -k, k, gh, hiddenSize));
        bIh = parameters.add("bias_ih_l" + layer, Init.uniform(rng, dtype, -k, k, gh));
        bHh = parameters.add("bias_hh_l" + layer, Init.uniform(rng, dtype, -k, k, gh));
        wIhRaw = Raw.of(wIh.value());
        wHhRaw = Raw.of(wHh.value());
        wIhGradRaw = Raw.of(wIh.grad());
        wHhGradRaw = Raw.of(wHh.grad());
        bIhRaw = Raw.of(bIh.value());
        bHhRaw = Raw.of(bHh.value());
    }

    /** {@code W_ih x + b_ih}: {@code x [B, D]} to a new {@code [B, G·H]}. */
    INDArray inputProjection(INDArray x) {
        INDArray xw = Nd4j.create(dtype, x.size(0), (long) gates * hiddenSize);
        Nd4j.gemm(x, wIh.value(), xw, false, true, 1.0, 0.0);
        return xw.addiRowVector(bIh.value());
    }

    /** {@code z += W_hh h + b_hh}, in place: {@code h [B, H]}, {@code z [B, G·H]}; returns {@code z}. */
    INDArray addRecurrentProjection(INDArray h, INDArray z) {
        Nd4j.gemm(h, wHh.value(), z, false, true, 1.0, 1.0);
        return z.addiRowVector(bHh.value());
    }

    /** Backward of {@link #inputProjection}: {@code δW_ih += δᵀ x}, {@code δb_ih += Σ_B δ}; returns {@code δx = δ W_ih}. */
    INDArray backInput(INDArray d, INDArray x) {
        Nd4j.gemm(d, x, wIh.grad(), true, false, 1.0, 1.0);
        bIh.grad().addi(d.sum(0));
        return d.mmul(wIh.value());
    }

    /** Backward of {@link #addRecurrentProjection}: {@code δW_hh += δᵀ h}, {@code δb_hh += Σ_B δ}; returns {@code δh = δ W_hh}. */
    INDArray backRecurrent(INDArray d, INDArray h) {
        Nd4j.gemm(d, h, wHh.grad(), true, false, 1.0, 1.0);
        bHh.grad().addi(d.sum(0));
        return d.mmul(wHh.value());
    }

    /** The zero state part {@code [B, H]}. */
    INDArray zeros(int batch) {
        return Nd4j.zeros(dtype, batch, hiddenSize);
    }

    void checkInput(INDArray x, String name) {
        Shapes.check(x, name, "B,D", -1, inputSize);
        checkType(x, name);
    }

    void checkState(State s, String name, long batch, boolean withCell) {
        Shapes.require(s != null, "%s must be a state [B, H=%d] but is null", name, hiddenSize);
        Shapes.check(s.h(), name + ".h", "B,H", batch, hiddenSize);
        checkType(s.h(), name + ".h");
        if (withCell) {
            Shapes.require(s.c() != null, "%s.c must be [B, H=%d] (the LSTM's cell state) but is null", name, hiddenSize);
            Shapes.check(s.c(), name + ".c", "B,H", batch, hiddenSize);
            checkType(s.c(), name + ".c");
        }
    }

    /** A backward step's arguments: {@code dNext} parts {@code [B, H]} and {@code x [B, D]}, in the cell's type. */
    void checkGradient(State dNext, INDArray x) {
        checkInput(x, "x_t");
        Shapes.require(dNext != null && dNext.h() != null, "dNext.h must be [B, H=%d] but is null", hiddenSize);
        Shapes.check(dNext.h(), "dNext.h", "B,H", x.size(0), hiddenSize);
        checkType(dNext.h(), "dNext.h");
        if (dNext.c() != null) {
            Shapes.check(dNext.c(), "dNext.c", "B,H", x.size(0), hiddenSize);
            checkType(dNext.c(), "dNext.c");
        }
    }

    void checkType(INDArray a, String name) {
        Shapes.sameType(a, name, dtype, "the cell");
    }
}
