package org.seqlab.nn;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
    private final int in;
    private final int out;

    private Linear(int in, int out, Random rng, DataType dtype) {
        Shapes.require(in > 0 && out > 0, "in and out must be positive but are %d and %d", in, out);
        this.in = in;
        this.out = out;
        double k = 1.0 / Math.sqrt(in);
        weight = parameters.add("weight", Init.uniform(rng, dtype, -k, k, out, in));
        bias = parameters.add("bias", Init.uniform(rng, dtype, -k, k, out));
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
        INDArray flat = flatten(x, "x");
        INDArray y = Nd4j.create(weight.value().dataType(), flat.size(0), out);
        Nd4j.gemm(flat, weight.value(), y, false, true, 1.0, 0.0);
        y.addiRowVector(bias.value());
        return x.rank() == 3 ? y.reshape(x.size(0), x.size(1), out) : y;
    }

    /**
     * Adds {@code dW = dyᵀ x} and {@code db = Σ dy} to the gradients and returns {@code dx = dy W}.
     *
     * @param x the input given to {@link #forward}
     * @param dy dL/dy, the shape of {@code forward(x)}
     */
    public INDArray backward(INDArray x, INDArray dy) {
        INDArray flatX = flatten(x, "x");
        Shapes.check(dy, "dy", x.rank() == 3 ? "T,B,out" : "N,out",
                x.rank() == 3 ? new long[] {x.size(0), x.size(1), out} : new long[] {x.size(0), out});
        INDArray flatDy = dy.reshape(flatX.size(0), out);
        Nd4j.gemm(flatDy, flatX, weight.grad(), true, false, 1.0, 1.0);
        bias.grad().addi(flatDy.sum(0));
        INDArray dx = flatDy.mmul(weight.value());
        return x.rank() == 3 ? dx.reshape(x.size(0), x.size(1), in) : dx;
    }

    private INDArray flatten(INDArray x, String name) {
        Shapes.require(x != null && (x.rank() == 2 || x.rank() == 3), "%s must be [N, in=%d] or [T, B, in=%d] but is %s",
                name, in, in, x == null ? "null" : java.util.Arrays.toString(x.shape()));
        if (x.rank() == 2) Shapes.check(x, name, "N,in", -1, in);
        else Shapes.check(x, name, "T,B,in", -1, -1, in);
        Shapes.require(x.dataType() == weight.value().dataType(), "%s must have data type %s (the layer's) but has %s",
                name, weight.value().dataType(), x.dataType());
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
