package org.seqlab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BarsTest {
    @Test
    void groupedBarsCarryTheirValuesInThePaletteAndDrawAtTheDefaultSize() {
        Map<String, double[]> acc = new LinkedHashMap<>();
        acc.put("bag of inputs", new double[] {0.5, 0.5});
        acc.put("RNN", new double[] {0.96, 0.5});
        Bars bars = Bars.of("Test accuracy", "test series", "accuracy", List.of("in order", "shuffled"), acc)
                .yRange(0, 1);
        assertArrayEquals(new double[] {0.96, 0.5}, bars.values("RNN"));
        assertEquals(Style.color(1), bars.chart().getSeriesMap().get("RNN").getFillColor());
        assertTrue(bars.chart().getStyler().isLegendVisible());
        BufferedImage image = Pixels.check(bars, Style.WIDTH, Style.HEIGHT, "bars-grouped.png");
        assertTrue(count(image, Style.color(0)) > 2000, "few blue bar pixels");
        assertTrue(count(image, Style.color(1)) > 2000, "few vermillion bar pixels");
        assertTrue(bars.describe().contains("Test accuracy"), bars.describe());
    }

    @Test
    void aSeriesMustHaveOneValuePerCategory() {
        var e = assertThrows(IllegalArgumentException.class, () -> Bars.of("t", "x", "y", List.of("a", "b"),
                Map.of("s", new double[] {1, 2, 3})));
        assertTrue(e.getMessage().contains("series 's' has 3 values but there are 2 categories"), e.getMessage());
    }

    @Test
    void histogramBinsAreHalfOpenAndTheLastOneIsClosed() {
        double[] edges = {0, 1, 2, 4};
        double[] values = {-1, 0, 0.5, 1, 1.99, 2, 3.5, 4, 5};
        assertArrayEquals(new long[] {2, 2, 3}, Bars.counts(values, edges));
        assertThrows(IllegalArgumentException.class, () -> Bars.counts(values, new double[] {0, 2, 1}));
        assertThrows(IllegalArgumentException.class, () -> Bars.counts(values, new double[] {0}));
    }

    @Test
    void aHistogramLabelsItsBinsByTheirEdgesAndSaysWhatFellOutside() {
        double[] lengths = new double[500];
        for (int i = 0; i < lengths.length; i++) lengths[i] = Math.exp(2 + 7 * ((i * 37) % 500) / 500.0);
        double[] edges = {10, 20, 50, 100, 200, 500, 1000, 2000, 5000};
        Bars h = Bars.histogram("How long is an entry?", "length T in characters", "entries", lengths, edges);
        assertEquals(List.of("10–20", "20–50", "50–100", "100–200", "200–500", "500–1k", "1k–2k", "2k–5k"),
                List.copyOf(h.chart().getSeriesMap().get("count").getXData()));
        long[] counts = Bars.counts(lengths, edges);
        assertEquals(counts[3], (long) h.values("count")[3]);
        long inside = java.util.Arrays.stream(counts).sum();
        assertTrue(h.describe().contains((lengths.length - inside) + " values outside"), h.describe());
        assertFalse(h.chart().getStyler().isLegendVisible());
        Pixels.check(h, Style.WIDTH, Style.HEIGHT, "bars-histogram.png");
    }

    @Test
    void edgesReadShort() {
        assertEquals("20", Bars.number(20));
        assertEquals("2.5", Bars.number(2.5));
        assertEquals("1k", Bars.number(1000));
        assertEquals("1.5k", Bars.number(1500));
        assertEquals("1250", Bars.number(1250));
        assertEquals("2M", Bars.number(2e6));
        assertEquals("0.125", Bars.number(0.125));
    }

    private static int count(BufferedImage image, Color c) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) if (image.getRGB(x, y) == c.getRGB()) n++;
        }
        return n;
    }
}
