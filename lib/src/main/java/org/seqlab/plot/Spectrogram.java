package org.seqlab.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.seqlab.Shapes;

/**
 * Log-mel spectrograms of one or more clips, drawn side by side in a grid: time along the bottom in seconds,
 * the mel bands up the side (band 1, the lowest frequencies, at the bottom, as a spectrogram is read), the
 * energy as colour from dark (quiet) to bright (loud).
 *
 * <p>Frame {@code t} (counted from 1) is labelled with the time its window starts, {@code (t − 1) · hop}; with the
 * course's frames (25 ms windows every 10 ms) a second is 100 frames. All panels share one colour scale, from
 * the lowest to the highest value over every clip, so one colour means one energy across the figure.
 *
 * <pre>
 *   Map&lt;String, float[][]&gt; clips = new LinkedHashMap&lt;&gt;();          // title → frames [T][D]
 *   clips.put("zero", digits.clips().get(0).frames());
 *   Spectrogram.of(clips, 0.010, "ln energy")                       // 10 ms per frame
 * </pre>
 */
public final class Spectrogram implements View {
    /** Dark blue through purple and orange to pale yellow: quiet is dark, loud is bright (magma-like). */
    static final Color[] SCALE = {new Color(0x0B0724), new Color(0x5B1A7A), new Color(0xC8405A), new Color(0xF8A541),
        new Color(0xFCF5B0)};
    /** The label of a thinned-out tick: XChart cannot lay out an empty string. */
    private static final String HIDDEN = " ";
    static final int PANEL_WIDTH = 360;
    static final int PANEL_HEIGHT = 230;

    private final List<HeatMapChart> panels;
    private final int columns;
    private final double low;
    private final double high;

    private Spectrogram(List<HeatMapChart> panels, int columns, double low, double high) {
        this.panels = panels;
        this.columns = columns;
        this.low = low;
        this.high = high;
    }

    /**
     * The spectrograms of the given clips, two per row.
     *
     * @param clips title → frames {@code [T][D]} (T ≥ 1 frames of D bands), drawn in the map's order
     * @param hopSeconds the time between two frames' starts, in seconds (0.010 for the course's clips)
     * @param unit what the values are, for the colour scale's legend ("ln energy")
     * @throws IllegalArgumentException for no clips, a clip of no frames, or clips of different D
     */
    public static Spectrogram of(Map<String, float[][]> clips, double hopSeconds, String unit) {
        Shapes.require(!clips.isEmpty(), "a spectrogram needs at least one clip");
        Shapes.require(hopSeconds > 0, "hopSeconds must be positive but is %s", hopSeconds);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int bands = -1;
        for (Map.Entry<String, float[][]> e : clips.entrySet()) {
            float[][] x = e.getValue();
            Shapes.require(x != null && x.length > 0, "clip '%s' has no frames: a spectrogram needs [T ≥ 1, D]", e.getKey());
            if (bands < 0) bands = x[0].length;
            for (int t = 0; t < x.length; t++) {
                Shapes.require(x[t].length == bands, "every frame must have D=%d bands but frame t = %d of '%s' has %d",
                        bands, t + 1, e.getKey(), x[t].length);
                for (float v : x[t]) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        List<HeatMapChart> charts = new ArrayList<>();
        for (Map.Entry<String, float[][]> e : clips.entrySet()) {
            charts.add(panel(e.getKey(), e.getValue(), hopSeconds, unit, lo, hi));
        }
        return new Spectrogram(charts, Math.min(2, charts.size()), lo, hi);
    }

    /** One clip's spectrogram. */
    public static Spectrogram of(String title, float[][] frames, double hopSeconds, String unit) {
        Map<String, float[][]> one = new LinkedHashMap<>();
        one.put(title, frames);
        return of(one, hopSeconds, unit);
    }

    private static HeatMapChart panel(String title, float[][] x, double hop, String unit, double lo, double hi) {
        int steps = x.length;
        int bands = x[0].length;
        int every = (int) Math.max(1, Math.round(0.1 / hop));         // a label every 0.1 s
        List<String> times = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            times.add(t % every == 0 ? String.format(Locale.ROOT, "%.1f", t * hop) : HIDDEN);
        }
        List<String> rows = new ArrayList<>(bands);
        for (int m = 0; m < bands; m++) rows.add(m % 5 == 4 || m == 0 ? String.valueOf(m + 1) : HIDDEN);
        List<Number[]> cells = new ArrayList<>(steps * bands);
        for (int t = 0; t < steps; t++) for (int m = 0; m < bands; m++) cells.add(new Number[] {t, m, x[t][m]});
        HeatMapChart chart = Style.heatMapChart(title, "time (s)", "mel band", PANEL_WIDTH, PANEL_HEIGHT);
        chart.addSeries(unit, times, rows, cells);
        var s = chart.getStyler();
        s.setRangeColors(SCALE).setMin(Math.floor(lo)).setMax(Math.ceil(hi));
        s.setHeatMapValueDecimalPattern("0");
        s.setGradientColorColumnHeight(PANEL_HEIGHT - 110);
        s.setAxisTicksMarksVisible(false);
        return chart;
    }

    /** The panels, one XChart heatmap per clip. */
    public List<HeatMapChart> charts() {
        return List.copyOf(panels);
    }

    @Override
    public BufferedImage toImage() {
        int rows = (panels.size() + columns - 1) / columns;
        BufferedImage image = new BufferedImage(columns * PANEL_WIDTH, rows * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int k = 0; k < panels.size(); k++) {
                g.drawImage(BitmapEncoder.getBufferedImage(panels.get(k)), (k % columns) * PANEL_WIDTH,
                        (k / columns) * PANEL_HEIGHT, null);
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
        return String.format(Locale.ROOT, "Spectrogram %s, values %.1f .. %.1f", titles, low, high);
    }

    @Override
    public String toString() {
        return describe();
    }
}
