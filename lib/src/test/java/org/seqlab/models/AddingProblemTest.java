package org.seqlab.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqlab.data.Sequence;
import tech.tablesaw.api.Table;

class AddingProblemTest {

    @Test
    void theBaselineIsTheVarianceOfTheTargetAboutOne() {
        AddingProblem task = AddingProblem.of(20);
        double baseline = task.baseline();
        assertEquals(1.0 / 6, baseline, 0.02, "Var(v_a + v_b) = 2/12 for two uniform values");
        double sum = 0;
        for (Sequence s : task.validationSet()) sum += (s.y()[0][0] - 1) * (s.y()[0][0] - 1);
        assertEquals(sum / AddingProblem.VALIDATION_SIZE, baseline, 1e-7);
        assertTrue(AddingProblem.constantGuessMse(task.validationSet(), 0.5) > baseline, "1 is the best constant");
    }

    @Test
    void theHeldOutSetIsTheSameForEverySeedAndTheTrainingSetIsNot() {
        AddingProblem a = AddingProblem.of(10).seed(1);
        AddingProblem b = AddingProblem.of(10).seed(2);
        assertEquals(a.validationSet().get(0).y()[0][0], b.validationSet().get(0).y()[0][0]);
        assertFalse(a.trainingSet().get(0).y()[0][0] == b.trainingSet().get(0).y()[0][0]);
        assertEquals(8000, a.trainingSet().size());
    }

    @Test
    void aRunTakesExactlyTheBudgetAcrossPassesAndRepeatsForASeed() {
        AddingProblem task = AddingProblem.of(6).steps(24).trainSize(64).batchSize(8);     // 8 batches a pass
        AddingProblem.Run first = task.train("RNN, H=4", Forecaster.builder(2, 1).cell(CellType.RNN).hiddenSize(4)
                .seed(3).build());
        AddingProblem.Run again = task.train("RNN, H=4", Forecaster.builder(2, 1).cell(CellType.RNN).hiddenSize(4)
                .seed(3).build());
        assertEquals(24, first.steps());
        assertEquals(24, first.history().steps().size());
        assertEquals(3, first.history().epochs().size(), "held-out MSE after each of the three passes");
        assertEquals(first.history().epochs().get(2).validation().get("loss"), first.mse());
        assertEquals("RNN, H=4, T=6", first.history().name());
        assertEquals(first.mse(), again.mse(), "same seeds, same run");
        assertEquals(4 * 2 + 4 * 4 + 2 * 4 + 4 + 1, first.parameters(), "W_ih, W_hh, two biases, the head");
        assertTrue(first.fit().completed());
        assertEquals(first.mse() / first.baseline(), first.fractionOfBaseline(), 1e-15);
    }

    @Test
    void aBudgetIsWithinOnePassOrWholePasses() {
        AddingProblem task = AddingProblem.of(4).trainSize(64).batchSize(8);
        AddingProblem.Run part = task.steps(5).train("RNN", Forecaster.builder(2, 1).cell(CellType.RNN).hiddenSize(2).build());
        assertEquals(5, part.steps());
        var e = assertThrows(IllegalArgumentException.class, () -> task.steps(12)
                .train("RNN", Forecaster.builder(2, 1).cell(CellType.RNN).hiddenSize(2).build()));
        assertTrue(e.getMessage().contains("8 batches of 8") && e.getMessage().contains("12"), e.getMessage());
    }

    @Test
    void aSmallGruLearnsTheShortAddingProblem() {
        AddingProblem.Run run = AddingProblem.of(5).steps(625).trainSize(4000)
                .train("GRU, H=8", Forecaster.builder(2, 1).cell(CellType.GRU).hiddenSize(8).seed(1).build());
        assertTrue(run.solved(), run.toString());
        assertTrue(run.toString().contains("solved"), run.toString());
    }

    @Test
    void theTableHasOneRowPerModelAndLengthWithMeanSpreadAndVerdict() {
        List<AddingProblem.Run> runs = new ArrayList<>();
        runs.add(run("RNN", 10, 0.010, 1));
        runs.add(run("RNN", 10, 0.030, 2));
        runs.add(run("RNN", 50, 0.170, 1));
        runs.add(run("LSTM", 50, 0.001, 1));
        Table table = AddingProblem.table(runs);
        assertEquals(3, table.rowCount());
        assertEquals("RNN", table.stringColumn("model").get(0));
        assertEquals(0.02, table.doubleColumn("MSE").get(0), 1e-12);
        assertEquals(Math.sqrt(2e-4), table.doubleColumn("± sd").get(0), 1e-4);
        assertTrue(table.doubleColumn("± sd").isMissing(1), "one seed has no spread");
        assertEquals(12.0, table.doubleColumn("% of baseline").get(0), 1e-9);
        assertEquals("1 of 2", table.stringColumn("solved by").get(0));
        assertEquals("not solved", table.stringColumn("verdict").get(0), "the mean decides the verdict");
        assertEquals("not solved", table.stringColumn("verdict").get(1));
        assertEquals("solved", table.stringColumn("verdict").get(2));
        assertTrue(table.print().contains("LSTM"));
        assertThrows(IllegalArgumentException.class, () -> AddingProblem.table(List.of()));
    }

    private static AddingProblem.Run run(String name, int length, double mse, long seed) {
        return new AddingProblem.Run(name, length, 100, 1000, seed, mse, 1.0 / 6, null, null);
    }
}
