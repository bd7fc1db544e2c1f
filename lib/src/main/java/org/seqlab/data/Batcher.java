package org.seqlab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.Shapes;

/**
 * Cuts a list of {@link Sequence}s into padded, masked, time-major {@link SequenceBatch}es.
 *
 * <pre>
 *   Batcher batches = Batcher.of(train, 32).shuffled(42).bucketed();
 *   for (SequenceBatch b : batches.epoch(e)) { ... }      // x [T, B, D], mask [T, B]
 * </pre>
 *
 * Without {@link #shuffled(long)} the batches follow the list's order. With it, epoch {@code e}
 * uses its own permutation drawn from {@code seed} and {@code e}: reruns repeat, epochs differ.
 * {@link #bucketed()} groups sequences of similar length into the same batch (less padding, so
 * less wasted computation) and then shuffles the order of the batches. A Batcher is immutable.
 */
public final class Batcher {
    private final List<Sequence> data;
    private final int batchSize;
    private final Long seed;
    private final boolean bucketed;

    private Batcher(List<Sequence> data, int batchSize, Long seed, boolean bucketed) {
        this.data = data;
        this.batchSize = batchSize;
        this.seed = seed;
        this.bucketed = bucketed;
    }

    /** Batches of {@code batchSize} sequences (the last one may be smaller), in list order. */
    public static Batcher of(List<Sequence> data, int batchSize) {
        Shapes.require(batchSize > 0, "batchSize must be positive but is %d", batchSize);
        Shapes.require(!data.isEmpty(), "there must be at least one sequence to batch");
        Sequence first = data.get(0);
        for (int i = 0; i < data.size(); i++) {
            Sequence s = data.get(i);
            Shapes.require(s.input() == first.input() && s.target() == first.target() && s.width() == first.width(),
                    "sequence %d is %s but sequence 0 is %s: a batch needs one input kind, width and target kind",
                    i, s, first);
        }
        return new Batcher(List.copyOf(data), batchSize, null, false);
    }

    /** The same batching with a fresh order every epoch, drawn from {@code seed}. */
    public Batcher shuffled(long seed) {
        return new Batcher(data, batchSize, seed, bucketed);
    }

    /** The same batching with sequences of similar length put together. */
    public Batcher bucketed() {
        return new Batcher(data, batchSize, seed, true);
    }

    /**
     * Whether every epoch's batches follow the list's order (neither {@link #shuffled} nor {@link #bucketed}):
     * batch k holds sequences {@code k·batchSize ...} in every epoch.
     */
    public boolean inListOrder() {
        return seed == null && !bucketed;
    }

    /** The number of batches per epoch, {@code ⌈N / batchSize⌉}. */
    public int batchesPerEpoch() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    /** The number of sequences {@code N}. */
    public int size() {
        return data.size();
    }

    /** The batches of epoch {@code epoch} (0-based). */
    public List<SequenceBatch> epoch(int epoch) {
        List<SequenceBatch> batches = new ArrayList<>();
        for (int[] group : indices(epoch)) batches.add(batch(data, group));
        return batches;
    }

    /**
     * Which sequences (indices into the list) form each batch of epoch {@code epoch}. Use it to
     * batch two aligned lists the same way (an encoder's sources and a decoder's targets) with
     * {@link #batch(List, int[])}, or to find the examples behind a batch.
     */
    public List<int[]> indices(int epoch) {
        int n = data.size();
        List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        Random rng = seed == null ? null : new Random(seed * 1_000_003L + epoch);
        if (rng != null) Collections.shuffle(order, rng);
        if (bucketed) order.sort(Comparator.comparingInt(i -> data.get(i).length()));
        List<int[]> groups = new ArrayList<>();
        for (int start = 0; start < n; start += batchSize) {
            groups.add(order.subList(start, Math.min(n, start + batchSize)).stream().mapToInt(Integer::intValue).toArray());
        }
        if (bucketed && rng != null) Collections.shuffle(groups, rng);
        return groups;
    }

    /** One batch of all of {@code sequences}, in order, padded to the longest. */
    public static SequenceBatch batch(List<Sequence> sequences) {
        return batch(sequences, IntStream.range(0, sequences.size()).toArray());
    }

    /**
     * One batch of {@code sequences[indices[0]], sequences[indices[1]], ...}, padded at the end to
     * the longest: {@code x [T, B, D]} (or {@code [T, B]} ids), {@code mask [T, B]}, targets as
     * documented in {@link SequenceBatch}.
     */
    public static SequenceBatch batch(List<Sequence> sequences, int[] indices) {
        Shapes.require(indices.length > 0, "a batch needs at least one sequence");
        Sequence first = sequences.get(indices[0]);
        int b = indices.length;
        int d = first.width();
        int[] lengths = new int[b];
        for (int i = 0; i < b; i++) lengths[i] = sequences.get(indices[i]).length();
        int t = Arrays.stream(lengths).max().orElseThrow();
        boolean tokens = first.input() == Sequence.Input.TOKENS;
        float[] x = new float[t * b * d];
        float[] mask = new float[t * b];
        for (int i = 0; i < b; i++) {
            Sequence s = sequences.get(indices[i]);
            Shapes.require(s.input() == first.input() && s.width() == d && s.target() == first.target(),
                    "sequence %d is %s but sequence %d is %s: a batch needs one input kind, width and target kind",
                    indices[i], s, indices[0], first);
            for (int step = 0; step < s.length(); step++) {
                System.arraycopy(s.x()[step], 0, x, (step * b + i) * d, d);
                mask[step * b + i] = 1f;
            }
        }
        INDArray xs = tokens ? Nd4j.createFromArray(x).reshape('c', new long[] {t, b}) : Nd4j.createFromArray(x).reshape('c', new long[] {t, b, d});
        INDArray ms = Nd4j.createFromArray(mask).reshape('c', new long[] {t, b});
        return new SequenceBatch(xs, ms, targets(sequences, indices, t), lengths, first.target());
    }

    private static INDArray targets(List<Sequence> sequences, int[] indices, int t) {
        Sequence first = sequences.get(indices[0]);
        int b = indices.length;
        if (first.target() == Sequence.Target.NONE) return null;
        int k = first.y()[0].length;
        for (int idx : indices) {
            Shapes.require(sequences.get(idx).y()[0].length == k,
                    "sequence %d has targets of width %d but sequence %d of width %d", idx,
                    sequences.get(idx).y()[0].length, indices[0], k);
        }
        boolean perStep = first.target() == Sequence.Target.STEP_CLASSES || first.target() == Sequence.Target.STEP_VALUES;
        int rows = perStep ? t : 1;
        float[] y = new float[rows * b * k];
        for (int i = 0; i < b; i++) {
            float[][] yi = sequences.get(indices[i]).y();
            for (int r = 0; r < yi.length; r++) System.arraycopy(yi[r], 0, y, (r * b + i) * k, k);
        }
        INDArray ys = Nd4j.createFromArray(y);
        return switch (first.target()) {
            case STEP_CLASSES -> ys.reshape('c', new long[] {t, b});
            case STEP_VALUES -> ys.reshape('c', new long[] {t, b, k});
            case CLASS -> ys.reshape('c', new long[] {b});
            case VALUES -> ys.reshape('c', new long[] {b, k});
            case NONE -> null;
        };
    }
}
