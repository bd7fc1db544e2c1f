package org.seqlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FitResultTest {
    @Test
    void textNamesTheReasonTheMessageAndTheLastEpoch() {
        History h = new History("run");
        h.add(new History.Epoch(3, Map.of("loss", 1.25), Map.of("loss", 1.5), 2.0));
        FitResult r = new FitResult(h, StopReason.EARLY_STOP, "stopped early");
        assertEquals("EARLY_STOP: stopped early; last epoch epoch 3 loss 1.2500 val_loss 1.5000", r.toString());
        assertEquals(r.toString(), r.mimeBundle().get("text/plain"));
        assertTrue(!r.completed());
    }
}
