package org.seqlab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYSeries;
import org.seqlab.Shapes;

/**
 * Saliency along a sequence: one line per class of the mean ‖∂z_c/∂x_t‖ at each position t (counted from 1, as the
 * lessons count time steps), with the regions a reader should compare it with shaded behind the lines and an
 * optional boundary drawn as a dashed vertical line.
 *
 * <pre>
 *   Map&lt;String, double[]&gt; mean = lstm.meanSaliency(testSequences);        // class → [T]
 *   Saliency.byPosition("LSTM saliency", mean, 30.5,
 *           List.of(new Saliency.Region("acceptor AG", 29, 30), new Saliency.Region("donor GT", 31, 32)));
 * </pre>
 *
 * The lines take the palette's colours in map order; the regions take greys (from dark to light), so no region
 * shares a colour with a class.
 */
public final class Saliency {
    /** The greys of the regions, in order. */
    static final Color[] REGION = {new Color(0xCFCFCF), new Color(0xE8E8E8), new Color(0xB5B5B5)};

    private Saliency() {}

    /**
     * A stretch of positions to shade, {@code from} … {@code to} inclusive, counted from 1; listed in the legend as
     * {@code "label (from–to)"}.
     */
    public record Region(String label, int from, int to) {
        /** Checks the range. */
        public Region {
            Shapes.require(from >= 1 && to >= from, "a region spans positions from ≥ 1 to ≥ from but is %d–%d", from,
                    to);
        }
    }

    /**
     * The chart.
     *
     * @param perClass each class's mean saliency {@code [T]}, all of one length, in logit units per unit of input
     * @param boundary where to draw the dashed vertical line, in position units (30.5 = between positions 30 and 31),
     *     or {@code Double.NaN} for none
     * @param regions at most three stretches to shade, each inside 1 … T
     * @throws IllegalArgumentException for no classes, lengths that differ, or a region outside the sequence
     */
    public static Chart byPosition(String title, Map<String, double[]> perClass, double boundary, List<Region> regions) {
        Shapes.require(!perClass.isEmpty(), "the saliency chart needs at least one class");
        int t = perClass.values().iterator().next().length;
        double top = 0;
        for (Map.Entry<String, double[]> e : perClass.entrySet()) {
            Shapes.require(e.getValue().length == t, "class %s has %d positions but the first class has %d",
                    e.getKey(), e.getValue().length, t);
            for (double v : e.getValue()) if (Double.isFinite(v)) top = Math.max(top, v);
        }
        Shapes.require(regions.size() <= REGION.length, "at most %d regions, not %d", REGION.length, regions.size());
        Chart chart = Chart.create(title, "position t in the sequence (base)", "mean ‖∂z_c/∂x_t‖ (logit per unit input)");
        for (int i = 0; i < regions.size(); i++) {
            Region r = regions.get(i);
            Shapes.require(r.to() <= t, "region %s ends at %d, after the last position %d", r.label(), r.to(), t);
            double a = r.from() - 0.5, b = r.to() + 0.5, h = top * 1.05;
            XYSeries band = chart.add(r.label() + " (" + r.from() + "–" + r.to() + ")", new double[] {a, a, b, b},
                    new double[] {0, h, h, 0}, REGION[i]);
            band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            band.setLineStyle(new BasicStroke(0f));
        }
        double[] x = new double[t];
        for (int i = 0; i < t; i++) x[i] = i + 1;
        perClass.forEach((name, y) -> chart.line(name, x, y));
        if (!Double.isNaN(boundary)) {
            chart.chart().addAnnotation(new AnnotationLine(boundary, true, false));
            chart.chart().getStyler().setAnnotationLineColor(new Color(0x555555));
            chart.chart().getStyler().setAnnotationLineStroke(Curves.dashed());
        }
        return chart;
    }
}
