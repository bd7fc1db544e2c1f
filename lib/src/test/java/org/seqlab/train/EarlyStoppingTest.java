package org.seqlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EarlyStoppingTest {
    @Test
    void stopsAfterPatienceEpochsWithoutImprovement() {
        ScriptedModel model = new ScriptedModel(5, 4, 4.5, 4.6, 3, 2);
        EarlyStopping stopping = EarlyStopping.patience(2);
        FitResult r = model.fit(model.trainer(6, stopping), 3);
        assertEquals(StopReason.EARLY_STOP, r.reason());
        assertEquals(4, r.history().epochs().size());
        assertEquals(4, stopping.best());
        assertEquals(2, stopping.bestEpoch());
    }

    @Test
    void restoresTheBestEpochsParameters() {
        ScriptedModel model = new ScriptedModel(5, 4, 4.5, 4.6);
        model.fit(model.trainer(6, EarlyStopping.patience(2).restoreBest(model.parameters())), 3);
        assertEquals(6, model.w(), "w after epoch 2 of 3 steps each");
    }

    @Test
    void accuracyIsMaximisedAndMinDeltaIgnoresTinyGains() {
        // accuracy = 1 - loss/10: 0.5, 0.6, 0.601, 0.602 → with minDelta 0.01 no gain after epoch 2
        ScriptedModel model = new ScriptedModel(5, 4, 3.99, 3.98, 3.97);
        EarlyStopping stopping = EarlyStopping.patience(2).monitor("accuracy").minDelta(0.01);
        FitResult r = model.fit(model.trainer(5, stopping), 1);
        assertEquals(4, r.history().epochs().size());
        assertEquals(2, stopping.bestEpoch());
    }

    @Test
    void anUnknownMetricIsReportedWithTheNamesThereAre() {
        ScriptedModel model = new ScriptedModel(5, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(model.trainer(2, EarlyStopping.patience(1).monitor("mae")), 1));
        assertEquals("EarlyStopping monitors mae but the epoch reports [loss, accuracy]", e.getMessage());
    }
}
