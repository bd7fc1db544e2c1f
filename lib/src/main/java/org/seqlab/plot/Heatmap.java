package org.seqlab.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.seqlab.Shapes;

/**
 * Hidden units × time steps as colours, one or more panels stacked (e.g. h, c and the gates of an LSTM).
 *
 * <p>Drawn with XChart's {@code HeatMapChart}, one per panel, stacked into one image. A panel whose values all
 * lie in [0, 1] (gates) uses the white-to-green {@link Style#SEQUENTIAL} scale over [0, 1]; any other panel
 * uses the blue–white–red {@link Style#DIVERGING} scale centred at 0 and symmetric, from −max|v| to +max|v|,
 * so white always means 0. The input symbols label the time axis (space as ␣, newline as ↵); when there
 * are too many to read, every k-th is shown; without symbols the axis counts time steps t = 1 … T. Rows are
 * labelled with the unit's index 0 … H−1, or with the labels given (the units a chart picked out, "44", "108",
 * …, or names such as the bases A, C, G, T), the first row on top.
 *
 * <p>Build one with {@link Traces#heatmap} or {@link Traces#heatmaps}.
 */
public final class Heatmap implements View {
    /** At most this many labels along an axis; beyond it every k-th is shown. */
    static final int MAX_X_LABELS = 60;
    static final int MAX_Y_LABELS = 16;
    /** The label of a thinned-out tick: XChart cannot lay out an empty string. */
    private static final String HIDDEN = " ";

    private final List<HeatMapChart> panels;
    private final int width;

    private Heatmap(List<HeatMapChart> panels, int width) {
        this.panels = panels;
        this.width = width;
    }

    /** A heatmap of ready-made panels (e.g. a confusion matrix), stacked top to bottom. */
    static Heatmap ofCharts(List<HeatMapChart> panels, int width) {
        return new Heatmap(List.copyOf(panels), width);
    }

    /** One panel; {@code rowLabels} empty labels the rows 0 … H−1. */
    record Panel(String title, double[][] values, List<String> symbols, List<String> rowLabels) {
        Panel(String title, double[][] values, List<String> symbols) {
            this(title, values, symbols, List.of());
        }
    }

    /**
     * Builds the view.
     *
     * @param panels each with values [T][H] (time major, as the traces come out of a cell), T symbols
     *     (or an empty list to label the axis with t) and H row labels (or an empty list for 0 … H−1)
     */
    static Heatmap of(List<Panel> panels, int width, int panelHeight) {
        Shapes.require(!panels.isEmpty(), "a heatmap needs at least one panel");
        List<HeatMapChart> charts = new ArrayList<>();
        for (Panel p : panels) {
            charts.add(chart(p, width, panelHeight));
        }
        return new Heatmap(charts, width);
    }

