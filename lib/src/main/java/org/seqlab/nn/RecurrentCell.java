package org.seqlab.nn;

import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One time step of a recurrent network: {@code (x_t [B, D], state_{t-1}) -> state_t}.
 *
 * <p>The cells follow PyTorch's {@code nn.RNN}, {@code nn.LSTM} and {@code nn.GRU}: {@code G} gate blocks of
 * {@code H} rows are stacked in one input matrix {@code W_ih [G·H, D]} and one recurrent matrix
 * {@code W_hh [G·H, H]}, with biases {@code b_ih, b_hh [G·H]} (G = 1 for the vanilla RNN, 4 for the LSTM in
 * the order i, f, g, o, 3 for the GRU in the order r, z, n). Their names are PyTorch's:
 * {@code weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0}.
 *
 * <p>Each step returns its intermediate values as a {@link Step} record, which the backward step reads, so
 * a chart of gates and the gradients use the same numbers. The step is split in two so {@link Recurrent}
 * can compute the input projections of all time steps with one product:
 *
 * <pre>
 *   xw   = W_ih x_t + b_ih                                 [B, G·H]   (or a column gather of W_ih for one-hot x)
 *   step = forwardProjected(xw, state_{t-1})               the cell's own math
 * </pre>
 *
 * <p>These one-step methods are the readable version the lessons step through (ND4J operations, one per
 * equation). {@link Recurrent} runs the same equations over whole sequences through a faster package-private
 * loop per cell ({@code LstmKernel} etc.); tests hold both to finite differences and to PyTorch.
 *
 * @param <S> the cell's step record
 */
public interface RecurrentCell<S extends RecurrentCell.Step> {

    /** What one step computed: the state before and after, and the named intermediate values. */
    interface Step {
        /** The state the step started from. */
        State prev();

        /** The state the step produced. */
        State next();

        /**
         * The step's values by name, each {@code [B, H]}, in teaching order: for the LSTM {@code i, f, g, o, c, h};
         * for the GRU {@code r, z, n, h}; for the vanilla RNN {@code a, h} (pre-activation, state).
         */
        Map<String, INDArray> values();
    }

    /**
     * Gradients a backward step returns.
     *
     * @param dInput dL/dx_t {@code [B, D]} from {@link #backward}, or dL/dxw {@code [B, G·H]} (the gradient with
     *     respect to the input projection {@code W_ih x_t + b_ih}) from {@link #backwardProjected}
     * @param dPrev dL/d(state_{t-1}), each part {@code [B, H]}
     */
    record StepGrad(INDArray dInput, State dPrev) {}

    /** D, the size of one input vector. */
    int inputSize();

    /** H, the size of the hidden state. */
    int hiddenSize();

    /** G, the number of gate blocks stacked in the weight matrices (1, 4 or 3). */
    int gates();

    /** Whether the state has a cell part {@code c} (LSTM only). */
    boolean hasCellState();

    /** The data type of every parameter and every array the cell accepts. */
    DataType dtype();

    /** {@code weight_ih_lK [G·H, D]}, {@code weight_hh_lK [G·H, H]}, {@code bias_ih_lK [G·H]}, {@code bias_hh_lK [G·H]}. */
    Parameters parameters();

    /** The zero state for a batch of {@code batch} sequences. */
    State zeroState(int batch);

    /** One step from the raw input: {@code x [B, D]}, {@code prev} each part {@code [B, H]}. */
    S forward(INDArray x, State prev);

    /**
     * One step from the projected input {@code xw = W_ih x + b_ih [B, G·H]}; the array {@code xw} may be
     * overwritten (it becomes the step's gate buffer).
     */
    S forwardProjected(INDArray xw, State prev);

    /**
     * The hand-written backward step from the raw input: given dL/d(state_t) (its {@code c} part may be
     * {@code null} = zero), adds this step's share to the gradients of all four parameters and returns
     * dL/dx_t and dL/d(state_{t-1}).
     */
    StepGrad backward(S step, INDArray x, State dNext);

    /**
     * The backward step without the input product: adds to the gradients of {@code W_hh} and {@code b_hh}
     * only and returns dL/dxw {@code [B, G·H]} (which is also dL/db_ih per row) and dL/d(state_{t-1}).
     */
    StepGrad backwardProjected(S step, State dNext);
}
