package org.seqlab.train;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.Shapes;

/**
 * A metric kept as a sum and a count, so averages over batches of different sizes are exact: the epoch's value
 * is {@code (Σ sum) / (Σ count)}, not the mean of the batch means.
 *
 * <pre>
 *   accuracy     Metric.mean(correct, n)                = Metric.accuracy(logits, targets, mask)
 *   MAE          Metric.mean(Σ|ŷ - y|, n·D)
 *   perplexity   Metric.expMean(Σ -log p(y), n)      = exp(mean cross-entropy)
 * </pre>
 *
 * @param sum the summed quantity
 * @param count what it is summed over
 * @param kind how the value is read from the mean
 */
public record Metric(double sum, double count, Kind kind) {
    /** How {@link #value()} reads the mean {@code sum / count}. */
    public enum Kind {
        /** The mean itself. */
        MEAN,
        /** {@code exp} of the mean (perplexity from a mean negative log-likelihood in nats). */
        EXP_MEAN
    }

    /** A plain mean: {@code value = sum / count}. */
    public static Metric mean(double sum, double count) {
        return new Metric(sum, count, Kind.MEAN);
    }

    /** An exponentiated mean: {@code value = exp(sum / count)}. */
    public static Metric expMean(double sum, double count) {
        return new Metric(sum, count, Kind.EXP_MEAN);
    }

    /**
     * The share of predictions that are right, counted over real steps: the class with the largest logit
     * against the target class.
     *
     * <pre>
     *   accuracy = Σ m · [argmax_k z_k = y] / Σ m          sum = right real predictions, count = real ones
     * </pre>
     *
     * Two layouts, as the models produce them:
     * <ul>
     *   <li>one class per sequence: {@code logits [B, C]}, {@code targets [B]}, {@code mask [B]} or null;</li>
     *   <li>a class per step: {@code logits [T, B, C]}, {@code targets [T, B]}, {@code mask [T, B]} (1 = real
     *       step) or null for all real.</li>
     * </ul>
     * Targets hold class ids 0 … C−1 in any numeric data type. Ties go to the lowest class id, as ND4J's
     * {@code argMax} breaks them. A batch whose mask is all zero counts nothing ({@link #value()} NaN alone,
     * no weight when added to others).
     *
     * @throws IllegalArgumentException when the shapes do not match one of the layouts, or a target is not a
     *     class id below C
     */
    public static Metric accuracy(INDArray logits, INDArray targets, INDArray mask) {
        Shapes.require(logits != null && (logits.rank() == 2 || logits.rank() == 3),
                "logits must be [B, C] or [T, B, C] but are %s", logits == null ? "null" : Arrays.toString(logits.shape()));
        long classes = logits.size(logits.rank() - 1);
        String dims = logits.rank() == 2 ? "B" : "T,B";
        long[] rows = Arrays.copyOf(logits.shape(), logits.rank() - 1);
        Shapes.check(targets, "targets", dims, rows);
        if (mask != null) Shapes.check(mask, "mask", dims, rows);
        long n = targets.length();
        int[] predicted = Nd4j.argMax(logits.reshape(n, classes), 1).castTo(DataType.INT).toIntVector();
        double[] y = targets.castTo(DataType.DOUBLE).reshape(n).toDoubleVector();
        double[] m = mask == null ? null : mask.castTo(DataType.DOUBLE).reshape(n).toDoubleVector();
        double right = 0;
        double count = 0;
        for (int i = 0; i < n; i++) {
            double weight = m == null ? 1 : m[i];
            if (weight == 0) continue;
            Shapes.require(y[i] >= 0 && y[i] < classes && y[i] == Math.rint(y[i]),
                    "targets must be class ids in [0, %d) but target %d is %s", classes, i, y[i]);
            count += weight;
            if (predicted[i] == (int) y[i]) right += weight;
        }
        return mean(right, count);
    }

    /** {@link #accuracy(INDArray, INDArray, INDArray)} with every prediction real (no mask). */
    public static Metric accuracy(INDArray logits, INDArray targets) {
        return accuracy(logits, targets, null);
    }

    /** The metric's value; NaN when the count is 0. */
    public double value() {
        double mean = count == 0 ? Double.NaN : sum / count;
        return kind == Kind.EXP_MEAN ? Math.exp(mean) : mean;
    }

    /** The metric over both batches: sums and counts add. */
    public Metric plus(Metric other) {
        if (other.kind != kind) {
            throw new IllegalArgumentException("cannot add a " + other.kind + " metric to a " + kind + " metric");
        }
        return new Metric(sum + other.sum, count + other.count, kind);
    }
}
