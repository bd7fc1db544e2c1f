package org.seqlab.train;

/**
 * A metric kept as a sum and a count, so averages over batches of different sizes are exact: the epoch's value
 * is {@code (Σ sum) / (Σ count)}, not the mean of the batch means.
 *
 * <pre>
 *   accuracy     Metric.mean(correct, n)
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
