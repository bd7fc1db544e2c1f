package org.seqlab.train;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A plain-text progress report, at most one line per interval while training and one line per epoch; and the
 * one place the progress line is written, which the live chart ({@code org.seqlab.plot.LiveView}) shows too.
 *
 * <pre>
 *   epoch 2 · batch 19 · step 120/1200 (10%) · loss 1.842 · perplexity 6.311 · val loss 1.811 · 37.5 steps/s · 0:03 elapsed · 0:29 left
 *   epoch 2 done · loss 1.790 · perplexity 5.991 · val loss 1.811 · val perplexity 6.117 · 0:06 elapsed
 * </pre>
 *
 * Per-step values (the loss and the model's metrics) are smoothed over the recent steps ({@link Smoothing},
 * β = {@value Smoothing#BETA}), as the loss chart draws them; validation values are the last epoch's.
 */
public final class ProgressLine implements Callback {
    /** How many recent steps the smoothed values of a line are computed over. */
    static final int RECENT = 200;

    private final PrintStream out;
    private final long intervalNanos;
    private final LongSupplier clock;
    private long totalSteps;
    private long done;
    private long start;
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
        this.totalSteps = totalSteps;
        this.done = 0;
        this.start = clock.getAsLong();
        this.lastPrint = start - intervalNanos;
    }

    @Override
    public void onStep(History history, History.Step step) {
        done++;
        long now = clock.getAsLong();
        if (now - lastPrint < intervalNanos) return;
        lastPrint = now;
        out.println(line(history, done, totalSteps, (now - start) / 1e9, Smoothing.BETA));
    }

    @Override
    public void onEpochEnd(History history, History.Epoch epoch) {
        out.println(epochLine(epoch));
    }

    @Override
    public void onTrainEnd(History history) {
        out.flush();
    }

    /**
     * The progress line: where training is, the smoothed loss and metrics, the last validation values, speed
     * and time.
     *
     * @param done optimiser steps since this {@code fit} began
     * @param total planned steps of this {@code fit}, or 0 or less when unknown (then no percentage, no time left)
     * @param elapsedSeconds wall time since this {@code fit} began
     * @param smoothing β of the smoothing of per-step values, in [0, 1)
     */
    public static String line(History history, long done, long total, double elapsedSeconds, double smoothing) {
        StringBuilder s = new StringBuilder();
        List<History.Step> steps = history.steps();
        if (!steps.isEmpty()) {
            History.Step last = steps.get(steps.size() - 1);
            s.append("epoch ").append(last.epoch()).append(" · batch ").append(last.batch()).append(" · ");
        }
        s.append("step ").append(done);
        if (total > 0) {
            s.append('/').append(total).append(String.format(Locale.ROOT, " (%d%%)", Math.round(100.0 * done / total)));
        }
        if (!steps.isEmpty()) {
            List<History.Step> recent = steps.subList(Math.max(0, steps.size() - RECENT), steps.size());
            s.append(" · loss ").append(number(Smoothing.last(
                    recent.stream().mapToDouble(History.Step::loss).toArray(), smoothing)));
            for (String metric : recent.get(recent.size() - 1).metrics().keySet()) {
                double[] values = recent.stream().mapToDouble(x -> x.metrics().getOrDefault(metric, Double.NaN))
                        .toArray();
                s.append(" · ").append(metric).append(' ').append(number(Smoothing.last(values, smoothing)));
            }
        }
        List<History.Epoch> epochs = history.epochs();
        if (!epochs.isEmpty()) append(s, "val ", epochs.get(epochs.size() - 1).validation());
        if (elapsedSeconds > 0 && done > 0) {
            double rate = done / elapsedSeconds;
            s.append(" · ").append(rate >= 10 ? String.format(Locale.ROOT, "%.0f", rate) : number(rate))
                    .append(" steps/s");
        }
        s.append(" · ").append(clock(elapsedSeconds)).append(" elapsed");
        if (total > 0 && done > 0 && done < total) {
            s.append(" · ").append(clock(elapsedSeconds / done * (total - done))).append(" left");
        }
        return s.toString();
    }

    /** The line at an epoch's end: its training averages, its validation values and the time since the run began. */
    public static String epochLine(History.Epoch epoch) {
        StringBuilder s = new StringBuilder("epoch ").append(epoch.epoch()).append(" done");
        append(s, "", epoch.train());
        append(s, "val ", epoch.validation());
        return s.append(" · ").append(clock(epoch.seconds())).append(" elapsed").toString();
    }

    /** A number as the progress line writes it: four significant digits, scientific beyond 10⁴ or below 10⁻³. */
    public static String number(double v) {
        if (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v != 0)) return String.format(Locale.ROOT, "%.3e", v);
        String s = String.format(Locale.ROOT, "%.4g", v);
        return s.contains("e") ? String.format(Locale.ROOT, "%.3e", v) : s;
    }

    /** Seconds as m:ss, or h:mm:ss from an hour on. */
    public static String clock(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static void append(StringBuilder s, String prefix, Map<String, Double> values) {
        values.forEach((k, v) -> s.append(" · ").append(prefix).append(k).append(' ').append(number(v)));
    }
}
