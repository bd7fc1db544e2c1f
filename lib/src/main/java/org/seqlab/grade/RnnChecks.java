package org.seqlab.grade;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.nn.RecurrentCell;
import org.seqlab.nn.State;
import org.seqlab.nn.VanillaRnnCell;

/**
 * Inputs and expected answers for lesson 03's exercises: the vanilla RNN step, its backward step, and
 * backpropagation through time over a sequence. The expected values come from the library's
 * {@link VanillaRnnCell}, in lesson 03's notation:
 *
 * <pre>
 *   a  = x W_ihᵀ + b_ih + h W_hhᵀ + b_hh      [B, H]
 *   h' = tanh(a)
 *   δa = δh' ⊙ (1 − h'²)
 *   δW_ih = δaᵀ x   δW_hh = δaᵀ h   δb = Σ_B δa   δx = δa W_ih   δh = δa W_hh
 * </pre>
 */
public final class RnnChecks {
    private RnnChecks() {}

    /** One step's inputs: {@code x [B, D]}, {@code h [B, H]}, {@code W_ih [H, D]}, {@code W_hh [H, H]}, biases {@code [H]}. */
    public record Step(INDArray x, INDArray h, INDArray W_ih, INDArray W_hh, INDArray b_ih, INDArray b_hh) {}

    /** A backward step's inputs: a step, its output {@code hNext [B, H]} and {@code dhNext = ∂L/∂h' [B, H]}. */
    public record Backward(INDArray x, INDArray h, INDArray hNext, INDArray W_ih, INDArray W_hh, INDArray b_ih,
                           INDArray b_hh, INDArray dhNext) {}

    /**
     * A sequence's inputs: {@code xs [T, B, D]}, {@code h0 [B, H]}, the weights, and {@code dhs [T, B, H]}, the
     * gradient of the loss with respect to each state {@code h_t} from outside the recurrence (the output layer).
     */
    public record Sequence(INDArray xs, INDArray h0, INDArray W_ih, INDArray W_hh, INDArray b_ih, INDArray b_hh,
                           INDArray dhs) {}

    /** Seeded inputs of one step in the given type. */
    public static Step step(long seed, int B, int D, int H, DataType dtype) {
        return new Step(Inputs.normal(seed, 1.0, dtype, B, D), Inputs.uniform(seed + 1, -1, 1, dtype, B, H),
                Inputs.normal(seed + 2, 0.5, dtype, H, D), Inputs.normal(seed + 3, 0.5, dtype, H, H),
                Inputs.normal(seed + 4, 0.3, dtype, H), Inputs.normal(seed + 5, 0.3, dtype, H));
    }

    /** Seeded inputs of a backward step: a step, its forward output, and an incoming gradient. */
    public static Backward backward(long seed, int B, int D, int H, DataType dtype) {
        Step s = step(seed, B, D, H, dtype);
        INDArray hNext = cell(s.W_ih(), s.W_hh(), s.b_ih(), s.b_hh()).forward(s.x(), State.of(s.h())).next().h();
        return new Backward(s.x(), s.h(), hNext, s.W_ih(), s.W_hh(), s.b_ih(), s.b_hh(),
                Inputs.normal(seed + 6, 1.0, dtype, B, H));
    }

    /** Seeded inputs of a sequence of {@code T} steps. */
    public static Sequence sequence(long seed, int T, int B, int D, int H, DataType dtype) {
        Step s = step(seed, B, D, H, dtype);
        return new Sequence(Inputs.normal(seed + 7, 1.0, dtype, T, B, D), s.h(), s.W_ih(), s.W_hh(), s.b_ih(),
                s.b_hh(), Inputs.normal(seed + 8, 1.0, dtype, T, B, H));
    }

