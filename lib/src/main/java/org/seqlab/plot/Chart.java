package org.seqlab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.seqlab.Shapes;

/**
 * A line chart in the house {@link Style}: the view every curve in Seqlab is drawn as.
 *
 * <pre>
 *   Chart.create("Accuracy vs length", "sequence length T", "accuracy")
 *        .line("RNN", lengths, rnnAcc)
 *        .line("LSTM", lengths, lstmAcc);
 * </pre>
 *
 * Series take colours from the Okabe–Ito palette in the order they are added. {@link #chart()} hands out the
 * underlying XChart {@code XYChart} for any further styling.
 */
public final class Chart implements View {
    private final XYChart chart;
    private int colours;
    private boolean legendBeside;

    private Chart(XYChart chart) {
        this.chart = chart;
    }

    /** An empty chart of the default size (720×400). Axis labels should carry units: "time step t". */
    public static Chart create(String title, String xLabel, String yLabel) {
        return create(title, xLabel, yLabel, Style.WIDTH, Style.HEIGHT);
    }

    /** An empty chart of the given size in pixels. */
    public static Chart create(String title, String xLabel, String yLabel, int width, int height) {
        Shapes.require(width > 0 && height > 0, "chart size must be positive but is %dx%d", width, height);
        return new Chart(Style.xyChart(title, xLabel, yLabel, width, height));
    }

    /**
     * A chart of named series against their index 0, 1, …, n−1 (e.g. hand-made state traces), in map order.
     */
    public static Chart lines(String title, String xLabel, String yLabel, Map<String, double[]> series) {
        Chart c = create(title, xLabel, yLabel);
        series.forEach(c::line);
        return c;
    }

    /** A chart of named series sharing the x values {@code x} (e.g. accuracy against sequence length). */
    public static Chart lines(String title, String xLabel, String yLabel, double[] x, Map<String, double[]> series) {
        Chart c = create(title, xLabel, yLabel);
        series.forEach((name, y) -> c.line(name, x, y));
        return c;
    }

    /** Adds a line of {@code y} against its index 0, 1, …, n−1. */
    public Chart line(String name, double[] y) {
        return line(name, index(y.length), y);
    }

    /** Adds a line of {@code y} against {@code x}; both of length n. */
    public Chart line(String name, double[] x, double[] y) {
        add(name, x, y, nextColour());
        return this;
    }

    /** Adds points with markers and no connecting line (e.g. validation loss at epoch ends). */
    public Chart points(String name, double[] x, double[] y) {
        XYSeries s = add(name, x, y, nextColour());
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        return this;
    }

    /** Puts the y axis on a logarithmic scale; every y value must then be positive. */
    public Chart logY() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (XYSeries s : chart.getSeriesMap().values()) {
            for (double v : s.getYData()) {
                Shapes.require(!(v <= 0), "a log-scale y axis needs positive values, but series '%s' has %s",
                        s.getName(), v);
                if (v > 0 && v < Double.POSITIVE_INFINITY) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        chart.getStyler().setYAxisLogarithmic(true);
        // Labels at 2, 3, … 9 as well as at powers of ten read well over a decade or so, and pile up over many.
        chart.getStyler().setYAxisLogarithmicDecadeOnly(hi / lo > LABELLED_RATIO);
        return this;
    }

    /** Over a wider y range than this ratio a log axis labels powers of ten only. */
    static final double LABELLED_RATIO = 30;

    /** Sets the y axis range (e.g. 0 to 1 for accuracy). */
    public Chart yRange(double min, double max) {
        chart.getStyler().setYAxisMin(min).setYAxisMax(max);
        return this;
    }

    /** The XChart chart itself, for further styling; changes show in the next {@link #toImage()}. */
    public XYChart chart() {
        return chart;
    }

    /** The y values of the named series, as drawn; for tests and checks. */
    public double[] y(String series) {
        XYSeries s = chart.getSeriesMap().get(series);
        Shapes.require(s != null, "no series '%s'; the chart has %s", series, chart.getSeriesMap().keySet());
        return s.getYData();
    }

    @Override
    public BufferedImage toImage() {
        legendBeside = Style.fitLegend(chart, legendBeside);
        return BitmapEncoder.getBufferedImage(chart);
    }

    @Override
    public String describe() {
        return "Chart \"" + chart.getTitle() + "\" " + chart.getSeriesMap().keySet();
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Adds a series with an explicit colour; package code uses it to pair a smoothed and a faint raw curve. */
    XYSeries add(String name, double[] x, double[] y, Color colour) {
        Shapes.require(x.length == y.length, "series '%s': x has %d values but y has %d", name, x.length, y.length);
        Shapes.require(!chart.getSeriesMap().containsKey(name), "the chart already has a series '%s'", name);
        Shapes.require(y.length > 0, "series '%s' is empty", name);
        XYSeries s = chart.addSeries(name, x, y);
        s.setLineColor(colour);
        s.setMarkerColor(colour);
        s.setFillColor(colour);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineStyle(new BasicStroke(2f));
        return s;
    }

    /** A thin, translucent line that is not listed in the legend. */
    XYSeries addFaint(String name, double[] x, double[] y, Color colour) {
        XYSeries s = add(name, x, y, Style.faint(colour, Style.FAINT_ALPHA));
        s.setLineStyle(new BasicStroke(1f));
        s.setShowInLegend(false);
        return s;
    }

    Color nextColour() {
        return Style.color(colours++);
    }

    static double[] index(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = i;
        return x;
    }
}