    private static HeatMapChart chart(Panel p, int width, int height) {
        int steps = p.values().length;
        Shapes.require(steps > 0, "panel '%s' has no time steps", p.title());
        int units = p.values()[0].length;
        Shapes.require(units > 0, "panel '%s' has no units", p.title());
        Shapes.require(p.symbols().isEmpty() || p.symbols().size() == steps,
                "panel '%s' has %d time steps but %d symbols", p.title(), steps, p.symbols().size());
        Shapes.require(p.rowLabels().isEmpty() || p.rowLabels().size() == units,
                "panel '%s' has %d rows (units) but %d row labels", p.title(), units, p.rowLabels().size());

        List<String> x = new ArrayList<>(steps);
        int xEvery = (steps + MAX_X_LABELS - 1) / MAX_X_LABELS;
        for (int t = 0; t < steps; t++) {
            // time steps count from 1, as the lessons write t = 1 .. T
            String label = p.symbols().isEmpty() ? String.valueOf(t + 1) : visible(p.symbols().get(t));
            boolean numbered = p.symbols().isEmpty() && steps > 20;
            int every = numbered ? Math.max(xEvery, nice(steps / 12)) : xEvery;
            x.add((numbered ? (t + 1) % every == 0 || t == 0 : t % every == 0) ? label : HIDDEN);
        }
        // XChart stacks categories from the bottom; the first row (unit 0, or the first label) goes on top,
        // where a reader starts, so the rows are handed over last first.
        List<String> y = new ArrayList<>(units);
        int maxY = Math.max(2, Math.min(MAX_Y_LABELS, (height - 100) / 14));
        int yEvery = units <= maxY ? 1 : nice((units + maxY - 1) / maxY);
        for (int row = units - 1; row >= 0; row--) {
            String label = p.rowLabels().isEmpty() ? String.valueOf(row) : visible(p.rowLabels().get(row));
            y.add(row % yEvery == 0 ? label : HIDDEN);
        }
        List<Number[]> data = new ArrayList<>(steps * units);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < steps; t++) {
            Shapes.require(p.values()[t].length == units, "panel '%s': step %d has %d units, step 0 has %d",
                    p.title(), t, p.values()[t].length, units);
            for (int h = 0; h < units; h++) {
                double v = p.values()[t][h];
                data.add(new Number[] {t, units - 1 - h, v});
                if (!Double.isNaN(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        HeatMapChart chart = Style.heatMapChart(p.title(), p.symbols().isEmpty() ? "time step t" : "input symbol",
                "unit", width, height);
        chart.addSeries(p.title(), x, y, data);
        var s = chart.getStyler();
        if (lo >= 0 && hi <= 1) {
            s.setRangeColors(Style.SEQUENTIAL).setMin(0).setMax(1);
        } else {
            double limit = roundUp(Math.max(Math.abs(lo), Math.abs(hi)));
            s.setRangeColors(Style.DIVERGING).setMin(-limit).setMax(limit);
        }
        s.setHeatMapValueDecimalPattern("0.0#");
        s.setGradientColorColumnHeight(Math.max(60, height - 130));
        s.setAxisTicksMarksVisible(false);
        if (!p.symbols().isEmpty()) {
            s.setAxisTickLabelsFont(new java.awt.Font(Style.MONO, java.awt.Font.PLAIN, 11));
        }
        return chart;
    }

    /** 1, 2, 5, 10, 20, 50, … at least {@code k}: steps a reader counts in. */
    static int nice(int k) {
        int step = 1;
        while (true) {
            for (int m : new int[] {1, 2, 5}) {
                if (step * m >= k) return step * m;
            }
            step *= 10;
        }
    }

    /** {@code v} rounded up to two significant digits (0.964 → 0.97, 2.41 → 2.5), so the scale reads cleanly. */
    static double roundUp(double v) {
        if (!(v > 0) || Double.isInfinite(v)) return 1;
        double unit = Math.pow(10, Math.floor(Math.log10(v)) - 1);
        return Math.ceil(v / unit - 1e-9) * unit;
    }

    /** Makes blank and control symbols visible on an axis. */
    static String visible(String symbol) {
        return switch (symbol) {
            case " " -> "␣";
            case "\n" -> "↵";
            case "\t" -> "⇥";
            case "" -> "∅";
            default -> symbol;
        };
    }

    /** Names what the rows are on every panel's row axis (default "unit"), e.g. "base" for DNA; returns this. */
    public Heatmap rowTitle(String title) {
        for (HeatMapChart c : panels) c.setYAxisTitle(title);
        return this;
    }

    /** The XChart heatmap of each panel, top to bottom, for further styling. */
    public List<HeatMapChart> charts() {
        return Collections.unmodifiableList(panels);
    }

    @Override
    public BufferedImage toImage() {
        int height = panels.stream().mapToInt(HeatMapChart::getHeight).sum();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            int top = 0;
            for (HeatMapChart panel : panels) {
                g.drawImage(BitmapEncoder.getBufferedImage(panel), 0, top, null);
                top += panel.getHeight();
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    @Override
    public String describe() {
        List<String> titles = new ArrayList<>();
        for (HeatMapChart c : panels) titles.add(c.getTitle());
        return "Heatmap " + titles;
    }

    @Override
    public String toString() {
        return describe();
    }
}
