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
        INDArray flat = Flat.contiguous(flatten(x, "x"));
        int n = (int) flat.size(0);
        INDArray y = Flat.empty(weight.value().dataType(), n, out);
        Flat yf = Flat.of(y);
        double[] b = Flat.of(bias.value()).toArray();
        for (int k = 0; k < n; k++) yf.write((long) k * out, b, out);
        Flat.gemm(false, true, n, out, in, 1.0, Flat.of(flat), 0, in, Flat.of(weight.value()), 0, in, 1.0, yf, 0, out);
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
        Shapes.sameType(dy, "dy", weight.value().dataType(), "the linear layer");
        INDArray flatDy = Flat.contiguous(dy).reshape(flatX.size(0), out);
        int n = (int) flatX.size(0);
        Flat dyf = Flat.of(Flat.contiguous(flatDy));
        Flat.gemm(true, false, out, in, n, 1.0, dyf, 0, out, Flat.of(Flat.contiguous(flatX)), 0, in, 1.0,
                Flat.of(weight.grad()), 0, in);
        addColumnSums(flatDy, bias.grad());
        INDArray dx = Flat.empty(weight.value().dataType(), n, in);
        Flat.gemm(false, false, n, in, out, 1.0, dyf, 0, out, Flat.of(weight.value()), 0, in, 0.0, Flat.of(dx), 0, in);
        return x.rank() == 3 ? dx.reshape(x.size(0), x.size(1), in) : dx;
    }

    /** {@code into += Σ_n rows[n, :]}, in one pass over memory (ND4J's column reduction is slow on big arrays). */
    private static void addColumnSums(INDArray rows, INDArray into) {
        double[] v = Flat.of(Flat.contiguous(rows)).toArray();
        Flat g = Flat.of(into);
        double[] sums = g.toArray();
        int width = sums.length;
        for (int k = 0; k < v.length; k++) sums[k % width] += v[k];
        g.write(0, sums, width);
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