    /** Expects h' of the step; knows transposed weights, a missing bias, and a missing tanh. */
    public static Expect step(Step in) {
        Step s = copy(in);
        return Expect.value(() -> forward(s.W_ih(), s.W_hh(), s.b_ih(), s.b_hh(), s).next().h())
                .hint("this is what transposed weights give: a = x W_ihᵀ + h W_hhᵀ (W_ih is [H, D], so x W_ihᵀ is [B, H])",
                        () -> forward(s.W_ih().transpose(), s.W_hh().transpose(), s.b_ih(), s.b_hh(), s).next().h())
                .hint("the biases are missing: a = x W_ihᵀ + b_ih + h W_hhᵀ + b_hh",
                        () -> forward(s.W_ih(), s.W_hh(), s.b_ih().mul(0), s.b_hh().mul(0), s).next().h())
                .hint("b_hh is missing: PyTorch's RNN adds two biases, b_ih and b_hh",
                        () -> forward(s.W_ih(), s.W_hh(), s.b_ih(), s.b_hh().mul(0), s).next().h())
                .hint("the non-linearity is missing: h' = tanh(a)", () -> forward(s.W_ih(), s.W_hh(), s.b_ih(), s.b_hh(), s).a())
                .hint("the previous state is missing: a must include h W_hhᵀ",
                        () -> forward(s.W_ih(), s.W_hh().mul(0), s.b_ih(), s.b_hh(), s).next().h());
    }

    /**
     * Expects the backward step's gradients as components {@code dx, dh, dW_ih, dW_hh, db} ({@code db} is both
     * {@code δb_ih} and {@code δb_hh}); knows a missing tanh derivative, the derivative at the wrong state, a bias
     * gradient not summed over the batch, and transposed weight gradients.
     */
    public static Expect stepBackward(Backward in) {
        Backward b = copy(in);
        return Expect.value(() -> libraryBackward(b))
                .hint("the tanh derivative is missing: δa = δh' ⊙ (1 − h'²)", () -> grads(b, b.dhNext()))
                .hint("the derivative of tanh is taken at the previous state; it is 1 − h'², at the step's output hNext",
                        () -> grads(b, b.dhNext().mul(b.h().mul(b.h()).rsub(1.0))))
                .hint("db must be summed over the batch: δb = Σ_B δa, shape [H]", () -> {
                    Map<String, INDArray> g = grads(b, delta(b));
                    g.put("db", delta(b));
                    return g;
                })
                .hint("db is averaged over the batch; the loss already carries its 1/N, so δb = Σ_B δa",
                        () -> {
                            Map<String, INDArray> g = grads(b, delta(b));
                            g.put("db", delta(b).mean(0));
                            return g;
                        })
                .hint("the weight gradients are transposed: δW_ih = δaᵀ x is [H, D], like W_ih", () -> {
                    Map<String, INDArray> g = grads(b, delta(b));
                    g.put("dW_ih", g.get("dW_ih").transpose());
                    g.put("dW_hh", g.get("dW_hh").transpose());
                    return g;
                });
    }

    /**
     * Expects the gradients of backpropagation through time as components {@code dxs [T, B, D], dh0 [B, H],
     * dW_ih, dW_hh, db}; knows a gradient that does not flow back through the states, and one taken at the last
     * step only.
     */
    public static Expect bptt(Sequence in) {
        Sequence s = copy(in);
        return Expect.value(() -> throughTime(s, true, false))
                .hint("the gradient must also flow back through the states: δh_{t−1} gets δa_t W_hh from step t, "
                        + "added to dhs[t − 1]", () -> throughTime(s, false, false))
                .hint("the weight gradients are summed over every step t = 1 .. T, not taken at the last step only",
                        () -> throughTime(s, true, true));
    }

    // ---- references ----

    static VanillaRnnCell cell(INDArray W_ih, INDArray W_hh, INDArray b_ih, INDArray b_hh) {
        VanillaRnnCell c = VanillaRnnCell.create((int) W_ih.size(1), (int) W_hh.size(0), new Random(0), W_ih.dataType());
        c.parameters().get("weight_ih_l0").set(W_ih);
        c.parameters().get("weight_hh_l0").set(W_hh);
        c.parameters().get("bias_ih_l0").set(b_ih);
        c.parameters().get("bias_hh_l0").set(b_hh);
        return c;
    }

