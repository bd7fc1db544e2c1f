package org.seqlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointSaverTest {
    @TempDir
    Path dir;

    @Test
    void savesAfterEveryEpochWithTheCounters() {
        ScriptedModel model = new ScriptedModel(5, 4, 6);
        Trainer<Integer> trainer = model.trainer(3);
        CheckpointSaver saver = CheckpointSaver.everyEpoch(dir.resolve("run.ckpt"), trainer.optimizer());
        model.fit(Trainer.builder().model(model).optimizer(trainer.optimizer()).epochs(3).shuffle(false)
                .callbacks(saver).build(), 2);
        assertEquals(3, saver.saved());
        ScriptedModel fresh = new ScriptedModel();
        assertEquals(new Checkpoint.Counters(6, 3), Checkpoint.load(saver.file(), fresh.parameters(), null));
        assertEquals(6, fresh.w());
    }

    @Test
    void bestOnlySavesWhenTheMonitoredMetricImproves() {
        ScriptedModel model = new ScriptedModel(5, 4, 6);
        Trainer<Integer> plain = model.trainer(3);
        CheckpointSaver saver = CheckpointSaver.best(dir.resolve("best.ckpt"), plain.optimizer(), "loss");
        model.fit(Trainer.builder().model(model).optimizer(plain.optimizer()).epochs(3).shuffle(false)
                .callbacks(saver).build(), 2);
        assertEquals(2, saver.saved());
        ScriptedModel fresh = new ScriptedModel();
        assertEquals(new Checkpoint.Counters(4, 2), Checkpoint.load(saver.file(), fresh.parameters(), null));
        assertEquals(4, fresh.w());
    }
}
