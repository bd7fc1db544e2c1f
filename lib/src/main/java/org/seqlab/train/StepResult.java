package org.seqlab.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one forward (and backward) pass over a batch reports to the {@link Trainer}.
 *
 * @param loss the mean loss over the batch's real steps (the value whose gradient was computed)
 * @param count how many real steps that mean is over (its weight in the epoch average)
 * @param metrics further metrics by lower-case name ({@code "perplexity"}, {@code "accuracy"}, {@code "mae"}),
 *     in insertion order
 */
public record StepResult(double loss, double count, Map<String, Metric> metrics) {
    /** Copies {@code metrics} into an unmodifiable map that keeps its order. */
    public StepResult {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** A result with a loss and no further metrics. */
    public static StepResult of(double loss, double count) {
        return new StepResult(loss, count, Map.of());
    }

    /** This result with one more metric. */
    public StepResult with(String name, Metric metric) {
        Map<String, Metric> more = new LinkedHashMap<>(metrics);
        more.put(name, metric);
        return new StepResult(loss, count, more);
    }

    /** The loss as a metric, for exact averaging. */
    public Metric lossMetric() {
        return Metric.mean(loss * count, count);
    }
}
