package org.seqlab;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The one way Seqlab reports bad input: checks that name what was expected, what came, and what to do.
 *
 * <pre>
 *   Shapes.check(x, "x", "T,B,D", -1, 32, 65);
 *   // IllegalArgumentException: x must be [T, B=32, D=65] but is [64, 32, 64]
 * </pre>
 */
public final class Shapes {
    private Shapes() {}

    /**
     * Checks that {@code a} has as many dimensions as {@code dims} names and the given sizes.
     *
     * @param a the array to check
     * @param name the argument's name, as the caller's javadoc writes it ({@code "x_t"})
     * @param dims the dimension names, comma separated ({@code "B,D"})
     * @param sizes the expected size of each dimension, {@code -1} for any size
     * @return {@code a}, for chaining
     * @throws IllegalArgumentException naming the expected and the actual shape
     */
    public static INDArray check(INDArray a, String name, String dims, long... sizes) {
        String[] names = dims.split(",");
        if (names.length != sizes.length) {
            throw new IllegalStateException("Shapes.check: " + names.length + " names but " + sizes.length + " sizes");
        }
        if (a == null) {
            throw new IllegalArgumentException(name + " must be " + describe(names, sizes) + " but is null");
        }
        long[] shape = a.shape();
        boolean ok = shape.length == sizes.length;
        for (int k = 0; ok && k < sizes.length; k++) {
            ok = sizes[k] < 0 || sizes[k] == shape[k];
        }
        if (!ok) {
            throw new IllegalArgumentException(
                    name + " must be " + describe(names, sizes) + " but is " + Arrays.toString(shape));
        }
        return a;
    }

    /** Checks that {@code b} has exactly the shape of {@code a}; the message names both. */
    public static void sameShape(INDArray a, String nameA, INDArray b, String nameB) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(nameB + " must have the shape of " + nameA + " "
                    + Arrays.toString(a.shape()) + " but is " + Arrays.toString(b.shape()));
        }
    }

    /** Checks that no element of {@code a} is NaN or infinite; the message names the first bad index. */
    public static INDArray finite(INDArray a, String name) {
        org.seqlab.nn.Raw.checkFinite(a, name);
        return a;
    }

    /**
     * Checks that {@code a} has the data type {@code expected}. float32 and float64 arrays do not mix (ND4J
     * refuses or silently converts, depending on the operation), so the message names both types and the fix:
     *
     * <pre>
     *   Shapes.sameType(x, "x", DataType.FLOAT, "the layer");
     *   // IllegalArgumentException: x is DOUBLE (float64) but the layer computes in FLOAT (float32), and the two
     *   // do not mix: convert it with x.castTo(DataType.FLOAT), or build the layer with DataType.DOUBLE
     * </pre>
     *
     * @param owner what computes in {@code expected}, as the message names it ({@code "the cell"})
     */
    public static INDArray sameType(INDArray a, String name, DataType expected, String owner) {
        if (a != null && a.dataType() != expected) {
            throw new IllegalArgumentException(name + " is " + describe(a.dataType()) + " but " + owner
                    + " computes in " + describe(expected) + ", and the two do not mix: convert it with " + name
                    + ".castTo(DataType." + expected + "), or build " + owner + " with DataType." + a.dataType());
        }
        return a;
    }

    private static String describe(DataType t) {
        return switch (t) {
            case FLOAT -> "FLOAT (float32)";
            case DOUBLE -> "DOUBLE (float64)";
            case HALF -> "HALF (float16)";
            default -> t.toString();
        };
    }

    /** Throws {@code IllegalArgumentException} with the formatted message unless {@code condition} holds. */
    public static void require(boolean condition, String format, Object... args) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(format, args));
        }
    }

    /** Writes expected dimensions the house way: {@code [T, B=32, D=65]}. */
    static String describe(String[] names, long[] sizes) {
        StringBuilder s = new StringBuilder("[");
        for (int k = 0; k < names.length; k++) {
            if (k > 0) s.append(", ");
            s.append(names[k].strip());
            if (sizes[k] >= 0) s.append('=').append(sizes[k]);
        }
        return s.append(']').toString();
    }
}
