package org.seqlab.train;

/**
 * Hooks the {@code Trainer} calls while it runs: live charts, progress lines, early stopping, checkpoints.
 * Every method has an empty default, so a callback overrides only what it needs.
 */
public interface Callback {
    /** Before the first batch; {@code totalSteps} is the planned number of optimiser steps. */
    default void onTrainBegin(History history, long totalSteps) {}

    /** After each optimiser step. */
    default void onStep(History history, History.Step step) {}

    /** After each epoch, validation included. */
    default void onEpochEnd(History history, History.Epoch epoch) {}

    /** After the last step, also when training stopped early, on interrupt or on a NaN loss. */
    default void onTrainEnd(History history) {}

    /** Whether the trainer should stop after the current batch (early stopping); checked after every step. */
    default boolean shouldStop() {
        return false;
    }
}
