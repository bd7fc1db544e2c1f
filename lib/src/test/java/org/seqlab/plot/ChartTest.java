package org.seqlab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChartTest {
    @Test
    void namedSeriesAgainstSharedXCarryTheirDataAndDrawAtTheDefaultSize() {
        double[] lengths = {5, 10, 20, 40, 80};
        Map<String, double[]> acc = new LinkedHashMap<>();
        acc.put("RNN", new double[] {0.99, 0.95, 0.7, 0.52, 0.5});
        acc.put("LSTM", new double[] {1.0, 0.99, 0.98, 0.95, 0.9});
        Chart chart = Chart.lines("Copy task", "sequence length T", "accuracy", lengths, acc).yRange(0, 1);

        assertArrayEquals(acc.get("LSTM"), chart.y("LSTM"));
        assertArrayEquals(lengths, chart.chart().getSeriesMap().get("RNN").getXData());
        Pixels.check(chart, Style.WIDTH, Style.HEIGHT, "chart-lines.png");
    }

    @Test
    void seriesWithoutXAreDrawnAgainstTheirIndex() {
        Chart chart = Chart.create("trace", "time step t", "h").line("unit 0", new double[] {0.5, -0.2, 0.1});
        assertArrayEquals(new double[] {0, 1, 2}, chart.chart().getSeriesMap().get("unit 0").getXData());
    }

    @Test
    void aCustomSizeIsKept() {
        Chart chart = Chart.create("small", "x", "y", 300, 200).line("a", new double[] {1, 2, 3});
        Pixels.check(chart, 300, 200, "chart-small.png");
    }

    @Test
    void logScaleRefusesNonPositiveValuesWithAMessageNamingTheSeries() {
        Chart chart = Chart.create("t", "x", "y").line("norms", new double[] {1, 0, 2});
        var e = assertThrows(IllegalArgumentException.class, chart::logY);
        assertTrue(e.getMessage().contains("norms"), e.getMessage());
    }

    @Test
    void mismatchedLengthsAreRejected() {
        Chart chart = Chart.create("t", "x", "y");
        assertThrows(IllegalArgumentException.class, () -> chart.line("a", new double[] {1, 2}, new double[] {1}));
    }

    @Test
    void theMimeBundleHoldsAPngAndAText() {
        Chart chart = Chart.create("t", "x", "y").line("a", new double[] {1, 3, 2});
        Map<String, String> bundle = chart.mimeBundle();
        byte[] png = Base64.getDecoder().decode(bundle.get("image/png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        assertTrue(bundle.get("text/plain").contains("\"t\""));
    }

    @Test
    void aReferenceLineSpansTheWholeXRangeInGreyAndIsLabelledWithItsValue() {
        Chart chart = Chart.create("Loss", "optimiser step", "loss").reference("unigram baseline", 2.8712)
                .line("GRU", new double[] {5, 6, 7}, new double[] {3.5, 2.9, 2.4})
                .line("RNN", new double[] {5, 6, 7, 8, 9}, new double[] {3.6, 3.2, 3.0, 2.9, 2.8});
        var image = Pixels.check(chart, Style.WIDTH, Style.HEIGHT, "chart-reference.png");
        var line = chart.chart().getSeriesMap().get("unigram baseline (2.871)");
        assertArrayEquals(new double[] {5, 9}, line.getXData(), "drawn after the curves, across all of them");
        assertArrayEquals(new double[] {2.8712, 2.8712}, chart.y("unigram baseline (2.871)"));
        assertEquals(Chart.REFERENCE, line.getLineColor());
        assertEquals("unigram baseline (2.871)", chart.chart().getSeriesMap().keySet().toArray()[2],
                "listed after the runs");
        int grey = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) if (image.getRGB(x, y) == Chart.REFERENCE.getRGB()) grey++;
        }
        assertTrue(grey > 100, "the dashed line is drawn: " + grey + " grey pixels");
    }

    @Test
    void aReferenceLineGoesOnALogAxisOnlyWhenPositive() {
        Chart chart = Chart.create("t", "x", "y").line("a", new double[] {1, 3, 2}).reference("zero", 0);
        var e = assertThrows(IllegalArgumentException.class, chart::logY);
        assertEquals("a log-scale y axis needs positive values, but the reference line 'zero (0.000)' is at 0.0",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> chart.reference("bad", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> chart.reference("zero", 0));
        Chart.create("t", "x", "y").line("a", new double[] {1, 3, 2}).reference("one", 1).logY().toImage();
    }

    @Test
    void stepsOneToNReachHalfAStepBeyondBothEndsSoTheAxisLabelsRoundSteps() {
        double[] steps = new double[600];
        double[] loss = new double[600];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = i + 1;
            loss[i] = Math.exp(-i / 100.0);
        }
        Chart chart = Chart.create("loss", "optimiser step", "loss (nats)").line("run", steps, loss);
        chart.toImage();
        assertEquals(0.5, chart.chart().getStyler().getXAxisMin(), 1e-12);
        assertEquals(600.5, chart.chart().getStyler().getXAxisMax(), 1e-12);
        chart.line("more", new double[] {1, 700}, new double[] {1, 1});
        chart.toImage();
        assertNull(chart.chart().getStyler().getXAxisMin(), "off the grid now: XChart rounds by itself");
        Chart byHand = Chart.create("t", "x", "y").line("a", new double[] {1, 2, 3, 4}, new double[] {1, 2, 3, 4});
        byHand.chart().getStyler().setXAxisMin(0.0);
        byHand.toImage();
        assertEquals(0.0, byHand.chart().getStyler().getXAxisMin(), "a range set by hand stays");
        assertNull(byHand.chart().getStyler().getXAxisMax());
        Chart epochs = Chart.create("t", "epoch", "y").line("a", new double[] {1, 2, 3, 4}, new double[] {1, 2, 3, 4});
        epochs.toImage();
        assertNull(epochs.chart().getStyler().getXAxisMin(), "a few values are labelled one by one, as XChart does");
    }

    @Test
    void aDiscreteStateIsDrawnAsAStaircase() {
        Chart chart = Chart.create("counter", "time step t", "count c_t")
                .step("c_t", new double[] {1, 2, 3, 4}, new double[] {0, 1, 1, 2});
        assertEquals(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Step,
                chart.chart().getSeriesMap().get("c_t").getXYSeriesRenderStyle());
        Pixels.check(chart, Style.WIDTH, Style.HEIGHT, "chart-step.png");
    }
}
