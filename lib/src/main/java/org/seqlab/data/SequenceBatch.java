package org.seqlab.data;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.seqlab.Shapes;

/**
 * A mini-batch of {@code B} sequences padded to the longest, time-major, in float32.
 *
 * <pre>
 *   x        [T, B, D]  features, or [T, B] token ids (whole numbers stored as float)
 *   mask     [T, B]     1 where step t of sequence b is real, 0 where it is padding
 *   targets  [T, B]     a class id per step         (Target.STEP_CLASSES)
 *            [T, B, K]  K values per step           (Target.STEP_VALUES)
 *            [B]        a class id per sequence     (Target.CLASS)
 *            [B, K]     K values per sequence       (Target.VALUES)
 *            null                                   (Target.NONE)
 *   lengths  [B]        real steps of each sequence: lengths[b] = Σ_t mask[t, b]
 * </pre>
 *
 * Sequences are padded at the end: steps {@code 0 .. lengths[b]-1} are real, so
 * {@code x.slice(t)} is the {@code [B, D]} input at step t and the last real step of sequence b is
 * {@code lengths[b] - 1}. Padded inputs and per-step targets are 0; a model must use the mask so that
 * padded steps change neither the state nor the loss. Class ids are whole numbers in float32 arrays.
 *
 * @param x the inputs, {@code [T, B, D]} or {@code [T, B]}
 * @param mask {@code [T, B]}, 1 = real step, 0 = padding
 * @param targets as in the table above, {@code null} for {@link Sequence.Target#NONE}
 * @param lengths the real length of each sequence, {@code [B]}
 * @param target which of the target layouts {@code targets} has
 */
public record SequenceBatch(INDArray x, INDArray mask, INDArray targets, int[] lengths, Sequence.Target target) {

    /** Checks that the shapes agree with one another and with {@code target}. */
    public SequenceBatch {
        Shapes.require(x != null && (x.rank() == 2 || x.rank() == 3),
                "x must be [T, B, D] or [T, B] but is %s", x == null ? "null" : Arrays.toString(x.shape()));
        long t = x.size(0);
        long b = x.size(1);
        Shapes.check(mask, "mask", "T,B", t, b);
        Shapes.require(lengths != null && lengths.length == b, "lengths must have B=%d entries", b);
        switch (target) {
            case STEP_CLASSES -> Shapes.check(targets, "targets", "T,B", t, b);
            case STEP_VALUES -> Shapes.check(targets, "targets", "T,B,K", t, b, -1);
            case CLASS -> Shapes.check(targets, "targets", "B", b);
            case VALUES -> Shapes.check(targets, "targets", "B,K", b, -1);
            case NONE -> Shapes.require(targets == null, "a batch without target must have targets == null");
        }
    }

    /**
     * A batch whose target layout is read from the shapes: {@code [B]} is CLASS, {@code [T, B, K]}
     * STEP_VALUES, {@code [T, B]} (the mask's shape) STEP_CLASSES, any other rank-2 shape VALUES,
     * {@code null} NONE. When {@code [B, K]} could be mistaken for {@code [T, B]} (K = B and T = B),
     * use the canonical constructor.
     */
    public SequenceBatch(INDArray x, INDArray mask, INDArray targets, int[] lengths) {
        this(x, mask, targets, lengths, infer(mask, targets));
    }

    /** The number of time steps {@code T} (the longest sequence). */
    public int timeSteps() {
        return (int) x.size(0);
    }

    /** The number of sequences {@code B}. */
    public int batchSize() {
        return (int) x.size(1);
    }

    /** Whether {@code x} holds token ids ({@code [T, B]}) rather than features ({@code [T, B, D]}). */
    public boolean tokens() {
        return x.rank() == 2;
    }

    /** The number of real (unpadded) steps in the batch, {@code Σ lengths}. */
    public int realSteps() {
        int n = 0;
        for (int len : lengths) n += len;
        return n;
    }

    /** The last real input of each sequence, {@code x[lengths[b]-1, b]}: {@code [B, D]} features or {@code [B]} ids. */
    public INDArray lastSteps() {
        int b = batchSize();
        if (tokens()) {
            float[] ids = new float[b];
            for (int i = 0; i < b; i++) ids[i] = x.getFloat(lengths[i] - 1, i);
            return Nd4j.createFromArray(ids);
        }
        INDArray last = Nd4j.zeros(DataType.FLOAT, b, x.size(2));
        for (int i = 0; i < b; i++) {
            last.putRow(i, x.get(NDArrayIndex.point(lengths[i] - 1), NDArrayIndex.point(i), NDArrayIndex.all()));
        }
        return last;
    }

    private static Sequence.Target infer(INDArray mask, INDArray targets) {
        if (targets == null) return Sequence.Target.NONE;
        return switch (targets.rank()) {
            case 1 -> Sequence.Target.CLASS;
            case 3 -> Sequence.Target.STEP_VALUES;
            case 2 -> Arrays.equals(targets.shape(), mask.shape())
                    ? Sequence.Target.STEP_CLASSES : Sequence.Target.VALUES;
            default -> throw new IllegalArgumentException("targets must be [T, B], [T, B, K], [B] or [B, K] but is "
                    + Arrays.toString(targets.shape()));
        };
    }
}
