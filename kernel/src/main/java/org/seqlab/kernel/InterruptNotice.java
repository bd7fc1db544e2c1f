package org.seqlab.kernel;

import java.util.List;
import org.seqlab.train.FitResult;
import org.seqlab.train.History;
import org.seqlab.train.StopReason;

/**
 * The calm notice for a cell that Kernel → Interrupt stopped at a clean point: a training run that ended at a
 * batch end, kept its model and history, and returned its {@link FitResult} as the cell's value. An interrupt
 * there is what the learner asked for, not a failure, so the cell says what was kept instead of showing an
 * exception.
 */
final class InterruptNotice {
    private InterruptNotice() {}

    /**
     * The notice for the value an interrupted cell's code returned, or null when the value does not show a
     * clean stop.
     */
    static String of(Object value) {
        if (!(value instanceof FitResult result) || result.reason() != StopReason.INTERRUPTED) {
            return null;
        }
        List<History.Step> steps = result.history().steps();
        long step = steps.isEmpty() ? 0 : steps.get(steps.size() - 1).step();
        return "Training stopped at step " + step + " (Kernel → Interrupt); the model and its history are kept.";
    }
}
