package org.seqlab.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What a training run recorded: one {@link Step} per mini-batch and one {@link Epoch} per pass over the data.
 *
 * <p>Metric names are lower case: {@code "loss"}, {@code "perplexity"}, {@code "accuracy"}, {@code "mae"}.
 */
public final class History {
    /** One optimiser step. {@code gradNorm} is the global norm before clipping; {@code seconds} since the run began. */
    public record Step(int epoch, int batch, long step, double loss, double gradNorm, double seconds,
                       Map<String, Double> metrics) {}

    /** One epoch: training metrics averaged over its batches, validation metrics (empty without validation). */
    public record Epoch(int epoch, Map<String, Double> train, Map<String, Double> validation, double seconds) {}

    private final String name;
    private final List<Step> steps = new ArrayList<>();
    private final List<Epoch> epochs = new ArrayList<>();

    /** An empty history; {@code name} labels the run in charts ("LSTM, H=128"). */
    public History(String name) {
        this.name = name;
    }

    /** The run's label. */
    public String name() {
        return name;
    }

    /** Appends a step. */
    public void add(Step step) {
        steps.add(step);
    }

    /** Appends an epoch. */
    public void add(Epoch epoch) {
        epochs.add(epoch);
    }

    /** Every step so far, oldest first. */
    public List<Step> steps() {
        return Collections.unmodifiableList(steps);
    }

    /** Every finished epoch, oldest first. */
    public List<Epoch> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /**
     * A copy of the steps and epochs so far under the same name, which later steps do not change (the records
     * themselves are immutable): what a live view draws on another thread while training goes on.
     */
    public History copy() {
        History c = new History(name);
        c.steps.addAll(steps);
        c.epochs.addAll(epochs);
        return c;
    }

    /** The training loss of each step, oldest first. */
    public double[] stepLosses() {
        return steps.stream().mapToDouble(Step::loss).toArray();
    }
}
