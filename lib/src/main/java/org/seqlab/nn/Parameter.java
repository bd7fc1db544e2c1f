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

    /**
     * Copies {@code values} into this parameter, cast to its data type (its weights, e.g. PyTorch's, or a test's).
     *
     * <p>Use this rather than {@code value().assign(values)}: ND4J's {@code assign} does not check that the shapes
     * agree, and copying a larger array into a parameter writes past its native buffer, which corrupts the JVM's
     * memory and later kills the kernel ({@code free(): invalid size}).
     *
     * @param values an array of exactly this parameter's shape
     * @return this parameter
     * @throws IllegalArgumentException when the shapes differ, naming both
     */
    public Parameter set(INDArray values) {
        if (!java.util.Arrays.equals(values.shape(), value.shape())) {
            throw new IllegalArgumentException(name + " is " + java.util.Arrays.toString(value.shape())
                    + "; cannot set it from an array of shape " + java.util.Arrays.toString(values.shape()));
        }
        value.assign(values.dataType() == value.dataType() ? values : values.castTo(value.dataType()));
        return this;
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
