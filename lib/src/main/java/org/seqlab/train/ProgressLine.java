package org.seqlab.train;

import java.io.PrintStream;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A plain-text progress report: at most one line per interval while training, and one line per epoch.
 *
 * <pre>
 *   step 120/1200  epoch 2  batch 19  loss 1.8421  perplexity 6.3110  |g| 0.84  3.2 s
 *   epoch 2  loss 1.7903  perplexity 5.9912  val_loss 1.8110  val_perplexity 6.1170  (6.1 s)
 * </pre>
 */
public final class ProgressLine implements Callback {
    private final PrintStream out;
    private final long intervalNanos;
    private final LongSupplier clock;
    private long totalSteps;
    private long lastPrint;

    /** Prints to {@code System.out} at most once a second. */
    public ProgressLine() {
        this(System.out, 1.0);
    }

    /** Prints to {@code out} at most once every {@code seconds} (0 prints every step). */
    public ProgressLine(PrintStream out, double seconds) {
        this(out, seconds, System::nanoTime);
    }

    ProgressLine(PrintStream out, double seconds, LongSupplier clock) {
        this.out = out;
        this.intervalNanos = (long) (seconds * 1e9);
        this.clock = clock;
    }

    @Override
    public void onTrainBegin(History history, long totalSteps) {
        long done = history.steps().isEmpty() ? 0 : history.steps().get(history.steps().size() - 1).step();
        this.totalSteps = done + totalSteps;
        this.lastPrint = clock.getAsLong() - intervalNanos;
    }

    @Override
    public void onStep(History history, History.Step step) {
        long now = clock.getAsLong();
        if (now - lastPrint < intervalNanos) return;
        lastPrint = now;
        StringBuilder s = new StringBuilder();
        s.append("step ").append(step.step()).append('/').append(totalSteps).append("  epoch ").append(step.epoch())
                .append("  batch ").append(step.batch()).append("  loss ").append(FitResult.format(step.loss()));
        step.metrics().forEach((k, v) -> s.append("  ").append(k).append(' ').append(FitResult.format(v)));
        s.append(String.format("  |g| %.3g  %.1f s", step.gradNorm(), step.seconds()));
        out.println(s);
    }

    @Override
    public void onEpochEnd(History history, History.Epoch epoch) {
        StringBuilder s = new StringBuilder("epoch ").append(epoch.epoch());
        append(s, "", epoch.train());
        append(s, "val_", epoch.validation());
        out.println(s.append(String.format("  (%.1f s)", epoch.seconds())));
    }

    @Override
    public void onTrainEnd(History history) {
        out.flush();
    }

    private static void append(StringBuilder s, String prefix, Map<String, Double> values) {
        values.forEach((k, v) -> s.append("  ").append(prefix).append(k).append(' ').append(FitResult.format(v)));
    }
}
