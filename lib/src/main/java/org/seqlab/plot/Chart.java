package org.seqlab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
    /** The x range {@link #roundTicks} set last, so it can tell it from one set by hand. */
    private Double[] tickRange;
    private final List<Reference> references = new ArrayList<>();

    /** A horizontal line at {@code y}, listed in the legend as {@code series}. */
    private record Reference(String series, double y) {}

    /** The colour of reference lines: a baseline is not a run, so it takes none of the runs' colours. */
    static final Color REFERENCE = new Color(0x555555);

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

    /**
     * Adds a staircase: the value holds from one x to the next and jumps there, as a discrete state does (a
     * counter, a parity bit), instead of a slope between the points.
     */
    public Chart step(String name, double[] x, double[] y) {
        add(name, x, y, nextColour()).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        return this;
    }

    /** Adds points with markers and no connecting line (e.g. validation loss at epoch ends). */
    public Chart points(String name, double[] x, double[] y) {
        XYSeries s = add(name, x, y, nextColour());
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        return this;
    }

    /**
     * Adds a reference line: a dashed grey horizontal line at {@code y} across the whole x range, listed in the
     * legend as "label (y)", e.g. the loss of the strongest simple baseline beside the model's curve.
     *
     * <pre>
     *   Curves.loss(history).reference("unigram baseline", 2.87);
     * </pre>
     *
     * The line spans whatever the chart holds when it is drawn, so it may be added before or after the curves.
     *
     * @throws IllegalArgumentException when {@code y} is not finite or the chart already has the label
     */
    public Chart reference(String label, double y) {
        Shapes.require(Double.isFinite(y), "a reference line needs a finite y but '%s' is %s", label, y);
        String series = label + " (" + format(y) + ")";
        for (Reference r : references) {
            Shapes.require(!r.series().equals(series), "the chart already has the reference line '%s'", series);
        }
        Shapes.require(!chart.getSeriesMap().containsKey(series), "the chart already has a series '%s'", series);
        references.add(new Reference(series, y));
        return this;
    }

    /** Puts the y axis on a logarithmic scale; every y value must then be positive. */
    public Chart logY() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (Reference r : references) {
            Shapes.require(r.y() > 0, "a log-scale y axis needs positive values, but the reference line '%s' is at %s",
                    r.series(), r.y());
            lo = Math.min(lo, r.y());
            hi = Math.max(hi, r.y());
        }
        for (XYSeries s : chart.getSeriesMap().values()) {
            if (isReference(s.getName())) continue;
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
        drawReferences();
        XYSeries s = chart.getSeriesMap().get(series);
        Shapes.require(s != null, "no series '%s'; the chart has %s", series, chart.getSeriesMap().keySet());
        return s.getYData();
    }

    @Override
    public BufferedImage toImage() {
        drawReferences();
        legendBeside = Style.fitLegend(chart, legendBeside);
        roundTicks();
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

    /** Widens the x axis by half a step on a grid of x values (see {@link Style#roundTickRange}), unless set by hand. */
    private void roundTicks() {
        var s = chart.getStyler();
        boolean ours = tickRange != null && tickRange[0].equals(s.getXAxisMin()) && tickRange[1].equals(s.getXAxisMax());
        if (!ours && (s.getXAxisMin() != null || s.getXAxisMax() != null)) return;
        double[] range = Style.roundTickRange(chart);
        tickRange = range == null ? null : new Double[] {range[0], range[1]};
        s.setXAxisMin(range == null ? null : range[0]).setXAxisMax(range == null ? null : range[1]);
    }

    /** Adds a series with an explicit colour; package code uses it to pair a smoothed and a faint raw curve. */
    XYSeries add(String name, double[] x, double[] y, Color colour) {
        Shapes.require(x.length == y.length, "series '%s': x has %d values but y has %d", name, x.length, y.length);
        Shapes.require(!chart.getSeriesMap().containsKey(name) && !isReference(name),
                "the chart already has a series '%s'", name);
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

    /** (Re)draws each reference line across the x range of the other series, after them in the legend. */
    private void drawReferences() {
        if (references.isEmpty()) return;
        for (Reference r : references) chart.removeSeries(r.series());
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (XYSeries s : chart.getSeriesMap().values()) {
            for (double x : s.getXData()) {
                if (Double.isFinite(x)) {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        int k = 0;
        for (Reference r : references) {
            XYSeries s = chart.addSeries(r.series(), new double[] {lo, hi}, new double[] {r.y(), r.y()});
            s.setLineColor(REFERENCE);
            s.setMarkerColor(REFERENCE);
            s.setMarker(SeriesMarkers.NONE);
            float dash = 8f - 3f * (k++ % 2);
            s.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                    new float[] {dash, 4f}, 0f));
        }
    }

    private boolean isReference(String series) {
        for (Reference r : references) if (r.series().equals(series)) return true;
        return false;
    }

    /** Four significant digits, as the progress line writes numbers. */
    static String format(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v != 0) ? "%.3g" : "%.4g", v);
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
