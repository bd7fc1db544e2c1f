package org.seqlab.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One time step of a recurrent network, {@code (x_t [B, D], s_{t−1}) → s_t}, and its hand-written backward
 * step: what a learner implements to make a cell of their own, and what {@link VanillaRnnCell},
 * {@link LstmCell} and {@link GruCell} implement. {@link Recurrent} unrolls any implementation over a sequence
 * (masks, initial states, stacking, truncated BPTT) and {@code Trainer} trains it.
 *
 * <p>A cell must provide four things (the rest have defaults):
 *
 * <ul>
 *   <li>{@link #inputSize()} D and {@link #hiddenSize()} H;
 *   <li>{@link #parameters()}: every tensor training changes, each with a gradient array of the same shape
 *       ({@link Parameters#add});
 *   <li>{@link #forward}: one step. Given {@code x [B, D]} and the previous state {@code prev} (parts
 *       {@code [B, H]}), return a {@link Step} record holding {@code prev}, the new state {@code next} (new
 *       arrays, parts {@code [B, H]}) and whatever the backward step will need (gates, pre-activations). It
 *       must not change {@code x} or {@code prev}.
 *   <li>{@link #backward}: the chain rule through that step. Given the record {@code forward} returned, the
 *       same {@code x}, and {@code dNext} = δs_t = ∂L/∂s_t (parts {@code [B, H]}; a {@code c} part may be
 *       {@code null}, meaning zero), it <em>adds</em> ∂L/∂θ of this step to every parameter's
 *       {@link Parameter#grad()} (never overwrites: the gradients of all steps sum up) and returns
 *       {@link StepGrad} with δx_t = ∂L/∂x_t {@code [B, D]} and δs_{t−1} = ∂L/∂s_{t−1} (parts {@code [B, H]},
 *       including the {@code c} part when the cell has one). It must not change its arguments.
 * </ul>
 *
 * <p>A minimal tanh cell, h' = tanh(W_ih x + W_hh h + b):
 *
 * <pre>
 *   record Tanh(State prev, State next) implements RecurrentCell.Step {}
 *
 *   class TanhCell implements RecurrentCell&lt;Tanh&gt; {
 *       final Parameters params = new Parameters();
 *       final Parameter W_ih, W_hh, b;
 *       TanhCell(int D, int H, Random rng) {
 *           W_ih = params.add("W_ih", Init.uniform(rng, DataType.DOUBLE, -0.5, 0.5, H, D));
 *           W_hh = params.add("W_hh", Init.uniform(rng, DataType.DOUBLE, -0.5, 0.5, H, H));
 *           b    = params.add("b", Nd4j.zeros(DataType.DOUBLE, H));
 *       }
 *       public int inputSize() { return (int) W_ih.value().size(1); }
 *       public int hiddenSize() { return (int) W_hh.value().size(0); }
 *       public Parameters parameters() { return params; }
 *       public Tanh forward(INDArray x, State prev) {                        // x [B, D], h [B, H]
 *           INDArray a = x.mmul(W_ih.value().transpose()).addi(prev.h().mmul(W_hh.value().transpose()))
 *                   .addiRowVector(b.value());
 *           return new Tanh(prev, State.of(Transforms.tanh(a, true)));      // h' = tanh(a)
 *       }
 *       public StepGrad backward(Tanh s, INDArray x, State dNext) {
 *           INDArray h1 = s.next().h();
 *           INDArray da = dNext.h().mul(h1.mul(h1).rsubi(1.0));             // δa = δh' ⊙ (1 − h'²)
 *           W_ih.grad().addi(da.transpose().mmul(x));                       // δW_ih += δaᵀ x
 *           W_hh.grad().addi(da.transpose().mmul(s.prev().h()));            // δW_hh += δaᵀ h
 *           b.grad().addi(da.sum(0));                                       // δb    += Σ_B δa
 *           return new StepGrad(da.mmul(W_ih.value()),                     // δx = δa W_ih
 *                   State.of(da.mmul(W_hh.value())));                       // δh = δa W_hh
 *       }
 *   }
 *
 *   Recurrent layer = Recurrent.of(new TanhCell(4, 8, new Random(0)));     // unrolled with masks and BPTT
 * </pre>
 *
 * <p><b>Which code runs.</b> A learner's cell always runs through its own {@code forward} and {@code backward},
 * one call per time step (the <em>reference path</em>, lesson 03's loop). The library's three cells also have
 * a <em>fast path</em> in their own files, under their readable steps: the same equations over plain arrays,
 * which {@link Recurrent} uses to unroll them; tests hold the two paths to the same numbers and both to
 * finite differences and to PyTorch. {@link Recurrent#withReferencePath()} runs the library's cells through
 * their {@code forward} and {@code backward} too.
 *
 * <p>The library's cells follow PyTorch's {@code nn.RNN}, {@code nn.LSTM} and {@code nn.GRU}: {@code G} gate
 * blocks of {@code H} rows stacked in {@code W_ih [G·H, D]} and {@code W_hh [G·H, H]}, biases
 * {@code b_ih, b_hh [G·H]}, named {@code weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0}. The notation is
 * the package's (see {@code org.seqlab.nn}).
 *
 * @param <S> the cell's step record
 */
public interface RecurrentCell<S extends RecurrentCell.Step> {

    /** What one step computed: the state before and after, and the named intermediate values. */
    interface Step {
        /** The state the step started from, s_{t−1}. */
        State prev();

        /** The state the step produced, s_t. */
        State next();

        /**
         * The step's values by name, each {@code [B, H]}, in teaching order, for traces and charts: for the LSTM
         * {@code i, f, g, o, c, h}; for the GRU {@code r, z, n, h}; for the vanilla RNN {@code a, h}. By default
         * the state: {@code h} (and {@code c}).
         */
        default Map<String, INDArray> values() {
            Map<String, INDArray> v = new LinkedHashMap<>();
            if (next().c() != null) v.put("c", next().c());
            v.put("h", next().h());
            return v;
        }
    }

    /**
     * What a backward step returns.
     *
     * @param dInput δx_t = ∂L/∂x_t {@code [B, D]}
     * @param dPrev δs_{t−1} = ∂L/∂s_{t−1}, each part {@code [B, H]}
     */
    record StepGrad(INDArray dInput, State dPrev) {}

    /** D, the size of one input vector. */
    int inputSize();

    /** H, the size of the hidden state. */
    int hiddenSize();

    /** Every tensor training changes, each with its gradient; names as PyTorch would give them where there is one. */
    Parameters parameters();

    /**
     * One step: {@code x [B, D]} and {@code prev} (parts {@code [B, H]}) to the step record with the new state
     * (new arrays). Changes neither argument.
     */
    S forward(INDArray x, State prev);

    /**
     * The hand-written backward step: given the record {@link #forward} returned, its input {@code x [B, D]} and
     * {@code dNext} = ∂L/∂s_t (a {@code null} {@code c} part means zero), adds this step's ∂L/∂θ to every
     * parameter's {@link Parameter#grad()} and returns ∂L/∂x_t {@code [B, D]} and ∂L/∂s_{t−1}. Changes none of
     * its arguments.
     */
    StepGrad backward(S step, INDArray x, State dNext);

    /** Whether the state has a cell part {@code c} (the LSTM's); default false. */
    default boolean hasCellState() {
        return false;
    }

    /**
     * G, the number of gate blocks stacked in {@code weight_ih} and {@code weight_hh} (1, 4 or 3 for the
     * library's cells), which {@link Init#recurrent} initialises block by block; default 1.
     */
    default int gates() {
        return 1;
    }

    /** The data type of the parameters and of every array the cell accepts: its first parameter's. */
    default DataType dtype() {
        for (Parameter p : parameters()) return p.value().dataType();
        return DataType.FLOAT;
    }

    /** The zero state for {@code batch} sequences: {@code h} (and {@code c}) of zeros {@code [B, H]}. */
    default State zeroState(int batch) {
        INDArray h = Nd4j.zeros(dtype(), batch, hiddenSize());
        return new State(h, hasCellState() ? Nd4j.zeros(dtype(), batch, hiddenSize()) : null);
    }
}
