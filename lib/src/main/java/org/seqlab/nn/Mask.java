package org.seqlab.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.Shapes;

/**
 * A {@code [T, B]} mask of ones (real steps) and zeros (padding), with each step's column {@code m_t [B, 1]}
 * ready for the blend {@code s_t = m_t ⊙ s_new + (1 − m_t) ⊙ s_{t−1}}. Steps where every sequence is real
 * skip the blend.
 */
final class Mask {
    private final boolean[] full;
    private final INDArray[] m;
    private final INDArray[] keep;

    Mask(INDArray mask, long steps, long batch, DataType dtype) {
        full = new boolean[(int) steps];
        m = new INDArray[(int) steps];
        keep = new INDArray[(int) steps];
        if (mask == null) {
            java.util.Arrays.fill(full, true);
            return;
        }
        Shapes.check(mask, "mask", "T,B", steps, batch);
        double[] v = mask.dup('c').reshape(mask.length()).toDoubleVector();
        for (int t = 0; t < steps; t++) {
            boolean all = true;
            for (int b = 0; b < batch; b++) {
                double x = v[(int) (t * batch + b)];
                Shapes.require(x == 0.0 || x == 1.0, "mask must hold only 0 (padding) and 1 (real step) but mask[%d, %d] is %s",
                        t, b, x);
                all &= x == 1.0;
            }
            full[t] = all;
            if (!all) {
                m[t] = mask.slice(t).castTo(dtype).reshape(batch, 1).dup();
                keep[t] = m[t].rsub(1.0);
            }
        }
    }

    /** Whether every sequence is real at step {@code t}. */
    boolean full(int t) {
        return full[t];
    }

    /** {@code m_t ⊙ a + (1 − m_t) ⊙ b}, a new array; {@code a} itself when the step is full. */
    INDArray blend(int t, INDArray a, INDArray b) {
        if (full[t] || a == null) return a;
        return a.mulColumnVector(m[t]).addi(b.mulColumnVector(keep[t]));
    }

    /** {@code m_t ⊙ a}, a new array ({@code a} itself when the step is full). */
    INDArray real(int t, INDArray a) {
        if (full[t] || a == null) return a;
        return a.mulColumnVector(m[t]);
    }

    /** {@code (1 − m_t) ⊙ a}, a new array ({@code null} when the step is full: nothing is carried past it). */
    INDArray padded(int t, INDArray a) {
        if (full[t] || a == null) return null;
        return a.mulColumnVector(keep[t]);
    }
}
