package org.seqlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    @Test
    void printsAStepLineAtMostOncePerIntervalAndEveryEpoch() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong clock = new AtomicLong();
        ProgressLine line = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), 1.0, () ->
                clock.addAndGet(400_000_000L)); // every call advances 0.4 s
        ScriptedModel model = new ScriptedModel(5, 4);
        model.fit(model.trainer(2, line), 5);
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        long stepLines = java.util.Arrays.stream(lines).filter(l -> l.startsWith("step ")).count();
        assertTrue(stepLines >= 3 && stepLines <= 5, String.join("\n", lines));
        assertTrue(lines[0].startsWith("step 1/10  epoch 1  batch 0  loss 1.0000  accuracy 0.5000  |g| 1.00"),
                lines[0]);
        String epoch2 = java.util.Arrays.stream(lines).filter(l -> l.startsWith("epoch 2")).findFirst().orElseThrow();
        assertTrue(epoch2.startsWith("epoch 2  loss 1.0000  accuracy 0.5000  val_loss 4.0000  val_accuracy 0.6000"),
                epoch2);
    }

    @Test
    void aZeroIntervalPrintsEveryStep() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ScriptedModel model = new ScriptedModel(5);
        model.fit(model.trainer(1, new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), 0)), 4);
        assertEquals(5, bytes.toString(StandardCharsets.UTF_8).split("\n").length);
    }
}
