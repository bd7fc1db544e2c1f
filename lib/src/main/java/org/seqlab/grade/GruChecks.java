package org.seqlab.grade;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.seqlab.nn.GruCell;
import org.seqlab.nn.State;

/**
 * Inputs and expected answers for lesson 06's exercises: one GRU step in PyTorch's formulation and gate order
 * (r, z, n), the library's {@link GruCell} as the reference, and the number of parameters of a GRU layer.
 *
 * <pre>
 *   a_i = x W_ihᵀ + b_ih     a_h = h W_hhᵀ + b_hh          [B, 3H], blocks r, z, n
 *   r = σ(a_i,r + a_h,r)     z = σ(a_i,z + a_h,z)
 *   n = tanh(a_i,n + r ⊙ a_h,n)          (the reset gate scales W_hn h + b_hn: PyTorch's and cuDNN's choice)
 *   h' = (1 − z) ⊙ n + z ⊙ h
 * </pre>
 *
 * Parameters of one layer with input size D and hidden size H, as PyTorch's {@code nn.GRU} counts them (two bias
 * vectors, {@code bias_ih} and {@code bias_hh}): {@code 3 (H D + H² + 2 H)}.
 */
public final class GruChecks {
    private GruChecks() {}

    /** One step's inputs: {@code x [B, D]}, {@code h [B, H]}, {@code W_ih [3H, D]}, {@code W_hh [3H, H]}, biases {@code [3H]}. */
    public record Step(INDArray x, INDArray h, INDArray W_ih, INDArray W_hh, INDArray b_ih, INDArray b_hh) {}

    /** Seeded inputs of one step in the given type. */
    public static Step step(long seed, int B, int D, int H, DataType dtype) {
        return new Step(Inputs.normal(seed, 1.0, dtype, B, D), Inputs.uniform(seed + 1, -1, 1, dtype, B, H),
                Inputs.normal(seed + 3, 0.5, dtype, 3 * H, D), Inputs.normal(seed + 4, 0.5, dtype, 3 * H, H),
                Inputs.normal(seed + 5, 0.3, dtype, 3 * H), Inputs.normal(seed + 6, 0.3, dtype, 3 * H));
    }

    /**
     * Expects {@code h'} {@code [B, H]}; knows the update gate's two roles swapped, the reset gate applied to
     * {@code h} before {@code W_hn} (Cho et al. 2014's original form, not PyTorch's), the gate blocks read in the
     * order (z, r, n), and a candidate without its tanh.
     */
    public static Expect forward(Step in) {
        Step s = copy(in);
        return Expect.value(() -> cell(s).forward(s.x(), State.of(s.h())).next().h())
                .hint("the update gate's roles are swapped: h' = (1 − z) ⊙ n + z ⊙ h, so z keeps the old state",
                        () -> manual(s, new int[] {0, 1, 2}, true, false, true))
                .hint("the reset gate multiplies W_hn h + b_hn (PyTorch's GRU), not h before the product",
                        () -> manual(s, new int[] {0, 1, 2}, false, true, true))
                .hint("the gates are in the wrong order: PyTorch stacks the blocks of W_ih and W_hh as r, z, n",
                        () -> manual(s, new int[] {1, 0, 2}, false, false, true))
                .hint("the candidate is missing its tanh: n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))",
                        () -> manual(s, new int[] {0, 1, 2}, false, false, false));
    }

    /**
     * Expects the number of scalars in one GRU layer, {@code 3 (H D + H² + 2 H)}; knows one bias vector instead
     * of two, no biases, an LSTM's four blocks, and a single block.
     */
    public static Expect parameterCount(long D, long H) {
        return Expect.equalTo(3 * (H * D + H * H + 2 * H))
                .hint("PyTorch's GRU has two bias vectors, bias_ih and bias_hh, each 3H long", () -> 3 * (H * D + H * H + H))
                .hint("the biases are missing: each of the three blocks has b_ih and b_hh of H entries", () -> 3 * (H * D + H * H))
                .hint("that is an LSTM's count: a GRU has three blocks (r, z, n), not four", () -> 4 * (H * D + H * H + 2 * H))
                .hint("there are three blocks (r, z, n), each with its own W_i·, W_h·, b_i·, b_h·", () -> H * D + H * H + 2 * H);
    }

