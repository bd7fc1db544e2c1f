package org.seqlab.nn;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The memory of a dense float32 or float64 ND4J array, for the library's own loops (the unrolled recurrent
 * steps, the loss, the optimisers): bulk copies to and from Java arrays, element access, one finite-value check,
 * and pointers for {@link Blas}. Notebooks do not need it.
 *
 * <p>Why: an ND4J operation costs several microseconds of overhead and a temporary array, and a recurrent step
 * has a dozen element-wise operations on {@code [B, H]} blocks, an Adam update about ten per parameter. Written
 * as one Java loop over a plain array they cost a small fraction of that, because the JIT compiles and vectorises
 * the loop.
 *
 * <p>{@link #read} and {@link #write} are the one place where values cross between float32 memory and Java's
 * {@code double}: the loops compute in double, which for float32 arrays costs one conversion per element read or
 * written and gives float32 results rounded once.
 */
public final class Raw {
    private final INDArray array;
    private final FloatBuffer floats;
    private final DoubleBuffer doubles;
    private final Pointer base;
    private final Pointer[] slots = new Pointer[3];
    private float[] staging = new float[0];

    private Raw(INDArray array) {
        this.array = array;
        if (array.dataType() == DataType.FLOAT) {
            floats = array.data().asNioFloat();
            doubles = null;
            base = new FloatPointer(array.data().addressPointer());
        } else {
            floats = null;
            doubles = array.data().asNioDouble();
            base = new DoublePointer(array.data().addressPointer());
        }
    }

    /**
     * The memory of {@code a}, which must be a dense float32 or float64 array in C order at offset 0 (one the
     * library allocated, or {@link #contiguous}'s result).
     *
     * @throws IllegalStateException for any other array
     */
    public static Raw of(INDArray a) {
        if (!isDense(a) || (a.dataType() != DataType.FLOAT && a.dataType() != DataType.DOUBLE)) {
            throw new IllegalStateException("Raw needs a dense float32 or float64 array in C order at offset 0, not a "
                    + a.dataType() + " " + (a.isView() ? "view " : "") + Arrays.toString(a.shape()) + " in order "
                    + a.ordering());
        }
        return new Raw(a);
    }

    /** The memory of {@code a} for reading: {@code a}'s own when dense, otherwise a dense float32/float64 copy's. */
    public static Raw readable(INDArray a) {
        if (isDense(a) && (a.dataType() == DataType.FLOAT || a.dataType() == DataType.DOUBLE)) return new Raw(a);
        DataType type = a.dataType() == DataType.FLOAT ? DataType.FLOAT : DataType.DOUBLE;
        return new Raw(a.castTo(type).dup('c'));
    }

    /** The float32 values of {@code a} over its memory (writes change {@code a}), or {@code null} unless it is dense float32. */
    public static FloatBuffer floatsOf(INDArray a) {
        return a.dataType() == DataType.FLOAT && isDense(a) ? a.data().asNioFloat() : null;
    }

    /** Whether {@code a} covers one whole buffer in C order with default strides (a reshape of one may). */
    public static boolean isDense(INDArray a) {
        if (a.isEmpty() || a.offset() != 0 || a.ordering() != 'c' || a.data().length() != a.length()
                || a.length() > Integer.MAX_VALUE) {
            return false;
        }
        long[] shape = a.shape();
        long[] stride = a.stride();
        long expected = 1;
        for (int k = shape.length - 1; k >= 0; k--) {
            if (shape[k] != 1 && stride[k] != expected) return false;      // a size-1 dimension's stride is free
            expected *= shape[k];
        }
        return true;
    }

    /** {@code a} itself if it is dense, otherwise a dense copy in C order. */
    public static INDArray contiguous(INDArray a) {
        return a.isEmpty() || isDense(a) ? a : a.dup('c');
    }

    /** A new uninitialised C-order array (for buffers whose every element is written before it is read). */
    public static INDArray empty(DataType dtype, long... shape) {
        return Nd4j.createUninitialized(dtype, shape, 'c');
    }

    /** The array this memory belongs to. */
    public INDArray array() {
        return array;
    }

    /** The number of elements. */
    public int length() {
        return (int) array.length();
    }

    /** Whether the values are float32 (otherwise float64). */
    public boolean isFloat() {
        return floats != null;
    }

    /** The float32 values over the same memory (writes change the array); {@code null} for a float64 array. */
    public FloatBuffer floats() {
        return floats;
    }

    /** Element {@code i}. */
    public double get(int i) {
        return floats != null ? floats.get(i) : doubles.get(i);
    }

    /** Sets element {@code i} (rounded to float32 for a float32 array). */
    public void set(int i, double v) {
        if (floats != null) floats.put(i, (float) v);
        else doubles.put(i, v);
    }

    /** Copies {@code n} elements from {@code offset} into {@code dst[0 .. n)}. */
    public void read(long offset, double[] dst, int n) {
        if (floats == null) {
            doubles.get((int) offset, dst, 0, n);
            return;
        }
        float[] f = staging(n);
        floats.get((int) offset, f, 0, n);
        for (int k = 0; k < n; k++) dst[k] = f[k];
    }

    /** Copies {@code src[0 .. n)} to the elements from {@code offset} (rounded to float32 for a float32 array). */
    public void write(long offset, double[] src, int n) {
        if (floats == null) {
            doubles.put((int) offset, src, 0, n);
            return;
        }
        float[] f = staging(n);
        for (int k = 0; k < n; k++) f[k] = (float) src[k];
        floats.put((int) offset, f, 0, n);
    }

    /** Copies {@code n} elements from {@code from[fromOffset ..]} to this memory's {@code [offset ..]}, same type. */
    public void copy(Raw from, long fromOffset, long offset, int n) {
        if (floats != null) floats.put((int) offset, from == this ? floats.duplicate() : from.floats, (int) fromOffset, n);
        else doubles.put((int) offset, from == this ? doubles.duplicate() : from.doubles, (int) fromOffset, n);
    }

    /** Sets {@code n} elements from {@code offset} to zero. */
    public void zero(long offset, int n) {
        if (n <= 0) return;
        if (floats != null) {
            float[] f = staging(n);
            Arrays.fill(f, 0, n, 0f);
            floats.put((int) offset, f, 0, n);
        } else {
            doubles.put((int) offset, new double[n], 0, n);
        }
    }

    /** All elements, as doubles. */
    public double[] toArray() {
        double[] v = new double[length()];
        read(0, v, v.length);
        return v;
    }

    /** Adds {@code v} element by element. */
    public void add(double[] v) {
        double[] current = toArray();
        for (int k = 0; k < v.length; k++) current[k] += v[k];
        write(0, current, current.length);
    }

    /**
     * The library's one finite-value check: throws, naming the first bad position, unless every element of
     * {@code a} is finite (no NaN, no infinity).
     *
     * @throws IllegalArgumentException {@code "x must be finite but has NaN at flat index 7 of shape [5, 3, 2]"}
     */
    public static void checkFinite(INDArray a, String name) {
        if (a.isEmpty() || !(a.dataType().isFPType())) return;
        Raw r = readable(a);
        int n = r.length();
        int chunk = 4096;
        double[] d = r.floats != null ? null : new double[chunk];
        for (int from = 0; from < n; from += chunk) {
            int len = Math.min(chunk, n - from);
            if (r.floats != null) {                                   // float32: checked as floats, with no conversion
                float[] f = r.staging(len);
                r.floats.get(from, f, 0, len);
                float sum = 0;
                for (int k = 0; k < len; k++) sum += f[k] * 0f;         // NaN for any NaN or infinity
                if (sum == 0f) continue;
            } else {
                r.read(from, d, len);
                double sum = 0;
                for (int k = 0; k < len; k++) sum += d[k] * 0.0;
                if (sum == 0.0) continue;
            }
            for (int k = from; k < from + len; k++) {
                double v = r.get(k);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(name + " must be finite but has " + v + " at flat index " + k
                            + " of shape " + Arrays.toString(a.shape()));
                }
            }
        }
    }

    /**
     * A pointer to element {@code offset} for a BLAS call, reusing one of three pointer objects (one per operand
     * of a product), so a call allocates nothing.
     */
    Pointer at(int slot, long offset) {
        Pointer p = slots[slot];
        if (p == null) {
            p = floats != null ? new FloatPointer(base) : new DoublePointer(base);
            slots[slot] = p;
        }
        return p.position(offset);
    }

    private float[] staging(int n) {
        if (staging.length < n) staging = new float[n];
        return staging;
    }
}
