package org.seqlab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TracesTest {
    static final String TEXT = "if (x < 10) { print(\"big & small\"); }\nelse return;";

    /** A made-up trace [T, H]: waves of different phase per unit, in (-1, 1). */
    static INDArray wave(int steps, int units, double scale) {
        double[][] m = new double[steps][units];
        for (int t = 0; t < steps; t++) {
            for (int h = 0; h < units; h++) m[t][h] = scale * Math.tanh(2 * Math.sin(0.25 * t + 0.7 * h));
        }
        return Nd4j.create(m).castTo(DataType.FLOAT);
    }

    static INDArray gate(int steps, int units) {
        return Nd4j.rand(DataType.FLOAT, steps, units);
    }

    @Test
    void aHeatmapOfHiddenStatesHasTheDefaultSizeAndUsesBothEndsOfTheDivergingScale() {
        INDArray h = wave(TEXT.length(), 24, 1.0);
        Heatmap view = Traces.heatmap(h, TEXT);
        BufferedImage image = Pixels.check(view, Style.WIDTH, Style.HEIGHT, "traces-heatmap.png");
        assertTrue(hasColourNear(image, Style.DIVERGING[0]), "no deep blue cell");
        assertTrue(hasColourNear(image, Style.DIVERGING[2]), "no deep red cell");
        var series = view.charts().get(0).getHeatMapSeries();
        assertEquals(TEXT.length() * 24, series.getHeatData().size());
        Number[] cell = series.getHeatData().get(5 * 24 + 7);
        assertEquals(5, cell[0].intValue());
        assertEquals(24 - 1 - 7, cell[1].intValue(), "unit 7 sits 7 rows below the top");
        assertEquals(h.getDouble(5, 7), cell[2].doubleValue(), 1e-6);
        assertEquals(-view.charts().get(0).getStyler().getMax(), view.charts().get(0).getStyler().getMin());
    }

    @Test
    void symbolsLabelTheTimeAxisWithBlanksMadeVisible() {
        Heatmap view = Traces.heatmap(wave(5, 3, 1), "a b\nc");
        List<?> x = view.charts().get(0).getHeatMapSeries().getXData();
        assertEquals(List.of("a", "␣", "b", "↵", "c"), x);
    }

    @Test
    void rowLabelsReplaceTheUnitIndicesOnTheRowAxis() {
        INDArray chosen = wave(12, 40, 1).getColumns(31, 7, 18);
        Heatmap view = Traces.heatmap(chosen, "hello world!", List.of("31", "7", "18"));
        // XChart lists categories bottom to top: the first label is the top row
        assertEquals(List.of("18", "7", "31"), view.charts().get(0).getHeatMapSeries().getYData());
        assertEquals(List.of("2", "1", "0"),
                Traces.heatmap(chosen, "hello world!").charts().get(0).getHeatMapSeries().getYData());
        Pixels.check(view, Style.WIDTH, Style.HEIGHT, "traces-heatmap-units.png");
        var e = assertThrows(IllegalArgumentException.class,
                () -> Traces.heatmap(chosen, "hello world!", List.of("31", "7")));
        assertTrue(e.getMessage().contains("3 rows (units) but 2 row labels"), e.getMessage());
    }

    @Test
    void namedRowsOfEveryPanelAndTheirAxisTitle() {
        INDArray oneHot = Nd4j.eye(4).castTo(DataType.FLOAT);
        Heatmap view = Traces.heatmaps(Map.of("one-hot bases", oneHot), "ACGT", List.of("A", "C", "G", "T"))
                .rowTitle("base");
        assertEquals(List.of("T", "G", "C", "A"), view.charts().get(0).getHeatMapSeries().getYData());
        assertEquals("base", view.charts().get(0).getYAxisTitle());
    }

    @Test
    void stackedPanelsForLstmTracesPutGatesOnASequentialScale() {
        int steps = 40;
        Map<String, INDArray> traces = Traces.named(
                "h", wave(steps, 32, 0.9), "c", wave(steps, 32, 2.5), "i", gate(steps, 32), "f", gate(steps, 32));
        Heatmap view = Traces.heatmaps(traces, TEXT.substring(0, steps));
        Pixels.check(view, Style.WIDTH, 4 * Traces.PANEL_HEIGHT, "traces-lstm.png");
        assertEquals(0.0, view.charts().get(2).getStyler().getMin());
        assertEquals(1.0, view.charts().get(2).getStyler().getMax());
        assertEquals(-view.charts().get(1).getStyler().getMax(), view.charts().get(1).getStyler().getMin());
    }

    @Test
    void theFirstUnitIsTheTopRow() {
        INDArray h = Nd4j.create(new double[][] {{1, -1}, {1, -1}, {1, -1}}).castTo(DataType.FLOAT);   // unit 0 red
        BufferedImage image = Traces.heatmap(h, "abc").toImage();
        int redRow = -1;
        int blueRow = -1;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth() * 2 / 3; x++) {     // left of the colour scale
                Color c = new Color(image.getRGB(x, y));
                if (redRow < 0 && near(c, Style.DIVERGING[2])) redRow = y;
                if (blueRow < 0 && near(c, Style.DIVERGING[0])) blueRow = y;
            }
        }
        assertTrue(redRow >= 0 && blueRow >= 0, "both rows drawn");
        assertTrue(redRow < blueRow, "unit 0 (red) starts at y=" + redRow + ", unit 1 (blue) at y=" + blueRow);
    }

    @Test
    void withoutSymbolsTheTimeAxisCountsFromOne() {
        List<?> x = Traces.heatmap(wave(5, 3, 1), List.of()).charts().get(0).getHeatMapSeries().getXData();
        assertEquals(List.of("1", "2", "3", "4", "5"), x);
    }

    @Test
    void gatesTakeAHueThatNeitherEndOfTheSignedScaleHas() {
        Color keep = Style.SEQUENTIAL[1];
        for (Color signed : new Color[] {Style.DIVERGING[0], Style.DIVERGING[2]}) {
            float[] a = Color.RGBtoHSB(keep.getRed(), keep.getGreen(), keep.getBlue(), null);
            float[] b = Color.RGBtoHSB(signed.getRed(), signed.getGreen(), signed.getBlue(), null);
            double hueDistance = Math.min(Math.abs(a[0] - b[0]), 1 - Math.abs(a[0] - b[0]));
            assertTrue(hueDistance > 0.15, "gate colour " + keep + " too close in hue to " + signed);
        }
    }

    @Test
    void aLongSequenceWithoutSymbolsStillDraws() {
        Pixels.check(Traces.heatmap(wave(300, 128, 1), List.of()), Style.WIDTH, Style.HEIGHT, "traces-long.png");
    }

    @Test
    void aBatchOfOneIsSqueezedAndOtherShapesAreRejectedWithTheExpectedShape() {
        INDArray h = wave(6, 4, 1).reshape(6, 1, 4);
        assertEquals(6, Traces.heatmap(h, "abcdef").charts().get(0).getHeatMapSeries().getXData().size());
        var e = assertThrows(IllegalArgumentException.class, () -> Traces.heatmap(Nd4j.zeros(6, 2, 4), "abcdef"));
        assertTrue(e.getMessage().contains("[T, H]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Traces.heatmap(wave(6, 4, 1), "abc"));
    }

    @Test
    void unitLinesCarryTheChosenColumns() {
        INDArray h = wave(30, 8, 1);
        Chart chart = Traces.units(h, 2, 5);
        assertArrayEquals(h.getColumn(5).toDoubleVector(), chart.y("unit 5"), 1e-6);
        double[] t = chart.chart().getSeriesMap().get("unit 5").getXData();
        assertEquals(1, t[0], "time steps count from 1");
        assertEquals(30, t[29]);
        Pixels.check(chart, Style.WIDTH, Style.HEIGHT, "traces-units.png");
    }

    @Test
    void oneUnitAcrossGatesHasOneLinePerTrace() {
        int steps = 30;
        Map<String, INDArray> gru = Traces.named("h", wave(steps, 8, 1), "r", gate(steps, 8), "z", gate(steps, 8));
        Chart chart = Traces.unit(gru, 3);
        assertEquals(List.of("h", "r", "z"), List.copyOf(chart.chart().getSeriesMap().keySet()));
        assertArrayEquals(gru.get("z").getColumn(3).toDoubleVector(), chart.y("z"), 1e-6);
        Pixels.check(chart, Style.WIDTH, Style.HEIGHT, "traces-gru-unit.png");
        assertThrows(IllegalArgumentException.class, () -> Traces.unit(gru, 8));
    }

    @Test
    void gradientNormsAreOnALogScaleAndZerosAreLeftOut() {
        int steps = 50;
        double[] rnn = new double[steps];
        double[] lstm = new double[steps];
        for (int t = 0; t < steps; t++) {
            rnn[t] = Math.pow(0.8, steps - 1 - t);
            lstm[t] = 0.5 + 0.1 * Math.sin(t);
        }
        rnn[0] = 0;
        Map<String, double[]> norms = new LinkedHashMap<>();
        norms.put("RNN", rnn);
        norms.put("LSTM", lstm);
        Chart chart = Traces.gradientNorms(norms);
        assertTrue(chart.chart().getStyler().isYAxisLogarithmic());
        assertTrue(Double.isNaN(chart.y("RNN")[0]));
        assertEquals(rnn[10], chart.y("RNN")[10]);
        assertEquals(1, chart.chart().getSeriesMap().get("RNN").getXData()[0], "t = 1 .. T");
        assertEquals(steps, chart.chart().getSeriesMap().get("RNN").getXData()[steps - 1]);
        assertTrue(chart.chart().getYAxisTitle().startsWith("‖∂L_T/∂h_t‖"), chart.chart().getYAxisTitle());
        Pixels.check(chart, Style.WIDTH, Style.HEIGHT, "traces-gradient-norms.png");
    }

    @Test
    void normsOfEachTimeSliceAreFrobeniusNorms() {
        INDArray g = Nd4j.create(new double[] {3, 4, 0, 0, 1, 0, 0, 0}, 2, 2, 2);
        assertArrayEquals(new double[] {5, 1}, Traces.norms(g), 1e-12);
    }

    private static boolean near(Color c, Color target) {
        return Math.abs(c.getRed() - target.getRed()) + Math.abs(c.getGreen() - target.getGreen())
                + Math.abs(c.getBlue() - target.getBlue()) < 30;
    }

    private static boolean hasColourNear(BufferedImage image, Color target) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color c = new Color(image.getRGB(x, y));
                int d = Math.abs(c.getRed() - target.getRed()) + Math.abs(c.getGreen() - target.getGreen())
                        + Math.abs(c.getBlue() - target.getBlue());
                if (d < 30) return true;
            }
        }
        return false;
    }
}
