package org.seqlab.grade;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.nn.Parameters;
import org.seqlab.nn.RecurrentCell;
import org.seqlab.nn.State;
import org.seqlab.nn.VanillaRnnCell;
import org.seqlab.train.Clipping;

/**
 * Inputs and expected answers for lesson 04's exercises: clipping gradients by their global norm, and the norm
 * of the gradient as it travels back through a tanh RNN's states.
 *
 * <pre>
 *   ‖g‖ = √(Σ_p Σ_i g_pi²)           if ‖g‖ &gt; c:  g ← g · c / (‖g‖ + 1e-6)      (returns ‖g‖ before clipping)
 *   δh_{t−1} = (δh_t ⊙ (1 − h_t²)) W_hh      reach[k] = ‖δh_{T−k}‖  for the lag k = 0 .. T − 1
 * </pre>
 */
public final class ClipChecks {
    private ClipChecks() {}

    /** Gradients to clip; {@link #grads()} gives a fresh copy each time, since clipping changes them in place. */
    public record Gradients(List<INDArray> tensors) {
        /** Fresh copies of the gradients, in order. */
        public List<INDArray> grads() {
            List<INDArray> copy = new ArrayList<>();
            tensors.forEach(g -> copy.add(g.dup()));
            return copy;
        }
    }

    /**
     * What clipping gives: the norm it returned and the gradients after it.
     *
     * @param norm  the global norm before clipping
     * @param grads the gradients after clipping, in order
     */
    public record Clipped(double norm, List<INDArray> grads) {}

    /** Seeded gradients of the given shapes and type, entries normal with standard deviation {@code scale}. */
    public static Gradients gradients(long seed, double scale, DataType dtype, long[]... shapes) {
        List<INDArray> tensors = new ArrayList<>();
        for (int k = 0; k < shapes.length; k++) {
            tensors.add(Inputs.normal(seed + k, scale, dtype, shapes[k]));
        }
        return new Gradients(tensors);
    }

    /** Expects what {@link Clipping#clipGlobalNorm} does; knows per-tensor clipping, clipping always, no square root. */
    public static Expect clip(Gradients in, double maxNorm) {
        return Expect.value(() -> library(in.grads(), maxNorm))
                .hint("each tensor was clipped by its own norm; the global norm is one norm over every gradient together",
                        () -> perTensor(in.grads(), maxNorm))
                .hint("gradients below the limit must stay as they are: scale only when ‖g‖ > max_norm",
                        () -> always(in.grads(), maxNorm))
                .hint("the norm is the square root of the sum of squares", () -> {
                    List<INDArray> g = in.grads();
                    double norm = norm(g);
                    return new Clipped(norm * norm, library(g, maxNorm).grads());
                })
                .hint("return the norm before clipping, as torch.nn.utils.clip_grad_norm_ does", () -> {
                    Clipped c = library(in.grads(), maxNorm);
                    return new Clipped(norm(c.grads()), c.grads());
                });
    }

    private static Clipped library(List<INDArray> grads, double maxNorm) {
        Parameters parameters = new Parameters();
        for (int k = 0; k < grads.size(); k++) {
            parameters.add("g" + k, grads.get(k).like()).grad().assign(grads.get(k));
        }
        double norm = Clipping.clipGlobalNorm(parameters, maxNorm);
        List<INDArray> after = new ArrayList<>();
        for (var p : parameters) {
            after.add(p.grad().dup());
        }
        return new Clipped(norm, after);
    }

    private static double norm(List<INDArray> grads) {
        double squares = 0;
        for (INDArray g : grads) {
            double n = g.castTo(DataType.DOUBLE).norm2Number().doubleValue();
            squares += n * n;
        }
        return Math.sqrt(squares);
    }

    private static Clipped perTensor(List<INDArray> grads, double maxNorm) {
        double total = norm(grads);
        for (INDArray g : grads) {
            double n = g.castTo(DataType.DOUBLE).norm2Number().doubleValue();
            if (n > maxNorm) {
                g.muli(maxNorm / (n + 1e-6));
            }
        }
        return new Clipped(total, grads);
    }

