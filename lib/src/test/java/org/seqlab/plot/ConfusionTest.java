package org.seqlab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.HeatMapSeries;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.Table;

class ConfusionTest {
    private static final List<String> BASES = List.of("ei", "ie", "n");
    // actual:    ei ei ei ei ie ie ie n  n  n
    // predicted: ei ei ie n  ie ie ei n  n  ie
    private static final int[] ACTUAL = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
    private static final int[] PREDICTED = {0, 0, 1, 2, 1, 1, 0, 2, 2, 1};

    @Test
    void countsRowsByActualAndColumnsByPredictedAsScikitLearnDoes() {
        Confusion c = Confusion.of(ACTUAL, PREDICTED, BASES);
        assertArrayEquals(new long[][] {{2, 1, 1}, {1, 2, 0}, {0, 1, 2}}, c.counts());
        assertEquals(10, c.total());
        assertEquals(0.6, c.accuracy(), 1e-15);
        assertArrayEquals(new double[] {2 / 4.0, 2 / 3.0, 2 / 3.0}, c.recall(), 1e-15);
        assertArrayEquals(new double[] {2 / 3.0, 2 / 4.0, 2 / 3.0}, c.precision(), 1e-15);
    }

    @Test
    void theTableHoldsTheCountsWithTotalsAndRecall() {
        Table t = Confusion.of(ACTUAL, PREDICTED, BASES).table();
        assertEquals(List.of("actual", "ei", "ie", "n", "total", "recall"), t.columnNames());
        assertEquals(List.of("ei", "ie", "n"), t.stringColumn("actual").asList());
        assertEquals(List.of(2, 1, 0), t.intColumn("ei").asList());
        assertEquals(List.of(4, 3, 3), t.intColumn("total").asList());
        assertEquals(0.5, t.doubleColumn("recall").get(0), 1e-15);
    }

    @Test
    void logitsAreReadByTheirArgMax() {
        var logits = Nd4j.createFromArray(new float[][] {{3, 1, 0}, {0, 1, 2}, {0, 5, 1}});
        var targets = Nd4j.createFromArray(new float[] {0, 2, 0});
        assertArrayEquals(new long[][] {{1, 1, 0}, {0, 0, 0}, {0, 0, 1}}, Confusion.of(logits, targets, BASES).counts());
        var e = assertThrows(IllegalArgumentException.class,
                () -> Confusion.of(logits, targets, List.of("a", "b")));
        assertEquals("logits must be [B, C=2] but is [3, 3]", e.getMessage());
    }

    @Test
    void badIdsAndLengthsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Confusion.of(new int[] {0, 3}, new int[] {0, 1}, BASES));
        assertEquals("class ids must be in [0, 3) but pair 1 is (actual 3, predicted 1)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Confusion.of(new int[] {0}, new int[] {0, 1}, BASES));
    }

    @Test
    void matricesOverBatchesAdd() {
        Confusion a = Confusion.of(new int[] {0, 1}, new int[] {0, 0}, BASES);
        Confusion b = Confusion.of(new int[] {2}, new int[] {2}, BASES);
        assertArrayEquals(new long[][] {{1, 0, 0}, {1, 0, 0}, {0, 0, 1}}, a.plus(b).counts());
    }

    @Test
    void theHeatmapPutsTheFirstActualClassOnTopAndColoursByShareOfTheRow() {
        Confusion c = Confusion.of(ACTUAL, PREDICTED, BASES).titled("GRU classifier: test set");
        Heatmap h = c.heatmap();
        var chart = h.charts().get(0);
        assertEquals("GRU classifier: test set", chart.getTitle());
        HeatMapSeries s = chart.getHeatMapSeries();
        assertEquals(List.of("n", "ie", "ei"), s.getYData(), "rows bottom to top, so ei is on top");
        assertEquals(List.of("ei", "ie", "n"), s.getXData());
        // the cell (predicted ei, top row = actual ei) holds 2 of ei's 4
        Number[] cell = null;
        for (Number[] v : s.getHeatData()) if (v[0].intValue() == 0 && v[1].intValue() == 2) cell = v;
        assertEquals(0.5, cell[2].doubleValue(), 1e-15);
        var image = Pixels.check(c, chart.getWidth(), chart.getHeight(), "confusion.png");
        assertTrue(image.getWidth() <= Style.WIDTH, "fits a notebook column");
    }

    @Test
    void compareListsEveryModelsAccuracyAndCountsInOneRow() {
        List<String> classes = List.of("ei", "n");
        java.util.Map<String, Confusion> m = new java.util.LinkedHashMap<>();
        m.put("always n", Confusion.of(new int[] {0, 1, 1}, new int[] {1, 1, 1}, classes));
        m.put("perfect", Confusion.of(new int[] {0, 1, 1}, new int[] {0, 1, 1}, classes));
        tech.tablesaw.api.Table t = Confusion.compare("test", m);
        assertEquals(List.of("model", "accuracy", "ei → ei", "ei → n", "n → ei", "n → n"), t.columnNames());
        assertEquals("always n", t.stringColumn("model").get(0));
        assertEquals(2.0 / 3, t.doubleColumn("accuracy").get(0), 1e-12);
        assertEquals("0.667", t.getString(0, "accuracy"), "shown to 3 decimals, as toString says it");
        assertEquals(1, t.intColumn("ei → n").get(0));
        assertEquals(1, t.intColumn("ei → ei").get(1));
        assertEquals(2, t.intColumn("n → n").get(1));
        m.put("other classes", Confusion.of(new int[] {0}, new int[] {0}, List.of("a", "b")));
        assertThrows(IllegalArgumentException.class, () -> Confusion.compare("test", m));
    }
}