    private static VanillaRnnCell.Step forward(INDArray W_ih, INDArray W_hh, INDArray b_ih, INDArray b_hh, Step s) {
        return cell(W_ih, W_hh, b_ih, b_hh).forward(s.x(), State.of(s.h()));
    }

    private static Map<String, INDArray> libraryBackward(Backward b) {
        VanillaRnnCell c = cell(b.W_ih(), b.W_hh(), b.b_ih(), b.b_hh());
        VanillaRnnCell.Step step = c.forward(b.x(), State.of(b.h()));
        c.parameters().zeroGrad();
        RecurrentCell.StepGrad g = c.backward(step, b.x(), State.of(b.dhNext()));
        Map<String, INDArray> grads = new LinkedHashMap<>();
        grads.put("dx", g.dInput());
        grads.put("dh", g.dPrev().h());
        grads.put("dW_ih", c.parameters().get("weight_ih_l0").grad().dup());
        grads.put("dW_hh", c.parameters().get("weight_hh_l0").grad().dup());
        grads.put("db", c.parameters().get("bias_ih_l0").grad().dup());
        return grads;
    }

    private static INDArray delta(Backward b) {
        return b.dhNext().mul(b.hNext().mul(b.hNext()).rsub(1.0));
    }

    /** The gradients for a given δa, by the javadoc's equations (what the mistakes change δa into). */
    private static Map<String, INDArray> grads(Backward b, INDArray da) {
        Map<String, INDArray> g = new LinkedHashMap<>();
        g.put("dx", da.mmul(b.W_ih()));
        g.put("dh", da.mmul(b.W_hh()));
        g.put("dW_ih", da.transpose().mmul(b.x()));
        g.put("dW_hh", da.transpose().mmul(b.h()));
        g.put("db", da.sum(0));
        return g;
    }

    private static Map<String, INDArray> throughTime(Sequence s, boolean flow, boolean lastOnly) {
        VanillaRnnCell c = cell(s.W_ih(), s.W_hh(), s.b_ih(), s.b_hh());
        int T = (int) s.xs().size(0);
        List<VanillaRnnCell.Step> steps = new ArrayList<>();
        State h = State.of(s.h0());
        for (int t = 0; t < T; t++) {
            VanillaRnnCell.Step step = c.forward(s.xs().slice(t), h);
            steps.add(step);
            h = step.next();
        }
        c.parameters().zeroGrad();
        INDArray dxs = Nd4j.zeros(s.xs().dataType(), s.xs().shape());
        INDArray dhLater = s.h0().like();
        for (int t = T - 1; t >= (lastOnly ? T - 1 : 0); t--) {
            INDArray dh = s.dhs().slice(t).add(flow ? dhLater : dhLater.mul(0));
            RecurrentCell.StepGrad g = c.backward(steps.get(t), s.xs().slice(t), State.of(dh));
            dxs.slice(t).assign(g.dInput());
            dhLater = g.dPrev().h();
        }
        Map<String, INDArray> grads = new LinkedHashMap<>();
        grads.put("dxs", dxs);
        grads.put("dh0", dhLater);
        grads.put("dW_ih", c.parameters().get("weight_ih_l0").grad().dup());
        grads.put("dW_hh", c.parameters().get("weight_hh_l0").grad().dup());
        grads.put("db", c.parameters().get("bias_ih_l0").grad().dup());
        return grads;
    }

    private static Step copy(Step s) {
        return new Step(s.x().dup(), s.h().dup(), s.W_ih().dup(), s.W_hh().dup(), s.b_ih().dup(), s.b_hh().dup());
    }

    private static Backward copy(Backward b) {
        return new Backward(b.x().dup(), b.h().dup(), b.hNext().dup(), b.W_ih().dup(), b.W_hh().dup(), b.b_ih().dup(),
                b.b_hh().dup(), b.dhNext().dup());
    }

    private static Sequence copy(Sequence s) {
        return new Sequence(s.xs().dup(), s.h0().dup(), s.W_ih().dup(), s.W_hh().dup(), s.b_ih().dup(), s.b_hh().dup(),
                s.dhs().dup());
    }
}
