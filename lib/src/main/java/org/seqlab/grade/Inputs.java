package org.seqlab.grade;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeded test inputs: the same seed gives the same numbers on every machine and every ND4J version, because
 * they come from {@link java.util.Random} (whose sequence Java specifies), not from ND4J's generator.
 */
public final class Inputs {
    private Inputs() {}

    /** An array of the given shape and type with standard normal entries scaled by {@code scale}. */
    public static INDArray normal(long seed, double scale, DataType dtype, long... shape) {
        Random rng = new Random(seed);
        double[] data = new double[(int) length(shape)];
        for (int k = 0; k < data.length; k++) {
            data[k] = scale * rng.nextGaussian();
        }
        return Nd4j.create(data, shape, DataType.DOUBLE).castTo(dtype);
    }

    /** An array of the given shape and type with entries uniform in {@code [lo, hi)}. */
    public static INDArray uniform(long seed, double lo, double hi, DataType dtype, long... shape) {
        Random rng = new Random(seed);
        double[] data = new double[(int) length(shape)];
        for (int k = 0; k < data.length; k++) {
            data[k] = lo + (hi - lo) * rng.nextDouble();
        }
        return Nd4j.create(data, shape, DataType.DOUBLE).castTo(dtype);
    }

    /** {@code n} standard normal numbers scaled by {@code scale}. */
    public static double[] normal(long seed, double scale, int n) {
        Random rng = new Random(seed);
        double[] data = new double[n];
        for (int k = 0; k < n; k++) {
            data[k] = scale * rng.nextGaussian();
        }
        return data;
    }

    private static long length(long[] shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }
}
