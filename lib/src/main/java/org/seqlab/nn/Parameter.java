package org.seqlab.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A named tensor that training changes, with its gradient of the same shape.
 *
 * <p>Names follow PyTorch ({@code weight_ih_l0}, {@code bias_hh_l0}, {@code fc.weight}) so weights move
 * between the two through {@code .npy} files.
 */
public final class Parameter {
    private final String name;
    private final INDArray value;
    private final INDArray grad;

    /** Wraps {@code value} (not copied: the parameter updates it in place) with a zero gradient. */
    public Parameter(String name, INDArray value) {
        this.name = name;
        this.value = value;
        this.grad = value.like();
    }

    /** The PyTorch-style name. */
    public String name() {
        return name;
    }

    /** The current value; optimisers update it in place. */
    public INDArray value() {
        return value;
    }

    /** The accumulated gradient ∂L/∂value, same shape as {@link #value()}. */
    public INDArray grad() {
        return grad;
    }

    /** Sets the gradient to zero before the next backward pass. */
    public void zeroGrad() {
        grad.assign(0);
    }

    @Override
    public String toString() {
        return name + java.util.Arrays.toString(value.shape());
    }
}
