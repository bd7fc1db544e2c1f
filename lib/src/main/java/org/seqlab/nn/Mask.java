package org.seqlab.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.Shapes;

/**
 * A {@code [T, B]} mask of ones (real steps) and zeros (padding), read once into Java so the unrolled loops can
 * ask per step and sequence. {@code null} means every step is real.
 */
final class Mask {
    private final boolean[][] real;
    private final boolean[] full;

    Mask(INDArray mask, long steps, long batch) {
        full = new boolean[(int) steps];
        java.util.Arrays.fill(full, true);
        if (mask == null) {
            real = null;
            return;
        }
        Shapes.check(mask, "mask", "T,B", steps, batch);
        Raw values = Raw.readable(mask);
        real = new boolean[(int) steps][(int) batch];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                double x = values.get((int) (t * batch + b));
                if (x != 0.0 && x != 1.0) {
                    throw new IllegalArgumentException("mask must hold only 0 (padding) and 1 (real step) but mask["
                            + t + ", " + b + "] is " + x);
                }
                real[t][b] = x == 1.0;
                full[t] &= real[t][b];
            }
        }
    }

    /** Whether sequence {@code b} is real at step {@code t}. */
    boolean real(int t, int b) {
        return real == null || real[t][b];
    }

    /** Step {@code t}'s mask as a column {@code [B, 1]} of ones (real) and zeros (padding). */
    INDArray column(int t, int batch, DataType dtype) {
        double[] m = new double[batch];
        for (int b = 0; b < batch; b++) m[b] = real(t, b) ? 1.0 : 0.0;
        return Nd4j.create(m, new long[] {batch, 1}, DataType.DOUBLE).castTo(dtype);
    }

    /** Whether every sequence is real at step {@code t}. */
    boolean full(int t) {
        return full[t];
    }
}
