package org.seqlab.train;

/** Why {@link Trainer#fit} returned. */
public enum StopReason {
    /** Every planned epoch ran. */
    COMPLETED,
    /** A callback asked to stop ({@link EarlyStopping}). */
    EARLY_STOP,
    /** The thread was interrupted (Jupyter's Interrupt button); the model holds the last finished step. */
    INTERRUPTED,
    /** A loss or gradient norm was NaN or infinite; the parameters are those before that step. */
    NON_FINITE_LOSS
}
