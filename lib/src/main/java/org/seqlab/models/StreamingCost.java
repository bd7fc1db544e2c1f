package org.seqlab.models;

import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import org.seqlab.Shapes;
import org.seqlab.data.Batcher;
import org.seqlab.data.Sequence;
import org.seqlab.data.SequenceBatch;

/**
 * What a prediction at every step costs, two ways: a {@link StreamingPredictor} taking one step from its state,
 * against re-running the model's batch forward over the whole history read so far. Wall-clock time is measured
 * as a benchmark harness does: {@code warmup} untimed runs first (the JIT compiles, caches fill), then
 * {@code repetitions} timed runs with {@link System#nanoTime()}, and the median of those, which one slow run (a
 * garbage collection, another process on the core) does not move.
 *
 * <pre>
 *   StreamingCost.Timing t = StreamingCost.time(() -> model.logits(batch), 3, 15);   // t.median() in µs
 *   double[] perStep = StreamingCost.stepMicros(model.streaming(1), ids, 2, 7);        // [T] µs, step t = 1 … T
 *   double[] rerun = StreamingCost.rerunMicros(model, ids, new int[] {1, 100, 200}, 2, 7);
 * </pre>
 *
 * For speed comparisons that must hold across machines use {@code bench/}: these numbers are for a lesson's
 * chart, taken on whatever machine runs it.
 */
public final class StreamingCost {
    private StreamingCost() {}

    /**
     * The spread of {@code repetitions} timed runs, in microseconds: median and quartiles (nearest-rank).
     *
     * @param warmup untimed runs before
     * @param repetitions timed runs
     */
    public record Timing(int warmup, int repetitions, double median, double lowerQuartile, double upperQuartile) {
        @Override
        public String toString() {
            return String.format("median %.1f µs (quartiles %.1f–%.1f; %d warm-up + %d timed runs)", median,
                    lowerQuartile, upperQuartile, warmup, repetitions);
        }
    }

    /** Runs {@code work} {@code warmup} times untimed, then {@code repetitions} times timed. */
    public static Timing time(Runnable work, int warmup, int repetitions) {
        return time(work, warmup, repetitions, System::nanoTime);
    }

    static Timing time(Runnable work, int warmup, int repetitions, LongSupplier clock) {
        checkCounts(warmup, repetitions);
        for (int i = 0; i < warmup; i++) work.run();
        double[] micros = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            long start = clock.getAsLong();
            work.run();
            micros[i] = (clock.getAsLong() - start) / 1e3;
        }
        return summary(warmup, micros);
    }

    /**
     * The time of each single step of {@code stream} over {@code ids}: for step t = 1 … T, the median over
     * {@code repetitions} passes (each from the zero state, after {@code warmup} untimed passes) of the time the
     * t-th call of {@link StreamingPredictor#stepId} took. The stream is reset before and after.
     *
     * @param stream a predictor of one stream ({@code B = 1}) of token ids
     * @return T medians in microseconds; element t−1 is step t
     */
    public static double[] stepMicros(StreamingPredictor stream, int[] ids, int warmup, int repetitions) {
        return stepMicros(stream, ids, warmup, repetitions, System::nanoTime);
    }

    static double[] stepMicros(StreamingPredictor stream, int[] ids, int warmup, int repetitions, LongSupplier clock) {
        checkCounts(warmup, repetitions);
        Shapes.require(ids.length > 0, "ids is empty: give at least one step to time");
        double[][] micros = new double[ids.length][repetitions];
        for (int pass = 0; pass < warmup + repetitions; pass++) {
            stream.reset();
            for (int t = 0; t < ids.length; t++) {
                long start = clock.getAsLong();
                stream.stepId(ids[t]);
                long end = clock.getAsLong();
                if (pass >= warmup) micros[t][pass - warmup] = (end - start) / 1e3;
            }
        }
        stream.reset();
        double[] medians = new double[ids.length];
        for (int t = 0; t < ids.length; t++) medians[t] = summary(warmup, micros[t]).median();
        return medians;
    }

    /**
     * The time to answer at step t by re-running {@code model} over the whole history {@code ids[0 … t−1]}
     * ({@link CharLanguageModel#logits}, one batch of one sequence, from the zero state), for each t in
     * {@code lengths}. The batches are made before the clock starts, so only the forward pass is timed. The runs
     * go in rounds, each round timing every length once ({@code warmup} untimed rounds first), so a stretch of
     * load on the machine spreads over all lengths instead of inflating one of them.
     *
     * @return one timing per length, in microseconds
     */
    public static Timing[] rerun(CharLanguageModel model, int[] ids, int[] lengths, int warmup, int repetitions) {
        return rerun(model, ids, lengths, warmup, repetitions, System::nanoTime);
    }

    static Timing[] rerun(CharLanguageModel model, int[] ids, int[] lengths, int warmup, int repetitions,
                          LongSupplier clock) {
        checkCounts(warmup, repetitions);
        SequenceBatch[] histories = new SequenceBatch[lengths.length];
        for (int i = 0; i < lengths.length; i++) histories[i] = history(ids, lengths[i]);
        double[][] micros = new double[lengths.length][repetitions];
        for (int round = 0; round < warmup + repetitions; round++) {
            for (int i = 0; i < lengths.length; i++) {
                long start = clock.getAsLong();
                model.logits(histories[i]);
                long end = clock.getAsLong();
                if (round >= warmup) micros[i][round - warmup] = (end - start) / 1e3;
            }
        }
        Timing[] timings = new Timing[lengths.length];
        for (int i = 0; i < lengths.length; i++) timings[i] = summary(warmup, micros[i]);
        return timings;
    }

    /** {@link #rerun}'s medians alone, in microseconds. */
    public static double[] rerunMicros(CharLanguageModel model, int[] ids, int[] lengths, int warmup, int repetitions) {
        return Arrays.stream(rerun(model, ids, lengths, warmup, repetitions)).mapToDouble(Timing::median).toArray();
    }

    /**
     * The bytes the history {@code ids[0 … t−1]} occupies as the model's input, the ids {@code [t, 1]} as a
     * {@link SequenceBatch} holds them: what re-running must keep. (The pass itself needs more: {@code [t, 1, H]}
     * outputs per layer and the logits {@code [t, 1, K]}.)
     */
    public static long historyBytes(int[] ids, int t) {
        SequenceBatch b = history(ids, t);
        return b.x().length() * b.x().dataType().width();
    }

    /** The first {@code t} ids as one next-character sequence: ids {@code [t, 1]}. */
    static SequenceBatch history(int[] ids, int t) {
        Shapes.require(t >= 1 && t <= ids.length, "a history length must be in [1, %d] but is %d", ids.length, t);
        int[] x = Arrays.copyOf(ids, t);
        return Batcher.batch(List.of(Sequence.tokens(x, x)));
    }

    private static void checkCounts(int warmup, int repetitions) {
        Shapes.require(warmup >= 0, "warmup must be >= 0 but is %d", warmup);
        Shapes.require(repetitions >= 1, "repetitions must be >= 1 but is %d", repetitions);
    }

    private static Timing summary(int warmup, double[] micros) {
        double[] s = micros.clone();
        Arrays.sort(s);
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        return new Timing(warmup, n, median, s[(int) Math.ceil(0.25 * n) - 1], s[(int) Math.ceil(0.75 * n) - 1]);
    }
}
