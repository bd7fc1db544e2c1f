package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seqlab.train.FitResult;
import org.seqlab.train.History;
import org.seqlab.train.StopReason;

class InterruptNoticeTest {
    private static History trainedFor(int steps) {
        History history = new History("run");
        for (int s = 1; s <= steps; s++) {
            history.add(new History.Step(1, s - 1, s, 1.0 / s, 0.5, 0.01 * s, Map.of()));
        }
        return history;
    }

    @Test
    void anInterruptedFitSaysWhereTrainingStoppedAndWhatIsKept() {
        FitResult result = new FitResult(trainedFor(159), StopReason.INTERRUPTED, "interrupted");
        assertEquals("Training stopped at step 159 (Kernel → Interrupt); the model and its history are kept.",
                InterruptNotice.of(result));
    }

    @Test
    void anythingElseGetsNoNotice() {
        assertNull(InterruptNotice.of(new FitResult(trainedFor(3), StopReason.COMPLETED, "completed")));
        assertNull(InterruptNotice.of("a string"));
        assertNull(InterruptNotice.of(null));
    }
}
