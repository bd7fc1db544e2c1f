package org.seqlab.grade;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.seqlab.nn.LstmCell;
import org.seqlab.nn.State;

/**
 * Inputs and expected answers for lesson 05's exercises: one LSTM step forward and its backward step, in PyTorch's
 * layout and gate order (i, f, g, o), the library's {@link LstmCell} as the reference.
 *
 * <pre>
 *   z  = x W_ihᵀ + b_ih + h W_hhᵀ + b_hh          [B, 4H], blocks i, f, g, o
 *   i, f, o = σ(z_i), σ(z_f), σ(z_o)    g = tanh(z_g)
 *   c' = f ⊙ c + i ⊙ g     h' = o ⊙ tanh(c')
 * </pre>
 *
 * Answers are compared component by component: a forward step as {@code h, c}; a backward step as
 * {@code dx, dh, dc, dW_ih, dW_hh, db} (δb is the gradient of either bias).
 */
public final class LstmChecks {
    private LstmChecks() {}

    /** One step's inputs: {@code x [B, D]}, {@code h, c [B, H]}, {@code W_ih [4H, D]}, {@code W_hh [4H, H]}, biases {@code [4H]}. */
    public record Step(INDArray x, INDArray h, INDArray c, INDArray W_ih, INDArray W_hh, INDArray b_ih, INDArray b_hh) {}

    /** A backward step's inputs: a step and the gradients reaching its outputs, {@code dhNext, dcNext [B, H]}. */
    public record Backward(Step step, INDArray dhNext, INDArray dcNext) {}

    /** Seeded inputs of one step in the given type. */
    public static Step step(long seed, int B, int D, int H, DataType dtype) {
        return new Step(Inputs.normal(seed, 1.0, dtype, B, D), Inputs.uniform(seed + 1, -1, 1, dtype, B, H),
                Inputs.normal(seed + 2, 1.0, dtype, B, H), Inputs.normal(seed + 3, 0.5, dtype, 4 * H, D),
                Inputs.normal(seed + 4, 0.5, dtype, 4 * H, H), Inputs.normal(seed + 5, 0.3, dtype, 4 * H),
                Inputs.normal(seed + 6, 0.3, dtype, 4 * H));
    }

    /** Seeded inputs of a backward step. */
    public static Backward backward(long seed, int B, int D, int H, DataType dtype) {
        return new Backward(step(seed, B, D, H, dtype), Inputs.normal(seed + 7, 1.0, dtype, B, H),
                Inputs.normal(seed + 8, 1.0, dtype, B, H));
    }

    /**
     * Expects {@code h, c} after the step; knows the gates in the order (i, f, o, g), a cell state that forgets
     * everything, and a missing tanh on the cell state.
     */
    public static Expect forward(Step in) {
        Step s = copy(in);
        return Expect.value(() -> state(cell(s).forward(s.x(), new State(s.h(), s.c())).next()))
                .hint("the gates are in the wrong order: PyTorch stacks the blocks of W_ih and W_hh as i, f, g, o, "
                        + "so g (tanh) is the third block and o the fourth", () -> manual(s, new int[] {0, 1, 3, 2}, true, true))
                .hint("the old cell state is missing: c' = f ⊙ c + i ⊙ g", () -> manual(s, new int[] {0, 1, 2, 3}, false, true))
                .hint("the tanh on the cell state is missing: h' = o ⊙ tanh(c')", () -> manual(s, new int[] {0, 1, 2, 3}, true, false));
    }

    /** Expects {@code dx, dh, dc, dW_ih, dW_hh, db}; knows a backward step that drops the gradient δc' from the next step. */
    public static Expect backward(Backward in) {
        Backward b = new Backward(copy(in.step()), in.dhNext().dup(), in.dcNext().dup());
        return Expect.value(() -> grads(b, b.dcNext()))
                .hint("δc' from the next step is missing: δc = δc' + δh' ⊙ o ⊙ (1 − tanh²(c'))",
                        () -> grads(b, b.dcNext().mul(0)));
    }

    // ---- references ----

    static LstmCell cell(Step s) {
        int H = (int) s.h().size(1);
        LstmCell c = LstmCell.create((int) s.x().size(1), H, new Random(0), s.x().dataType());
        c.parameters().get("weight_ih_l0").set(s.W_ih());
        c.parameters().get("weight_hh_l0").set(s.W_hh());
        c.parameters().get("bias_ih_l0").set(s.b_ih());
        c.parameters().get("bias_hh_l0").set(s.b_hh());
        return c;
    }

    private static Map<String, INDArray> state(State next) {
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put("h", next.h());
        m.put("c", next.c());
        return m;
    }

    private static Map<String, INDArray> grads(Backward b, INDArray dcNext) {
        Step s = b.step();
        LstmCell c = cell(s);
        LstmCell.Step step = c.forward(s.x(), new State(s.h(), s.c()));
        c.parameters().zeroGrad();
        var g = c.backward(step, s.x(), new State(b.dhNext(), dcNext));
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put("dx", g.dInput());
        m.put("dh", g.dPrev().h());
        m.put("dc", g.dPrev().c());
        m.put("dW_ih", c.parameters().get("weight_ih_l0").grad().dup());
        m.put("dW_hh", c.parameters().get("weight_hh_l0").grad().dup());
        m.put("db", c.parameters().get("bias_ih_l0").grad().dup());
        return m;
    }

    /**
     * The step by the class javadoc's equations, one line each, with the blocks taken in {@code order} (i, f, g, o
     * at positions 0..3), the old cell state kept or not, tanh on c' or not: the reference's independent twin and
     * the known mistakes.
     */
    static Map<String, INDArray> manual(Step s, int[] order, boolean keepC, boolean tanhC) {
        INDArray z = s.x().mmul(s.W_ih().transpose()).addiRowVector(s.b_ih())
                .addi(s.h().mmul(s.W_hh().transpose())).addiRowVector(s.b_hh());
        long H = s.h().size(1);
        INDArray[] blocks = new INDArray[4];
        for (int k = 0; k < 4; k++) {
            blocks[k] = z.get(NDArrayIndex.all(), NDArrayIndex.interval(order[k] * H, (order[k] + 1) * H)).dup();
        }
        INDArray i = Transforms.sigmoid(blocks[0], false), f = Transforms.sigmoid(blocks[1], false);
        INDArray g = Transforms.tanh(blocks[2], false), o = Transforms.sigmoid(blocks[3], false);
        INDArray c = (keepC ? f.mul(s.c()) : Nd4j.zeros(s.c().dataType(), s.c().shape())).addi(i.mul(g));
        INDArray h = (tanhC ? Transforms.tanh(c, true) : c.dup()).muli(o);
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put("h", h);
        m.put("c", c);
        return m;
    }

    private static Step copy(Step s) {
        return new Step(s.x().dup(), s.h().dup(), s.c().dup(), s.W_ih().dup(), s.W_hh().dup(), s.b_ih().dup(), s.b_hh().dup());
    }
}
