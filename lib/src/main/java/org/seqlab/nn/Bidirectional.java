package org.seqlab.nn;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.seqlab.Shapes;

/**
 * Two recurrent stacks reading each sequence in opposite directions (Schuster &amp; Paliwal 1997), as PyTorch's
 * {@code bidirectional=True}: the outputs of both, side by side.
 *
 * <pre>
 *   →h_t = forward stack over x_1 … x_L                        [B, H]    (L = the sequence's own length)
 *   ←h_t = reverse stack over x_L … x_1, read back in step order [B, H]
 *   y_t  = [→h_t ; ←h_t]                                       [T, B, 2H]   zero at padded steps
 *   last = [→h_L ; ←h_1]                                       [B, 2H]      what each direction read last
 * </pre>
 *
 * Each sequence's own real steps are reversed (padding stays at the end), so the reverse stack starts at the last
 * real base, never at padding. Parameters are named as PyTorch names them: the forward stack's {@code weight_ih_l0}
 * …, the reverse stack's {@code weight_ih_l0_reverse} …; with one layer the numbers are PyTorch's too (checked
 * against it). With more layers each direction is a stack of its own — the reverse stack's layer 2 reads only the
 * reverse layer 1 — whereas PyTorch's layer 2 reads both directions' outputs of layer 1.
 *
 * <pre>
 *   Bidirectional bi = Bidirectional.of(Recurrent.gru(4, 32, 1, rng), Recurrent.gru(4, 32, 1, rng));
 *   Bidirectional.Output out = bi.forward(x, mask);            // out.outputs() [T, B, 64], out.last() [B, 64]
 *   INDArray dx = bi.backward(out, dOutputs, dLast);           // adds into both stacks' Parameter.grad()
 * </pre>
 */
public final class Bidirectional {
    private final Recurrent forward;
    private final Recurrent reverse;
    private final Parameters parameters = new Parameters();

    /**
     * What {@link #forward} returns.
     *
     * @param outputs {@code [T, B, 2H]}: the forward stack's top outputs, then the reverse stack's
     * @param last {@code [B, 2H]}: the forward stack's state after each sequence's last real step, then the reverse
     *     stack's after reading back to step 1
     */
    public record Output(INDArray outputs, INDArray last, Pass pass) {}

    /** The two passes and the lengths, what {@link #backward} needs; valid until the next {@link #forward}. */
    public record Pass(Recurrent.Output forward, Recurrent.Output reverse, int[] lengths) {}

    private Bidirectional(Recurrent forward, Recurrent reverse) {
        this.forward = forward;
        this.reverse = reverse;
        for (String n : forward.parameters().names()) parameters.put(n, forward.parameters().get(n));
        for (String n : reverse.parameters().names()) parameters.put(n + "_reverse", reverse.parameters().get(n));
    }

    /**
     * Pairs two stacks of the same input size, hidden size, depth and data type.
     *
     * @throws IllegalArgumentException when they differ, or are the same object (the directions need weights of
     *     their own)
     */
    public static Bidirectional of(Recurrent forward, Recurrent reverse) {
        Shapes.require(forward != reverse, "the two directions must be two Recurrent objects, not one used twice");
        Shapes.require(forward.inputSize() == reverse.inputSize() && forward.hiddenSize() == reverse.hiddenSize()
                        && forward.numLayers() == reverse.numLayers() && forward.dtype() == reverse.dtype(),
                "the two directions must match: forward is %s, reverse is %s", forward, reverse);
        return new Bidirectional(forward, reverse);
    }

    /** Both stacks' parameters, the reverse stack's with the suffix {@code _reverse}. */
    public Parameters parameters() {
        return parameters;
    }

    /** H of one direction; outputs have 2H features. */
    public int hiddenSize() {
        return forward.hiddenSize();
    }

