package org.seqlab.train;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * Direct access to the values of a dense array, for element-wise work written as one Java loop instead of a
 * chain of ND4J operations. Each ND4J operation costs several microseconds of overhead and a temporary array,
 * and ND4J's element-wise casts and copies run at several nanoseconds per element; an Adam update is about ten
 * operations per parameter, a softmax cross-entropy about twelve.
 */
final class Dense {
    private Dense() {}

    /** Indexed read and write access to an array's values, whatever its floating-point type. */
    interface Values {
        double get(int i);

        void set(int i, double v);

        /** The first {@code n} values as a new array. */
        default double[] toArray(int n) {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) out[i] = get(i);
            return out;
        }
    }

    /** The values rounded to float32. */
    static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) out[i] = (float) values[i];
        return out;
    }

    /** Whether {@code a} covers one whole buffer in c order with default strides (a reshape of one may). */
    static boolean isDense(INDArray a) {
        return a.offset() == 0 && a.ordering() == 'c' && a.data().length() == a.length()
                && a.length() <= Integer.MAX_VALUE && Shape.hasDefaultStridesForShape(a);
    }

    /** The float32 values of {@code a} over the same memory (writes change {@code a}), or null if not possible. */
    static FloatBuffer floats(INDArray a) {
        return a.dataType() == DataType.FLOAT && isDense(a) ? a.data().asNioFloat() : null;
    }

    /**
     * The values of a dense float32 or float64 array over its memory (writes change it), or null for other types
     * and layouts.
     */
    static Values values(INDArray a) {
        if (!isDense(a)) return null;
        if (a.dataType() == DataType.FLOAT) {
            FloatBuffer f = a.data().asNioFloat();
            return new Values() {
                public double get(int i) {
                    return f.get(i);
                }

                public void set(int i, double v) {
                    f.put(i, (float) v);
                }
            };
        }
        if (a.dataType() == DataType.DOUBLE) {
            DoubleBuffer d = a.data().asNioDouble();
            return new Values() {
                public double get(int i) {
                    return d.get(i);
                }

                public void set(int i, double v) {
                    d.put(i, v);
                }
            };
        }
        return null;
    }

    /** The values of {@code a} for reading: over its memory when possible, else over a dense copy. */
    static Values readable(INDArray a) {
        Values v = values(a);
        if (v != null) return v;
        DataType type = a.dataType() == DataType.FLOAT ? DataType.FLOAT : DataType.DOUBLE;
        return values(a.castTo(type).dup('c'));
    }
}