    private static Clipped always(List<INDArray> grads, double maxNorm) {
        double total = norm(grads);
        for (INDArray g : grads) {
            g.muli(maxNorm / (total + 1e-6));
        }
        return new Clipped(total, grads);
    }

    /** A tanh RNN's recurrent weights, its states over a sequence, and the gradient at the last state. */
    public record Reach(INDArray W_hh, INDArray hs, INDArray dhT) {}

    /**
     * Seeded inputs: a tanh RNN with {@code W_hh} scaled to the given spectral-ish size run over {@code T} random
     * inputs; {@code hs [T, B, H]} holds the states {@code h_1 .. h_T}, {@code dhT [B, H]} is {@code ∂L/∂h_T}.
     */
    public static Reach reach(long seed, int T, int B, int H, double scale, DataType dtype) {
        int D = 2;
        VanillaRnnCell cell = VanillaRnnCell.create(D, H, new Random(seed), dtype);
        cell.parameters().get("weight_hh_l0").set(Inputs.normal(seed + 1, scale / Math.sqrt(H), dtype, H, H));
        INDArray xs = Inputs.normal(seed + 2, 1.0, dtype, T, B, D);
        INDArray hs = Nd4j.zeros(dtype, T, B, H);
        State h = cell.zeroState(B);
        for (int t = 0; t < T; t++) {
            h = cell.forward(xs.slice(t), h).next();
            hs.slice(t).assign(h.h());
        }
        return new Reach(cell.parameters().get("weight_hh_l0").value().dup(), hs, Inputs.normal(seed + 3, 1.0, dtype, B, H));
    }

    /** Expects the norms {@code ‖δh_{T−k}‖} for k = 0 .. T − 1 (a {@code double[]}); knows four mistakes. */
    public static Expect gradientNormOverLag(Reach in) {
        Reach r = new Reach(in.W_hh().dup(), in.hs().dup(), in.dhT().dup());
        return Expect.value(() -> norms(r, false, false))
                .hint("the tanh derivative is missing: δh_{t−1} = (δh_t ⊙ (1 − h_t²)) W_hh", () -> norms(r, true, false))
                .hint("off by one step in time: the derivative at step t uses h_t, the state that step produced, not h_{t−1}",
                        () -> norms(r, false, true))
                .hint("this is what W_hhᵀ gives: δh_{t−1} = δa_t W_hh, since a_t = … + h_{t−1} W_hhᵀ",
                        () -> norms(new Reach(r.W_hh().transpose().dup(), r.hs(), r.dhT()), false, false))
                .hint("the norms are in time order; index them by the lag k = T − t, so reach[0] is the last step",
                        () -> reversed(norms(r, false, false)));
    }

    private static double[] norms(Reach r, boolean noDerivative, boolean previousState) {
        int T = (int) r.hs().size(0), H = (int) r.W_hh().size(0);
        VanillaRnnCell cell = VanillaRnnCell.create(1, H, new Random(0), r.W_hh().dataType());
        cell.parameters().get("weight_hh_l0").set(r.W_hh());
        INDArray x = Nd4j.zeros(r.W_hh().dataType(), r.hs().size(1), 1);
        double[] reach = new double[T];
        INDArray dh = r.dhT().dup();
        for (int k = 0; k < T; k++) {
            reach[k] = dh.castTo(DataType.DOUBLE).norm2Number().doubleValue();
            int t = T - 1 - k;
            if (k == T - 1) {
                break;
            }
            INDArray hAt = previousState ? r.hs().slice(t - 1) : r.hs().slice(t);
            INDArray next = noDerivative ? Nd4j.zeros(hAt.dataType(), hAt.shape()) : hAt;
            // The library's backward step: δh = (δh' ⊙ (1 − h'²)) W_hh, with h' the step's output.
            VanillaRnnCell.Step step = new VanillaRnnCell.Step(State.of(hAt), State.of(next), null);
            RecurrentCell.StepGrad g = cell.backward(step, x, State.of(dh));
            dh = g.dPrev().h();
        }
        return reach;
    }

    private static double[] reversed(double[] a) {
        double[] r = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            r[k] = a[a.length - 1 - k];
        }
        return r;
    }
}