    /**
     * Runs both directions over dense inputs.
     *
     * @param x {@code [T, B, D]} in the stacks' data type
     * @param mask {@code [T, B]}, 1 = real step, padding only at the end of a sequence; {@code null} = all real
     */
    public Output forward(INDArray x, INDArray mask) {
        Shapes.check(x, "x", "T,B,D", -1, -1, forward.inputSize());
        int[] lengths = lengths(mask, (int) x.size(0), (int) x.size(1));
        Recurrent.Output f = forward.forward(x, mask, null);
        Recurrent.Output r = reverse.forward(flip(x, lengths), mask, null);
        INDArray outputs = Nd4j.concat(2, f.outputs(), flip(r.outputs(), lengths));
        INDArray last = Nd4j.concat(1, f.finalState().h(), r.finalState().h());
        return new Output(outputs, last, new Pass(f, r, lengths));
    }

    /**
     * Back-propagation through both directions: adds every parameter's gradient into {@link Parameter#grad()} and
     * returns ∂L/∂x {@code [T, B, D]}, the sum of what reaches x through each direction.
     *
     * @param dOutputs ∂L/∂outputs {@code [T, B, 2H]}, or {@code null} for a loss on {@code last} only
     * @param dLast ∂L/∂last {@code [B, 2H]}, or {@code null} for a loss on the outputs only
     */
    public INDArray backward(Output out, INDArray dOutputs, INDArray dLast) {
        Shapes.require(dOutputs != null || dLast != null, "backward needs dOutputs, dLast or both; both are null");
        int h = hiddenSize();
        int[] lengths = out.pass().lengths();
        INDArray dF = null, dR = null;
        if (dOutputs != null) {
            Shapes.check(dOutputs, "dOutputs", "T,B,2H", out.outputs().size(0), out.outputs().size(1), 2L * h);
            dF = dOutputs.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, h)).dup();
            dR = flip(dOutputs.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(h, 2 * h)).dup(),
                    lengths);
        }
        List<State> dLastF = null, dLastR = null;
        if (dLast != null) {
            Shapes.check(dLast, "dLast", "B,2H", out.last().size(0), 2L * h);
            dLastF = top(dLast.get(NDArrayIndex.all(), NDArrayIndex.interval(0, h)).dup());
            dLastR = top(dLast.get(NDArrayIndex.all(), NDArrayIndex.interval(h, 2 * h)).dup());
        }
        INDArray dxF = forward.backward(out.pass().forward().cache(), dF, dLastF).dx();
        INDArray dxR = reverse.backward(out.pass().reverse().cache(), dR, dLastR).dx();
        return dxF.add(flip(dxR, lengths));
    }

    /** ∂L/∂(final state) with {@code dh} on the top layer's h, zero on the layers below. */
    private List<State> top(INDArray dh) {
        List<State> d = new ArrayList<>();
        for (int l = 0; l < forward.numLayers() - 1; l++) d.add(null);
        d.add(State.of(dh));
        return d;
    }

    /** Each sequence's real steps, checking that padding comes only at the end. */
    private static int[] lengths(INDArray mask, int steps, int batch) {
        int[] lengths = new int[batch];
        if (mask == null) {
            java.util.Arrays.fill(lengths, steps);
            return lengths;
        }
        Shapes.check(mask, "mask", "T,B", steps, batch);
        for (int b = 0; b < batch; b++) {
            int n = 0;
            while (n < steps && mask.getDouble(n, b) != 0) n++;
            for (int t = n; t < steps; t++) {
                Shapes.require(mask.getDouble(t, b) == 0, "sequence %d of the batch has a real step %d after padding"
                        + " at step %d: a bidirectional layer needs padding at the end only", b, t, n);
            }
            lengths[b] = n;
        }
        return lengths;
    }

    /** {@code a [T, B, K]} with each sequence's first {@code lengths[b]} steps in reverse order; the rest zero. */
    static INDArray flip(INDArray a, int[] lengths) {
        INDArray out = Nd4j.zeros(a.dataType(), a.shape());
        for (int b = 0; b < lengths.length; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                out.get(NDArrayIndex.point(lengths[b] - 1 - t), NDArrayIndex.point(b), NDArrayIndex.all())
                        .assign(a.get(NDArrayIndex.point(t), NDArrayIndex.point(b), NDArrayIndex.all()));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Bidirectional[" + forward + " | reverse " + reverse + "]";
    }
}
