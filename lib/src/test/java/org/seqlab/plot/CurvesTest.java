package org.seqlab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.seqlab.train.History;

class CurvesTest {
    /** A run of {@code epochs} × {@code batches} steps whose loss decays from {@code start} with noise. */
    static History run(String name, int epochs, int batches, double start, double rate, long seed) {
        Random rng = new Random(seed);
        History h = new History(name);
        long step = 0;
        for (int e = 1; e <= epochs; e++) {
            double sum = 0;
            for (int b = 0; b < batches; b++, step++) {
                double loss = start * Math.exp(-rate * step) + 0.1 + 0.15 * rng.nextDouble();
                sum += loss;
                h.add(new History.Step(e, b, step, loss, 1 + rng.nextDouble(), step * 0.01,
                        Map.of("accuracy", 1 - loss / (start + 0.3))));
            }
            double train = sum / batches;
            h.add(new History.Epoch(e, Map.of("loss", train), Map.of("loss", train * 1.1 + 0.05), step * 0.01));
        }
        return h;
    }

    @Test
    void emaOfAConstantIsThatConstantFromTheFirstStepThanksToBiasCorrection() {
        assertArrayEquals(new double[] {3, 3, 3, 3}, Curves.ema(new double[] {3, 3, 3, 3}, 0.9), 1e-12);
    }

    @Test
    void emaMatchesAHandComputedCase() {
        // s1 = 0.5*2 = 1, ŝ1 = 1/0.5 = 2; s2 = 0.5*1 + 0.5*4 = 2.5, ŝ2 = 2.5/0.75
        assertArrayEquals(new double[] {2, 2.5 / 0.75}, Curves.ema(new double[] {2, 4}, 0.5), 1e-12);
    }

    @Test
    void emaSkipsNaN() {
        double[] s = Curves.ema(new double[] {1, Double.NaN, 1}, 0.5);
        assertArrayEquals(new double[] {1, 1, 1}, s, 1e-12);
    }

    @Test
    void lossPerStepDrawsSmoothedRawAndValidationSeriesForEachRun() {
        History rnn = run("RNN", 5, 60, 2.0, 0.005, 1);
        History lstm = run("LSTM", 5, 60, 2.0, 0.02, 2);
        Chart chart = Curves.loss(rnn, lstm);

        assertArrayEquals(rnn.stepLosses(), chart.y("RNN (raw)"));
        assertArrayEquals(Curves.ema(lstm.stepLosses(), Curves.SMOOTHING), chart.y("LSTM"));
        assertEquals(5, chart.y("LSTM (validation)").length);
        assertEquals(59.0, chart.chart().getSeriesMap().get("RNN (validation)").getXData()[0]);
        Pixels.check(chart.logY(), Style.WIDTH, Style.HEIGHT, "curves-loss.png");
    }

    @Test
    void aMetricPerStepCanBeDrawnRaw() {
        History h = run("GRU", 2, 20, 1.0, 0.05, 3);
        Chart chart = Curves.steps("accuracy", 0, h);
        assertEquals(h.steps().get(7).metrics().get("accuracy"), chart.y("GRU")[7]);
        assertEquals(1, chart.chart().getSeriesMap().size());
    }

    @Test
    void epochsDrawTrainingAndValidationPerRun() {
        History a = run("RNN", 8, 30, 2.0, 0.005, 4);
        History b = run("LSTM", 8, 30, 2.0, 0.02, 5);
        Chart chart = Curves.epochs("loss", a, b);
        assertEquals(a.epochs().get(3).validation().get("loss"), chart.y("RNN (validation)")[3]);
        assertEquals(b.epochs().get(0).train().get("loss"), chart.y("LSTM (training)")[0]);
        Pixels.check(chart, Style.WIDTH, Style.HEIGHT, "curves-epochs.png");
    }

    @Test
    void aLegendOfFourLongNamesIsDrawnWholeBesideThePlotInsteadOfCutOffBelowIt() {
        History a = run("bag of inputs (mean, spread, min, max)", 6, 20, 2.0, 0.005, 7);
        History b = run("recurrent classifier (vanilla RNN)", 6, 20, 2.0, 0.02, 8);
        Chart chart = Curves.epochs("loss", a, b);
        BufferedImage image = Pixels.check(chart, Style.WIDTH, Style.HEIGHT, "curves-epochs-long-names.png");
        // XChart centres a one-row legend and cuts it at the image's edges; nothing else draws in the padding
        assertEquals(0, inkedColumns(image, 0, 3) + inkedColumns(image, image.getWidth() - 3, image.getWidth()),
                "ink at the image's left or right edge: the legend is cut off");
        assertEquals(org.knowm.xchart.style.Styler.LegendPosition.OutsideE,
                chart.chart().getStyler().getLegendPosition());
    }

    @Test
    void aLegendThatFitsStaysInOneRowBelowThePlot() {
        Chart chart = Curves.epochs("loss", run("RNN", 3, 10, 2.0, 0.01, 9), run("LSTM", 3, 10, 2.0, 0.02, 10));
        chart.toImage();
        assertEquals(org.knowm.xchart.style.Styler.LegendPosition.OutsideS,
                chart.chart().getStyler().getLegendPosition());
    }

    private static int inkedColumns(BufferedImage image, int from, int to) {
        int inked = 0;
        for (int x = from; x < to; x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if (image.getRGB(x, y) != image.getRGB(0, 0)) {
                    inked++;
                    break;
                }
            }
        }
        return inked;
    }

    @Test
    void thinningKeepsTheLastPoint() {
        History h = run("RNN", 1, 1000, 2.0, 0.01, 6);
        Chart chart = Curves.steps("loss", 0.9, 100, h);
        double[] y = chart.y("RNN (raw)");
        assertTrue(y.length <= 101, "points: " + y.length);
        assertEquals(h.stepLosses()[999], y[y.length - 1]);
    }

    @Test
    void lossChartsTakeALabelledBaseline() {
        History gru = run("GRU classifier", 3, 40, 2.0, 0.02, 3);
        Chart chart = Curves.loss(gru).reference("predict the majority class", 1.79);
        assertEquals("GRU classifier: loss per step", chart.chart().getTitle(), "one run: the title names the model");
        assertEquals("Loss per step", Curves.loss(gru, run("RNN", 1, 5, 2.0, 0.1, 4)).chart().getTitle());
        assertEquals("Accuracy per epoch", Curves.epochs("accuracy", new History("run")).chart().getTitle());
        assertArrayEquals(new double[] {1.79, 1.79}, chart.y("predict the majority class (1.790)"));
        assertArrayEquals(new double[] {0, 119}, chart.chart().getSeriesMap()
                .get("predict the majority class (1.790)").getXData());
        Pixels.check(chart, Style.WIDTH, Style.HEIGHT, "curves-baseline.png");
        Chart epochs = Curves.epochs("loss", gru).reference("majority", 1.79);
        epochs.toImage();
        assertArrayEquals(new double[] {1, 3}, epochs.chart().getSeriesMap().get("majority (1.790)").getXData());
    }
}
