package org.seqlab.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The state a recurrent cell carries from one step to the next.
 *
 * <p>{@code h} is the hidden state {@code [B, H]}. {@code c} is the LSTM's cell state {@code [B, H]}, and
 * {@code null} for cells that have none (vanilla RNN, GRU).
 *
 * @param h hidden state {@code [B, H]}
 * @param c cell state {@code [B, H]}, or {@code null} when the cell has none
 */
public record State(INDArray h, INDArray c) {
    /** A state with a hidden part only (vanilla RNN, GRU). */
    public static State of(INDArray h) {
        return new State(h, null);
    }

    /** Whether there is a cell state {@code c} (LSTM). */
    public boolean hasCell() {
        return c != null;
    }

    /** A deep copy, so the copy does not change when this state's arrays are updated in place. */
    public State copy() {
        return new State(h.dup(), c == null ? null : c.dup());
    }

    @Override
    public String toString() {
        return "State[h=" + java.util.Arrays.toString(h.shape())
                + (c == null ? "" : ", c=" + java.util.Arrays.toString(c.shape())) + "]";
    }
}
