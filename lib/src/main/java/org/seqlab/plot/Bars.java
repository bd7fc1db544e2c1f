package org.seqlab.plot;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.seqlab.Shapes;

/**
 * Bars in the house {@link Style}: named series side by side over categories, or the counts of a histogram.
 *
 * <pre>
 *   Bars.of("Test accuracy", "test series", "accuracy", List.of("in order", "shuffled"),
 *           Map.of("bag of inputs", new double[] {0.50, 0.50}, "RNN", new double[] {0.96, 0.50}))
 *   Bars.histogram("How long is an entry?", "length T in characters", "entries", lengths,
 *           new double[] {10, 20, 50, 100, 200, 500, 1000})
 * </pre>
 *
 * Series take colours from the Okabe–Ito palette in map order; with more than one series a legend names them.
 * Bars start at 0. {@link #chart()} hands out the underlying XChart {@code CategoryChart} for further styling.
 */
public final class Bars implements View {
    private final CategoryChart chart;
    private final int outside;
    private boolean legendBeside;

    private Bars(CategoryChart chart, int outside) {
        this.chart = chart;
        this.outside = outside;
    }

    /**
     * Grouped bars: one bar per category for each named series, series side by side within a category.
     *
     * @param categories the K labels along the x axis
     * @param series name → K values, one per category, in map order (use a {@code LinkedHashMap} for an order)
     */
    public static Bars of(String title, String xLabel, String yLabel, List<String> categories,
                          Map<String, double[]> series) {
        Shapes.require(!categories.isEmpty(), "give at least one category");
        Shapes.require(!series.isEmpty(), "give at least one series");
        CategoryChart chart = Style.categoryChart(title, xLabel, yLabel, Style.WIDTH, Style.HEIGHT);
        boolean negative = false;
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            double[] v = e.getValue();
            Shapes.require(v.length == categories.size(), "series '%s' has %d values but there are %d categories",
                    e.getKey(), v.length, categories.size());
            for (double d : v) negative |= d < 0;
            CategorySeries s = chart.addSeries(e.getKey(), categories, boxed(v));
            s.setFillColor(Style.color(chart.getSeriesMap().size() - 1));
        }
        chart.getStyler().setLegendVisible(series.size() > 1);
        if (!negative) chart.getStyler().setYAxisMin(0.0);
        return new Bars(chart, 0);
    }

    /**
     * A histogram: how many {@code values} fall in each bin between consecutive {@code edges}.
     *
     * <pre>
     *   count_i = #{ v : e_i ≤ v < e_{i+1} }      i = 0 … n−2; the last bin also takes v = e_{n−1}
     * </pre>
     *
     * Values outside [e_0, e_{n−1}] are not counted ({@link #describe()} says how many). Bins may have any
     * widths (e.g. 10, 20, 50, 100, … for lengths that span decades) and are drawn as equal bars labelled
     * "e_i–e_{i+1}".
     *
     * @param edges n ≥ 2 increasing bin edges
     */
    public static Bars histogram(String title, String xLabel, String yLabel, double[] values, double[] edges) {
        long[] counts = counts(values, edges);
        List<String> bins = new ArrayList<>();
        double[] heights = new double[counts.length];
        long inside = 0;
        for (int i = 0; i < counts.length; i++) {
            bins.add(number(edges[i]) + "–" + number(edges[i + 1]));
            heights[i] = counts[i];
            inside += counts[i];
        }
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("count", heights);
        Bars bars = of(title, xLabel, yLabel, bins, series);
        bars.chart.getStyler().setAvailableSpaceFill(0.95);
        return new Bars(bars.chart, (int) (values.length - inside));
    }

    /** The histogram counts of {@code values} in the bins between {@code edges}; see {@link #histogram}. */
    static long[] counts(double[] values, double[] edges) {
        Shapes.require(edges.length >= 2, "a histogram needs at least 2 edges but has %d", edges.length);
        for (int i = 0; i + 1 < edges.length; i++) {
            Shapes.require(edges[i] < edges[i + 1], "edges must increase but edge %d is %s and edge %d is %s",
                    i, edges[i], i + 1, edges[i + 1]);
        }
        long[] counts = new long[edges.length - 1];
        int last = edges.length - 1;
        for (double v : values) {
            if (!(v >= edges[0] && v <= edges[last])) continue;
            int lo = 0;
            int hi = last;                        // edges[lo] <= v < edges[hi], or v == edges[last]
            while (hi - lo > 1) {
                int mid = (lo + hi) >>> 1;
                if (v < edges[mid]) hi = mid;
                else lo = mid;
            }
            counts[lo]++;
        }
        return counts;
    }

    /** A bin edge as a short label: 20, 2.5, 1k, 10k, 1.5M. */
    static String number(double v) {
        double a = Math.abs(v);
        if (a >= 1e6 && v % 1e5 == 0) return trim(v / 1e6) + "M";
        if (a >= 1e3 && v % 100 == 0) return trim(v / 1e3) + "k";
        return trim(v);
    }

    private static String trim(double v) {
        if (v == Math.rint(v)) return String.valueOf((long) v);
        String s = String.format(java.util.Locale.ROOT, "%.3g", v);
        return s.contains("e") || !s.contains(".") ? s : s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** Sets the y axis range (e.g. 0 to 1 for accuracy). */
    public Bars yRange(double min, double max) {
        chart.getStyler().setYAxisMin(min).setYAxisMax(max);
        return this;
    }

    /** The values of the named series, as drawn (for a histogram, series "count"); for tests and checks. */
    public double[] values(String series) {
        CategorySeries s = chart.getSeriesMap().get(series);
        Shapes.require(s != null, "no series '%s'; the chart has %s", series, chart.getSeriesMap().keySet());
        return s.getYData().stream().mapToDouble(Number::doubleValue).toArray();
    }

    /** The XChart chart itself, for further styling; changes show in the next {@link #toImage()}. */
    public CategoryChart chart() {
        return chart;
    }

    @Override
    public BufferedImage toImage() {
        legendBeside = Style.fitLegend(chart, legendBeside);
        return BitmapEncoder.getBufferedImage(chart);
    }

    @Override
    public String describe() {
        return "Bars \"" + chart.getTitle() + "\" " + chart.getSeriesMap().keySet()
                + (outside > 0 ? " (" + outside + " values outside the bins)" : "");
    }

    @Override
    public String toString() {
        return describe();
    }

    private static List<Double> boxed(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double d : v) out.add(d);
        return out;
    }
}
