package org.seqlab.kernel;

/**
 * Thrown by the stop poll woven into a cell's code ({@link CellWeaver}) in a thread that Kernel → Interrupt is
 * stopping. An {@link Error}, so a cell's {@code catch (Exception e)} does not swallow it; a thread that catches
 * it anyway meets it again at its next loop iteration while the stop lasts.
 */
final class CellStopped extends Error {
    private static final long serialVersionUID = 1L;

    CellStopped() {
        super("stopped by Kernel → Interrupt", null, false, false);
    }
}
