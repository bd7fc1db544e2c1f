package org.seqlab.nn;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.Shapes;

/**
 * A lookup table of vectors, as PyTorch's {@code nn.Embedding}: {@code y[t, b] = W[ids[t, b]]}.
 *
 * <pre>
 *   ids [T, B] (whole numbers below D)     W = weight [D, E]     y [T, B, E]
 *   backward:  dW[ids[t, b]] += dy[t, b]   (rows of repeated ids add up)
 * </pre>
 *
 * <p>Equivalent to a one-hot vector times W, without building the one-hot vectors. Initialised as PyTorch
 * does: every entry normal(0, 1), from the {@link Random} given.
 */
public final class Embedding {
    private final Parameters parameters = new Parameters();
    private final Parameter weight;

    private Embedding(int vocabulary, int dim, Random rng, DataType dtype) {
        Shapes.require(vocabulary > 0 && dim > 0, "vocabulary and dim must be positive but are %d and %d",
                vocabulary, dim);
        weight = parameters.add("weight", Init.normal(rng, dtype, 1.0, vocabulary, dim));
    }

    /** A float32 table of {@code vocabulary} vectors of size {@code dim}. */
    public static Embedding create(int vocabulary, int dim, Random rng) {
        return create(vocabulary, dim, rng, DataType.FLOAT);
    }

    /** A table in the given data type. */
    public static Embedding create(int vocabulary, int dim, Random rng, DataType dtype) {
        return new Embedding(vocabulary, dim, rng, dtype);
    }

    /** {@code weight [D, E]}. */
    public Parameters parameters() {
        return parameters;
    }

    /** The rows of {@code W} for {@code ids [T, B]}: {@code [T, B, E]}. */
    public INDArray forward(INDArray ids) {
        LayerInput in = LayerInput.ids(ids, vocabulary());
        return Nd4j.pullRows(weight.value(), 1, in.ids).reshape(in.steps, in.batch, dim());
    }

    /** Adds {@code dy [T, B, E]} into the rows of {@code dW} that {@code ids} picked. */
    public void backward(INDArray ids, INDArray dy) {
        LayerInput in = LayerInput.ids(ids, vocabulary());
        Shapes.check(dy, "dy", "T,B,E", in.steps, in.batch, dim());
        INDArray rows = LayerInput.scatterAdd(dy.reshape(in.steps * in.batch, dim()), in.ids, vocabulary());
        weight.grad().addi(rows);
    }

    /** D, the number of rows: the vocabulary size of the ids. */
    public int vocabulary() {
        return (int) weight.value().size(0);
    }

    /** E, the size of each vector. */
    public int dim() {
        return (int) weight.value().size(1);
    }

    @Override
    public String toString() {
        return "Embedding(" + vocabulary() + " x " + dim() + ")";
    }
}
