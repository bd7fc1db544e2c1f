package org.seqlab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.series.Series;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The one place where Seqlab's charts get their look: size, fonts, the line palette and the heatmap colour scales.
 *
 * <ul>
 *   <li>Size 720×400 px, which fits a notebook column without scaling.</li>
 *   <li>DejaVu Sans (installed with fonts-dejavu-core), 13 pt text, 15 pt bold titles.</li>
 *   <li>Lines and bars in the Okabe–Ito palette, distinguishable with the common colour-vision deficiencies.</li>
 *   <li>The legend in one row below the plot; when that row would not fit the width, to the right of the plot,
 *       one entry per line (XChart neither wraps a legend nor shrinks it: it cuts it off at the image's edges).</li>
 *   <li>Heatmaps: a diverging blue–white–red scale centred at 0 for signed values (hidden states,
 *       cell states), a white-to-green sequential scale for values in [0, 1] (gates), so no colour means two
 *       things in one figure.</li>
 * </ul>
 */
public final class Style {
    private Style() {}

    /** Default chart width in pixels. */
    public static final int WIDTH = 720;
    /** Default chart height in pixels. */
    public static final int HEIGHT = 400;

    /** The font family of every chart. */
    public static final String FONT = "DejaVu Sans";
    /** The monospaced font for symbols and text views. */
    public static final String MONO = "DejaVu Sans Mono";

    /** Okabe–Ito colours in the order lines take them (yellow last: it reads poorly on white). */
    public static final Color[] PALETTE = {
        new Color(0x0072B2), // blue
        new Color(0xD55E00), // vermillion
        new Color(0x009E73), // bluish green
        new Color(0xE69F00), // orange
        new Color(0xCC79A7), // reddish purple
        new Color(0x56B4E9), // sky blue
        new Color(0x000000), // black
        new Color(0xF0E442), // yellow
    };

    /** Negative end, middle and positive end of the diverging scale (ColorBrewer RdBu). */
    public static final Color[] DIVERGING = {new Color(0x2166AC), new Color(0xF7F7F7), new Color(0xB2182B)};

    /**
     * Low and high end of the sequential scale used for values in [0, 1] (gates): white to green (ColorBrewer
     * Greens), a hue of its own, so that in a figure with both scales blue means only "negative".
     */
    public static final Color[] SEQUENTIAL = {new Color(0xF7FCF5), new Color(0x006D2C)};

    /** Alpha (0-255) of the raw curve drawn faintly behind a smoothed one. */
    static final int FAINT_ALPHA = 70;

    static final Color GRID = new Color(0xE3E3E3);
    static final Color TEXT = new Color(0x222222);

    /** The i-th line colour, cycling through {@link #PALETTE}. */
    public static Color color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /** {@code c} with the given alpha (0 transparent, 255 opaque). */
    public static Color faint(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    /**
     * The diverging colour of {@code v} on a scale from {@code -limit} (blue) through 0 (white) to
     * {@code +limit} (red); values beyond the limit take the end colours.
     */
    public static Color diverging(double v, double limit) {
        double u = limit > 0 ? Math.max(-1, Math.min(1, v / limit)) : 0;
        if (Double.isNaN(u)) u = 0;
        return u < 0 ? mix(DIVERGING[1], DIVERGING[0], -u) : mix(DIVERGING[1], DIVERGING[2], u);
    }

    /** Linear mix from {@code a} (t = 0) to {@code b} (t = 1). */
    static Color mix(Color a, Color b, double t) {
        return new Color(
                (int) Math.round(a.getRed() + t * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + t * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + t * (b.getBlue() - a.getBlue())));
    }

    static Font font(int size) {
        return new Font(FONT, Font.PLAIN, size);
    }

    /** An XY chart with the house look and no series yet. */
    static XYChart xyChart(String title, String xLabel, String yLabel, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height)
                .title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        var s = chart.getStyler();
        axes(s);
        s.setSeriesColors(PALETTE);
        s.setSeriesMarkers(new Marker[] {SeriesMarkers.NONE});
        s.setSeriesLines(new BasicStroke[] {new BasicStroke(2f)});
        legendBelow(s);
        s.setMarkerSize(6);
        // On a log axis XChart labels decades only by default; a loss from 2.3 to 0.2 would show one label.
        s.setYAxisLogarithmicDecadeOnly(false);
        return chart;
    }

    /** Up to this many x values on a grid, XChart labels each and they fit. */
    static final int FEW_X = 20;

    /**
     * The x range that makes the axis label round steps (1, 100, 200, … or 0, 20, 40, …), or null when XChart
     * picks round steps by itself. When all x values lie on one equally spaced grid (optimiser steps 1 … n, time
     * steps 1 … T), XChart labels every k-th value instead, starting at the first, with the smallest k whose
     * labels just fit (its fit test leaves no gap), so "1 38 75 112 149" run together. An axis that reaches half a
     * step beyond the first and last values is no longer on the grid, and XChart uses its usual rule.
     *
     * On a grid of at most {@value #FEW_X} values every label fits and XChart's choice (every value) reads well,
     * so it is left alone.
     *
     * @return {min, max} for the x axis, or null
     */
    static double[] roundTickRange(XYChart chart) {
        java.util.TreeSet<Double> xs = new java.util.TreeSet<>();
        for (XYSeries s : chart.getSeriesMap().values()) {
            for (double x : s.getXData()) if (Double.isFinite(x)) xs.add(x);
        }
        if (xs.size() <= FEW_X || !equallySpaced(xs)) return null;
        double half = (xs.last() - xs.first()) / (xs.size() - 1) / 2;
        return new double[] {xs.first() - half, xs.last() + half};
    }

    /** Whether sorted, distinct values lie on one grid, as XChart decides it (to within 1e-4). */
    static boolean equallySpaced(java.util.SortedSet<Double> xs) {
        Double previous = null;
        double step = Double.NaN;
        for (double x : xs) {
            if (previous != null) {
                if (Double.isNaN(step)) step = x - previous;
                else if (Math.abs(x - previous - step) >= 1e-4) return false;
            }
            previous = x;
        }
        return true;
    }

    /** A bar chart with the house look and no series yet: bars side by side, from 0, no vertical grid lines. */
    static CategoryChart categoryChart(String title, String xLabel, String yLabel, int width, int height) {
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height)
                .title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        var s = chart.getStyler();
        axes(s);
        s.setSeriesColors(PALETTE);
        legendBelow(s);
        s.setPlotGridVerticalLinesVisible(false);
        s.setAxisTicksMarksVisible(false);
        s.setOverlapped(false);
        s.setAvailableSpaceFill(0.8);
        return chart;
    }

    /** Extra width the y axis (title and tick labels) takes left of the plot, which a legend below is centred on. */
    static final int Y_AXIS_ALLOWANCE = 80;
    /** XChart's legend symbol width for bars (a box), as in its {@code Legend_}. */
    private static final int LEGEND_BOX = 20;

    /**
     * Puts the legend where it fits: below the plot in one row when the row fits the chart's width (less the
     * padding and the y axis), otherwise right of the plot, one entry per line.
     *
     * @param beside whether this method moved the legend beside the plot last time
     * @return whether the legend is now beside the plot because of this method; a legend placed by the caller
     *     elsewhere is left alone
     */
    static boolean fitLegend(org.knowm.xchart.internal.chartpart.Chart<? extends Styler, ? extends Series> chart,
                             boolean beside) {
        Styler s = chart.getStyler();
        boolean below = s.getLegendPosition() == Styler.LegendPosition.OutsideS
                && s.getLegendLayout() == Styler.LegendLayout.Horizontal;
        boolean right = s.getLegendPosition() == Styler.LegendPosition.OutsideE
                && s.getLegendLayout() == Styler.LegendLayout.Vertical;
        if (!(below || (beside && right))) return false;
        int room = chart.getWidth() - 2 * s.getChartPadding() - Y_AXIS_ALLOWANCE;
        boolean fits = legendRowWidth(chart) <= room;
        s.setLegendPosition(fits ? Styler.LegendPosition.OutsideS : Styler.LegendPosition.OutsideE);
        s.setLegendLayout(fits ? Styler.LegendLayout.Horizontal : Styler.LegendLayout.Vertical);
        return !fits;
    }

    /** The width of the legend laid out in one row, measured the way XChart lays it out. */
    static double legendRowWidth(org.knowm.xchart.internal.chartpart.Chart<? extends Styler, ? extends Series> chart) {
        Styler s = chart.getStyler();
        FontRenderContext frc = new FontRenderContext(null, true, false);
        // a series' render style is only filled in while painting: bars show a box, lines a short line
        int symbol = chart instanceof CategoryChart ? LEGEND_BOX : s.getLegendSeriesLineLength();
        double width = s.getLegendPadding();
        for (Series series : chart.getSeriesMap().values()) {
            if (!series.isShowInLegend() || !series.isEnabled()) continue;
            double text = 0;
            for (String line : series.getLabel().split("\\n")) {
                text = Math.max(text, new TextLayout(line, s.getLegendFont(), frc).getOutline(null).getBounds2D()
                        .getWidth());
            }
            width += text + s.getLegendPadding() + symbol + s.getLegendPadding();
        }
        return width;
    }

    private static void legendBelow(Styler s) {
        // below the plot, in one row: a legend inside the plot always ends up over some curve
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        s.setLegendFont(font(12));
        s.setLegendSeriesLineLength(24);
    }

    /** A heatmap chart with the house look; the caller sets the colour range. */
    static HeatMapChart heatMapChart(String title, String xLabel, String yLabel, int width, int height) {
        // The builder, not the plain constructor: in XChart 3.8.8 the constructor leaves the locale unset
        // and painting throws a NullPointerException.
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height)
                .title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        var s = chart.getStyler();
        axes(s);
        s.setPlotGridLinesVisible(false);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendFont(font(11));
        s.setLegendBorderColor(Color.WHITE);
        s.setDrawBorder(false);
        s.setShowValue(false);
        s.setGradientColorColumnWeight(12);
        return chart;
    }

    private static void axes(AxesChartStyler s) {
        s.setLocale(Locale.ROOT);
        s.setAntiAlias(true);
        s.setBaseFont(font(13));
        s.setChartTitleFont(new Font(FONT, Font.BOLD, 15));
        s.setAxisTitleFont(font(13));
        s.setAxisTickLabelsFont(font(11));
        s.setChartFontColor(TEXT);
        s.setAxisTickLabelsColor(TEXT);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(true);
        s.setPlotBorderColor(new Color(0xBBBBBB));
        s.setPlotGridLinesColor(GRID);
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setChartTitleBoxVisible(false);
        s.setChartPadding(10);
        s.setToolTipsEnabled(false);
    }
}