    /**
     * Expects the largest GRU hidden size whose layer has at most as many parameters as an LSTM layer of input size
     * {@code D} and hidden size {@code lstmHidden} ({@code 4 H (D + H + 2)}); knows the first size over the budget
     * and the LSTM's own hidden size.
     *
     * @throws IllegalArgumentException when {@code D} or {@code lstmHidden} is below 1
     */
    public static Expect hiddenForLstmBudget(long D, long lstmHidden) {
        if (D < 1 || lstmHidden < 1) {
            throw new IllegalArgumentException("D and lstmHidden must be at least 1, got D = " + D + ", lstmHidden = " + lstmHidden);
        }
        long budget = 4 * lstmHidden * (D + lstmHidden + 2);
        long H = 0;
        while (3 * (H + 1) * (D + H + 3) <= budget) {
            H++;
        }
        long answer = H;
        return Expect.equalTo(answer)
                .hint("that hidden size is one over the budget: return the largest H whose count is at most the LSTM's",
                        () -> answer + 1)
                .hint("that is the LSTM's own hidden size: at the same budget a GRU, with three blocks, gets a larger H",
                        () -> lstmHidden);
    }

    // ---- references ----

    static GruCell cell(Step s) {
        GruCell c = GruCell.create((int) s.x().size(1), (int) s.h().size(1), new Random(0), s.x().dataType());
        c.parameters().get("weight_ih_l0").set(s.W_ih());
        c.parameters().get("weight_hh_l0").set(s.W_hh());
        c.parameters().get("bias_ih_l0").set(s.b_ih());
        c.parameters().get("bias_hh_l0").set(s.b_hh());
        return c;
    }

    /**
     * The step by the class javadoc's equations, one line each, with the blocks taken in {@code order} (r, z, n at
     * positions 0..2), the update gate's roles swapped or not, the reset gate applied before {@code W_hn} or not,
     * tanh on the candidate or not: the reference's independent twin and the known mistakes.
     */
    static INDArray manual(Step s, int[] order, boolean swapZ, boolean resetBefore, boolean tanhN) {
        long H = s.h().size(1);
        INDArray ai = s.x().mmul(s.W_ih().transpose()).addiRowVector(s.b_ih());
        INDArray ah = s.h().mmul(s.W_hh().transpose()).addiRowVector(s.b_hh());
        INDArray r = Transforms.sigmoid(block(ai, order[0], H).addi(block(ah, order[0], H)), false);
        INDArray z = Transforms.sigmoid(block(ai, order[1], H).addi(block(ah, order[1], H)), false);
        INDArray recurrent;
        if (resetBefore) {
            INDArray W_hn = s.W_hh().get(NDArrayIndex.interval(order[2] * H, (order[2] + 1) * H), NDArrayIndex.all());
            INDArray b_hn = s.b_hh().get(NDArrayIndex.interval(order[2] * H, (order[2] + 1) * H));
            recurrent = r.mul(s.h()).mmul(W_hn.transpose()).addiRowVector(b_hn);
        } else {
            recurrent = r.mul(block(ah, order[2], H));
        }
        INDArray a = block(ai, order[2], H).addi(recurrent);
        INDArray n = tanhN ? Transforms.tanh(a, false) : a;
        INDArray keep = swapZ ? z.rsub(1.0) : z;
        return keep.rsub(1.0).muli(n).addi(keep.mul(s.h()));
    }

    private static INDArray block(INDArray a, int k, long H) {
        return a.get(NDArrayIndex.all(), NDArrayIndex.interval(k * H, (k + 1) * H)).dup();
    }

    private static Step copy(Step s) {
        return new Step(s.x().dup(), s.h().dup(), s.W_ih().dup(), s.W_hh().dup(), s.b_ih().dup(), s.b_hh().dup());
    }
}
