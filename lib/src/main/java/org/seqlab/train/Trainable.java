package org.seqlab.train;

import org.seqlab.nn.Parameters;

/**
 * A model the {@link Trainer} can train on batches of type {@code B}.
 *
 * <p>The trainer zeroes the gradients, calls {@link #trainStep}, clips the gradients and lets the optimiser
 * update {@link #parameters()} in place. {@link #evaluate} runs the forward pass only (validation).
 *
 * @param <B> the batch type (for example {@code org.seqlab.data.SequenceBatch})
 */
public interface Trainable<B> {
    /** The parameters training changes, with their gradients. */
    Parameters parameters();

    /**
     * Forward and backward pass on one batch: <em>adds</em> dL/dθ to each parameter's gradient (the trainer
     * zeroed them before) and returns the loss and metrics as sums and counts.
     */
    StepResult trainStep(B batch);

    /** Forward pass only: the loss and metrics on one batch, gradients untouched. */
    StepResult evaluate(B batch);

    /**
     * Called before each pass over a list of batches (every training epoch, every validation run). A model that
     * carries its recurrent state from one batch to the next (truncated BPTT over consecutive chunks) resets it
     * here; the default does nothing.
     */
    default void resetState() {}

    /**
     * Whether the model starts each training batch from the previous batch's final state (truncated BPTT over
     * consecutive chunks), which is right only when the batches come in order: the {@link Trainer} then refuses
     * to shuffle them. Default false.
     */
    default boolean carriesState() {
        return false;
    }

    /**
     * A short name for charts and histories ("GRU classifier", "LSTM forecaster"): the {@link Trainer}'s
     * default run name, so a chart's title names the model. The default is {@code "run"}.
     */
    default String name() {
        return "run";
    }
}
