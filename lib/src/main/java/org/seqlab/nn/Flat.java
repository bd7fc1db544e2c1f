package org.seqlab.nn;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A contiguous c-order array (one Seqlab allocated, never a view) seen as flat memory: element reads and writes
 * for the unrolled loops' element-wise math, and BLAS products at element offsets.
 *
 * <p>Why not ND4J operations: inside the time loop one ND4J call costs about 9 µs of overhead, and a step
 * has a dozen element-wise operations on {@code [B, H]} blocks; done as one Java loop over the memory they cost
 * a few µs in all (bulk copies to Java arrays, where the JIT vectorises the loops). Matrix products go straight
 * to OpenBLAS (the library ND4J itself calls), at offsets, so no view objects are made per step.
 */
abstract class Flat {
    final INDArray array;

    private Flat(INDArray array) {
        this.array = array;
    }

    static Flat of(INDArray a) {
        if (a.offset() != 0 || a.ordering() != 'c' || a.elementWiseStride() != 1) {
            throw new IllegalStateException("Flat needs a contiguous c-order array at offset 0");
        }
        return a.dataType() == DataType.FLOAT ? new F(a) : new D(a);
    }

    abstract double get(long i);

    abstract void set(long i, double v);

    /** Copies {@code n} elements from {@code offset} into {@code dst[0 .. n)}. */
    abstract void read(long offset, double[] dst, int n);

    /** Copies {@code src[0 .. n)} to the elements from {@code offset}. */
    abstract void write(long offset, double[] src, int n);

    /** A new uninitialised {@code shape} array (every element gets written before it is read). */
    static INDArray empty(org.nd4j.linalg.api.buffer.DataType dtype, long... shape) {
        return org.nd4j.linalg.factory.Nd4j.createUninitialized(dtype, shape, 'c');
    }

    /** {@code a} itself if it is contiguous c-order at offset 0, otherwise a copy that is. */
    static INDArray contiguous(INDArray a) {
        return a.offset() == 0 && a.ordering() == 'c' && a.elementWiseStride() == 1 && !a.isEmpty() ? a : a.dup('c');
    }

    /** All elements, as doubles. */
    double[] toArray() {
        double[] v = new double[(int) array.length()];
        read(0, v, v.length);
        return v;
    }

    /** Adds {@code v} element by element. */
    void add(double[] v) {
        double[] current = toArray();
        for (int k = 0; k < v.length; k++) current[k] += v[k];
        write(0, current, current.length);
    }

    /** Throws, naming the first bad position, unless every element is finite (no NaN, no infinity). */
    void checkFinite(String name) {
        double[] chunk = new double[4096];
        long n = array.length();
        for (long from = 0; from < n; from += chunk.length) {
            int len = (int) Math.min(chunk.length, n - from);
            read(from, chunk, len);
            double sum = 0;
            for (int k = 0; k < len; k++) sum += chunk[k] * 0.0;
            if (sum != 0.0) {
                for (int k = 0; k < len; k++) {
                    if (!Double.isFinite(chunk[k])) {
                        throw new IllegalArgumentException(name + " must be finite but has " + chunk[k]
                                + " at flat index " + (from + k) + " of shape " + java.util.Arrays.toString(array.shape()));
                    }
                }
            }
        }
    }

    /** {@code C[offC] = α op(A[offA]) op(B[offB]) + β C[offC]}, row-major, with leading dimensions. */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, Flat a, long offA, int lda,
                     Flat b, long offB, int ldb, double beta, Flat c, long offC, int ldc) {
        int ta = transA ? openblas.CblasTrans : openblas.CblasNoTrans;
        int tb = transB ? openblas.CblasTrans : openblas.CblasNoTrans;
        if (c instanceof F) {
            openblas.cblas_sgemm(openblas.CblasRowMajor, ta, tb, m, n, k, (float) alpha, ((F) a).at(offA), lda,
                    ((F) b).at(offB), ldb, (float) beta, ((F) c).at(offC), ldc);
        } else {
            openblas.cblas_dgemm(openblas.CblasRowMajor, ta, tb, m, n, k, alpha, ((D) a).at(offA), lda,
                    ((D) b).at(offB), ldb, beta, ((D) c).at(offC), ldc);
        }
    }

    private static final class F extends Flat {
        private final FloatBuffer buf;
        private final FloatPointer ptr;

        F(INDArray a) {
            super(a);
            buf = a.data().asNioFloat();
            ptr = new FloatPointer(a.data().addressPointer());
        }

        @Override
        double get(long i) {
            return buf.get((int) i);
        }

        @Override
        void set(long i, double v) {
            buf.put((int) i, (float) v);
        }

        private float[] tmp = new float[0];

        @Override
        void read(long offset, double[] dst, int n) {
            if (tmp.length < n) tmp = new float[n];
            buf.get((int) offset, tmp, 0, n);
            for (int k = 0; k < n; k++) dst[k] = tmp[k];
        }

        @Override
        void write(long offset, double[] src, int n) {
            if (tmp.length < n) tmp = new float[n];
            for (int k = 0; k < n; k++) tmp[k] = (float) src[k];
            buf.put((int) offset, tmp, 0, n);
        }

        FloatPointer at(long offset) {
            return new FloatPointer(ptr).position(offset);
        }
    }

    private static final class D extends Flat {
        private final DoubleBuffer buf;
        private final DoublePointer ptr;

        D(INDArray a) {
            super(a);
            buf = a.data().asNioDouble();
            ptr = new DoublePointer(a.data().addressPointer());
        }

        @Override
        double get(long i) {
            return buf.get((int) i);
        }

        @Override
        void set(long i, double v) {
            buf.put((int) i, v);
        }

        @Override
        void read(long offset, double[] dst, int n) {
            buf.get((int) offset, dst, 0, n);
        }

        @Override
        void write(long offset, double[] src, int n) {
            buf.put((int) offset, src, 0, n);
        }

        DoublePointer at(long offset) {
            return new DoublePointer(ptr).position(offset);
        }
    }
}
