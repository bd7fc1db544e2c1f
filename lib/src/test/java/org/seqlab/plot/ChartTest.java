package org.seqlab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
