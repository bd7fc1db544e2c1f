package org.seqlab.nn;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.seqlab.Shapes;

/**
 * Initialisations for recurrent weights. All draw from a {@link Random} the caller seeds, so a run repeats;
 * none touches ND4J's global random generator.
 *
 * <p>Gate-stacked matrices ({@code [G·H, ·]}) are initialised one gate block ({@code [H, ·]}) at a time, as
 * Keras and the orthogonal-initialisation papers do, so every gate sees a well-conditioned matrix.
 */
public final class Init {
    private Init() {}

    /** A new array of the given shape, every entry uniform in {@code [lo, hi)}. */
    public static INDArray uniform(Random rng, DataType dtype, double lo, double hi, long... shape) {
        long n = 1;
        for (long s : shape) n *= s;
        double[] v = new double[Math.toIntExact(n)];
        for (int k = 0; k < v.length; k++) v[k] = lo + (hi - lo) * rng.nextDouble();
        return Nd4j.create(v, shape, DataType.DOUBLE).castTo(dtype);
    }

    /** A new array of the given shape, every entry normal with mean 0 and standard deviation {@code std}. */
    public static INDArray normal(Random rng, DataType dtype, double std, long... shape) {
        long n = 1;
        for (long s : shape) n *= s;
        double[] v = new double[Math.toIntExact(n)];
        for (int k = 0; k < v.length; k++) v[k] = std * rng.nextGaussian();
        return Nd4j.create(v, shape, DataType.DOUBLE).castTo(dtype);
    }

    /** PyTorch's default for {@code nn.RNN/LSTM/GRU}: every parameter uniform in (−1/√H, 1/√H). */
    public static void pytorchDefault(RecurrentCell<?> cell, Random rng) {
        double k = 1.0 / Math.sqrt(cell.hiddenSize());
        for (Parameter p : cell.parameters()) {
            p.value().assign(uniform(rng, p.value().dataType(), -k, k, p.value().shape()));
        }
    }

    /**
     * Xavier/Glorot uniform, per gate block: each {@code [H, fanIn]} block of {@code w [G·H, fanIn]} uniform in
     * ±√(6 / (fanIn + H)).
     */
    public static void xavierUniform(INDArray w, int gates, Random rng) {
        Shapes.require(w.rank() == 2 && w.size(0) % gates == 0,
                "w must be [G·H, fanIn] with G=%d gate blocks but is %s", gates, java.util.Arrays.toString(w.shape()));
        long h = w.size(0) / gates;
        double a = Math.sqrt(6.0 / (w.size(1) + h));
        w.assign(uniform(rng, w.dataType(), -a, a, w.shape()));
    }

    /**
     * Orthogonal, per gate block: each {@code [H, n]} block of {@code w [G·H, n]} gets orthonormal rows (or
     * columns, when {@code H > n}), from Gram–Schmidt on a Gaussian matrix. For {@code W_hh} each block is a
     * rotation, so at initialisation the recurrence neither shrinks nor blows up the state.
     */
    public static void orthogonal(INDArray w, int gates, Random rng) {
        Shapes.require(w.rank() == 2 && w.size(0) % gates == 0,
                "w must be [G·H, n] with G=%d gate blocks but is %s", gates, java.util.Arrays.toString(w.shape()));
        int h = (int) (w.size(0) / gates);
        int n = (int) w.size(1);
        for (int k = 0; k < gates; k++) {
            double[][] q = orthonormal(Math.max(h, n), Math.min(h, n), rng);
            double[][] block = new double[h][n];
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < n; c++) block[r][c] = h <= n ? q[r][c] : q[c][r];
            }
            w.get(NDArrayIndex.interval((long) k * h, (long) (k + 1) * h), NDArrayIndex.all())
                    .assign(Nd4j.create(block).castTo(w.dataType()));
        }
    }

    /** {@code count} orthonormal Gaussian rows of length {@code length} (modified Gram–Schmidt). */
    private static double[][] orthonormal(int length, int count, Random rng) {
        double[][] q = new double[count][length];
        for (int r = 0; r < count; r++) {
            double norm;
            do {
                for (int c = 0; c < length; c++) q[r][c] = rng.nextGaussian();
                for (int p = 0; p < r; p++) {
                    double dot = 0;
                    for (int c = 0; c < length; c++) dot += q[r][c] * q[p][c];
                    for (int c = 0; c < length; c++) q[r][c] -= dot * q[p][c];
                }
                norm = 0;
                for (int c = 0; c < length; c++) norm += q[r][c] * q[r][c];
                norm = Math.sqrt(norm);
            } while (norm < 1e-6);
            for (int c = 0; c < length; c++) q[r][c] /= norm;
        }
        return q;
    }

    /**
     * The usual recipe for training from scratch: Xavier on {@code W_ih}, orthogonal on {@code W_hh}, biases
     * zero, per gate block.
     */
    public static void recurrent(RecurrentCell<?> cell, Random rng) {
        for (Parameter p : cell.parameters()) {
            if (p.name().startsWith("weight_ih")) xavierUniform(p.value(), cell.gates(), rng);
            else if (p.name().startsWith("weight_hh")) orthogonal(p.value(), cell.gates(), rng);
            else p.value().assign(0);
        }
    }

    /**
     * Sets the LSTM's forget-gate bias so that {@code b_if + b_hf = value} (in {@code bias_ih} the forget block is
     * set to {@code value}, in {@code bias_hh} to 0). A positive value (1 is common) makes the cell remember by
     * default at the start of training.
     */
    public static void forgetBias(LstmCell cell, double value) {
        long h = cell.hiddenSize();
        for (Parameter p : cell.parameters()) {
            if (p.name().startsWith("bias_")) {
                double v = p.name().startsWith("bias_ih") ? value : 0.0;
                p.value().get(NDArrayIndex.interval(h, 2 * h)).assign(v);
            }
        }
    }
}
