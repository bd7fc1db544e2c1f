package org.seqlab.nn;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.Shapes;

/**
 * An affine map, as PyTorch's {@code nn.Linear}: {@code y = x Wᵀ + b}, applied to the last dimension.
 *
 * <pre>
 *   x [N, in] or [T, B, in]     W = weight [out, in]     b = bias [out]     y [N, out] or [T, B, out]
 *   backward:  dW += dyᵀ x     db += Σ_n dy     dx = dy W
 * </pre>
 *
 * <p>Initialised as PyTorch does: W and b uniform in (−1/√in, 1/√in), from the {@link Random} given.
 */
public final class Linear {
    private final Parameters parameters = new Parameters();
    private final Parameter weight;
    private final Parameter bias;
    private final Raw weightRaw;
    private final Raw biasRaw;
    private final double[] biasRow;
    private final int in;
    private final int out;

    private Linear(int in, int out, Random rng, DataType dtype) {
        Shapes.require(in > 0 && out > 0, "in and out must be positive but are %d and %d", in, out);
        this.in = in;
        this.out = out;
        double k = 1.0 / Math.sqrt(in);
        weight = parameters.add("weight", Init.uniform(rng, dtype, -k, k, out, in));
        bias = parameters.add("bias", Init.uniform(rng, dtype, -k, k, out));
        weightRaw = Raw.of(weight.value());
        biasRaw = Raw.of(bias.value());
        biasRow = new double[out];
    }

    /** A float32 layer from {@code in} to {@code out} features. */
    public static Linear create(int in, int out, Random rng) {
        return create(in, out, rng, DataType.FLOAT);
    }

    /** A layer in the given data type ({@code DOUBLE} for checks). */
    public static Linear create(int in, int out, Random rng, DataType dtype) {
        return new Linear(in, out, rng, dtype);
    }

    /** {@code weight [out, in]} and {@code bias [out]}. */
    public Parameters parameters() {
        return parameters;
    }

    /** {@code y = x Wᵀ + b} for {@code x [N, in]} or {@code [T, B, in]}. */
    public INDArray forward(INDArray x) {
        INDArray flat = Raw.contiguous(flatten(x, "x"));
        int n = (int) flat.size(0);
        INDArray y = Raw.empty(weight.value().dataType(), leading(x, out));
        Raw yr = Raw.of(y);
        yr.write(0, biasRaw.toArray(), out);                              // every row of y starts as b
        for (int k = 1; k < n; k++) yr.copy(yr, 0, (long) k * out, out);
        Blas.addABtRows(n, out, in, Raw.of(flat), 0, weightRaw, 0, yr, 0, true);   // y += x Wᵀ
        return y;
    }

    /** {@code y = x Wᵀ + b} for the {@code rows} rows of {@code x} held in workspace memory: a new {@code [rows, out]}. */
    INDArray forward(Raw x, int rows) {
        INDArray y = Raw.empty(weight.value().dataType(), rows, out);
        Raw yr = Raw.of(y);
        biasRaw.read(0, biasRow, out);
        for (int k = 0; k < rows; k++) yr.write((long) k * out, biasRow, out);
        Blas.addABtRows(rows, out, in, x, 0, weightRaw, 0, yr, 0, true);          // y += x Wᵀ
        return y;
    }

    /**
     * Adds {@code dW = dyᵀ x} and {@code db = Σ dy} to the gradients and returns {@code dx = dy W}.
     *
     * @param x the input given to {@link #forward}
     * @param dy ∂L/∂y, the shape of {@code forward(x)}
     */
    public INDArray backward(INDArray x, INDArray dy) {
        INDArray flatX = flatten(x, "x");
        Shapes.check(dy, "dy", x.rank() == 3 ? "T,B,out" : "N,out",
                x.rank() == 3 ? new long[] {x.size(0), x.size(1), out} : new long[] {x.size(0), out});
        Shapes.sameType(dy, "dy", weight.value().dataType(), "the linear layer");
        int n = (int) flatX.size(0);
        Raw dyr = Raw.of(Raw.contiguous(dy));
        Blas.addAtB(out, in, n, dyr, 0, Raw.of(Raw.contiguous(flatX)), 0, Raw.of(weight.grad()), 0, true);   // δW += δyᵀ x
        double[] db = new double[out];
        Blas.addColumnSums(dyr, n, out, db);                                // δb += Σ_n δy
        Raw.of(bias.grad()).add(db);
        INDArray dx = Raw.empty(weight.value().dataType(), leading(x, in));
        Blas.addAB(n, in, out, dyr, 0, weightRaw, 0, Raw.of(dx), 0, false);   // δx = δy W
        return dx;
    }

    /**
     * {@code x}'s shape with its last dimension set to {@code last}: results are made in their final shape, not
     * reshaped from [N, ·], since a reshaped array is a view, which a training step could not free when it ends
     * ({@code INDArray.close} refuses views).
     */
    private static long[] leading(INDArray x, long last) {
        long[] shape = x.shape().clone();
        shape[shape.length - 1] = last;
        return shape;
    }

    private INDArray flatten(INDArray x, String name) {
        Shapes.require(x != null && (x.rank() == 2 || x.rank() == 3), "%s must be [N, in=%d] or [T, B, in=%d] but is %s",
                name, in, in, x == null ? "null" : java.util.Arrays.toString(x.shape()));
        if (x.rank() == 2) Shapes.check(x, name, "N,in", -1, in);
        else Shapes.check(x, name, "T,B,in", -1, -1, in);
        Shapes.sameType(x, name, weight.value().dataType(), "the linear layer");
        return x.rank() == 3 ? x.reshape(x.size(0) * x.size(1), in) : x;
    }

    /** The number of input features. */
    public int in() {
        return in;
    }

    /** The number of output features. */
    public int out() {
        return out;
    }

    @Override
    public String toString() {
        return "Linear(" + in + " -> " + out + ")";
    }
}
