package org.seqlab.grade;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Inputs and expected answers for lesson 01's exercises: padding sequences into a time-major batch, the mask of
 * real steps, and a mean over the real steps only.
 *
 * <pre>
 *   x    [T, B, D]   x[t, b] = step t + 1 of sequence b, zeros after its end     (T = max_b T_b)
 *   mask [T, B]      1 where t &lt; T_b, else 0
 *   mean [B, D]      Σ_t mask[t, b] x[t, b] / T_b
 * </pre>
 */
public final class MaskChecks {
    private MaskChecks() {}

    /** Sequences of {@code D}-vectors with the given lengths, entries seeded normal numbers rounded to 0.1. */
    public static List<double[][]> sequences(long seed, int D, int... lengths) {
        Random rng = new Random(seed);
        List<double[][]> sequences = new ArrayList<>();
        for (int length : lengths) {
            double[][] s = new double[length][D];
            for (double[] step : s) {
                for (int d = 0; d < D; d++) {
                    step[d] = Math.round(10 * (rng.nextGaussian() + 0.1)) / 10.0;
                }
            }
            sequences.add(s);
        }
        return sequences;
    }

    /** The sequences padded with zeros and stacked time-major, {@code [T, B, D]} float64. */
    public static INDArray padded(List<double[][]> sequences) {
        int T = sequences.stream().mapToInt(s -> s.length).max().orElse(0);
        int D = sequences.stream().filter(s -> s.length > 0).mapToInt(s -> s[0].length).findFirst().orElse(0);
        INDArray x = Nd4j.zeros(DataType.DOUBLE, T, sequences.size(), D);
        for (int b = 0; b < sequences.size(); b++) {
            double[][] s = sequences.get(b);
            for (int t = 0; t < s.length; t++) {
                for (int d = 0; d < D; d++) {
                    x.putScalar(new long[] {t, b, d}, s[t][d]);
                }
            }
        }
        return x;
    }

    /** Expects {@link #padded} of the sequences; knows batch-major stacking and padding at the front. */
    public static Expect padBatch(List<double[][]> sequences) {
        return Expect.value(() -> padded(sequences))
                .hint("the axes are [B, T, D]; the course stacks time-major, [T, B, D], so that x.slice(t) is step t + 1 "
                        + "of every sequence", () -> padded(sequences).permute(1, 0, 2))
                .hint("the zeros come first; each sequence starts at t = 0 and its padding follows its end",
                        () -> paddedAtFront(sequences));
    }

    private static INDArray paddedAtFront(List<double[][]> sequences) {
        INDArray x = padded(sequences).muli(0);
        long T = x.size(0);
        for (int b = 0; b < sequences.size(); b++) {
            double[][] s = sequences.get(b);
            for (int t = 0; t < s.length; t++) {
                for (int d = 0; d < s[t].length; d++) {
                    x.putScalar(new long[] {T - s.length + t, b, d}, s[t][d]);
                }
            }
        }
        return x;
    }

    /** The mask {@code [T, B]} float64 of sequences of the given lengths padded to {@code T} steps. */
    public static INDArray maskOf(int[] lengths, int T) {
        INDArray mask = Nd4j.zeros(DataType.DOUBLE, T, lengths.length);
        for (int b = 0; b < lengths.length; b++) {
            if (lengths[b] < 0 || lengths[b] > T) {
                throw new IllegalArgumentException("length " + lengths[b] + " of sequence " + b + " is not in 0.." + T);
            }
            for (int t = 0; t < lengths[b]; t++) {
                mask.putScalar(t, b, 1.0);
            }
        }
        return mask;
    }

    /** Expects {@link #maskOf}; knows the transposed mask and one step too many or too few. */
    public static Expect mask(int[] lengths, int T) {
        return Expect.value(() -> maskOf(lengths, T))
                .hint("the mask is [B, T]; the course's masks are time-major, [T, B], like the batch they belong to",
                        () -> maskOf(lengths, T).transpose())
                .hint("one step too many: sequence b has T_b real steps, t = 0 .. T_b − 1",
                        () -> maskOf(Arrays.stream(lengths).map(n -> Math.min(n + 1, T)).toArray(), T))
                .hint("one step too few: sequence b has T_b real steps, t = 0 .. T_b − 1",
                        () -> maskOf(Arrays.stream(lengths).map(n -> Math.max(n - 1, 0)).toArray(), T));
    }

    /** A padded batch whose padded steps hold non-zero numbers (a mask must hide them), and its mask. */
    public record Masked(INDArray x, INDArray mask) {}

    /** A batch {@code [T, B, D]} of the given type and lengths, with noise in its padding, and its mask. */
    public static Masked masked(long seed, DataType dtype, int D, int... lengths) {
        int T = Arrays.stream(lengths).max().orElse(0) + 1;
        INDArray x = Inputs.normal(seed, 1.0, DataType.DOUBLE, T, lengths.length, D);
        INDArray mask = maskOf(lengths, T);
        return new Masked(x.castTo(dtype), mask.castTo(dtype));
    }

    /** The mean over real steps, {@code [B, D]} in x's type: Σ_t mask[t, b] x[t, b] / T_b. */
    public static INDArray meanOfRealSteps(INDArray x, INDArray mask) {
        INDArray m = mask.castTo(DataType.DOUBLE);
        INDArray sum = summed(x, mask);
        return sum.diviColumnVector(m.sum(0).reshape(m.size(1), 1)).castTo(x.dataType());
    }

    private static INDArray summed(INDArray x, INDArray mask) {
        INDArray xd = x.castTo(DataType.DOUBLE);
        INDArray m = mask.castTo(DataType.DOUBLE);
        INDArray sum = Nd4j.zeros(DataType.DOUBLE, x.size(1), x.size(2));
        for (long t = 0; t < x.size(0); t++) {
            INDArray step = xd.get(NDArrayIndex.point(t), NDArrayIndex.all(), NDArrayIndex.all());
            sum.addi(step.mulColumnVector(m.getRow(t).reshape(m.size(1), 1)));
        }
        return sum;
    }

    /** Expects {@link #meanOfRealSteps}; knows the mean over all T steps, the masked sum and the batch mean. */
    public static Expect maskedMean(Masked in) {
        INDArray x = in.x().dup(), mask = in.mask().dup();
        return Expect.value(() -> meanOfRealSteps(x, mask))
                .hint("the padding was averaged in: divide the masked sum by T_b, the number of real steps, not by T",
                        () -> summed(x, mask).divi(x.size(0)).castTo(x.dataType()))
                .hint("the padded steps were counted: multiply x by the mask before summing over time",
                        () -> x.mean(0))
                .hint("this is the sum over real steps; the mean divides it by T_b", () -> summed(x, mask).castTo(x.dataType()))
                .hint("the mean ran over the batch (axis 1); average over time (axis 0), one mean per sequence",
                        () -> x.mean(1));
    }
}
