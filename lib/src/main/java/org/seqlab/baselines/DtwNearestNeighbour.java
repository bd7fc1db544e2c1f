package org.seqlab.baselines;

import java.util.ArrayList;
import java.util.List;
import org.seqlab.Shapes;
import org.seqlab.data.Sequence;
import org.seqlab.plot.Confusion;

/**
 * Nearest-neighbour classification with dynamic time warping: a clip takes the class of the stored template
 * it can be aligned with at the lowest cost, however the two are stretched in time. Template matching of this
 * kind was how isolated words were recognised before statistical models (Sakoe &amp; Chiba 1978).
 *
 * <pre>
 *   d(i, j) = ‖a_i − b_j‖                                   Euclidean distance of frame i of a and frame j of b
 *   g(1, 1) = 2 d(1, 1)
 *   g(i, j) = min( g(i−1, j) + d(i, j),                    a advances, b waits
 *                  g(i−1, j−1) + 2 d(i, j),                both advance
 *                  g(i, j−1) + d(i, j) )                   b advances, a waits
 *   DTW(a, b) = g(T_a, T_b) / (T_a + T_b)                   i = 1 … T_a, j = 1 … T_b, |i − j| ≤ max(w, |T_a − T_b|)
 * </pre>
 *
 * This is Sakoe &amp; Chiba's symmetric form ("Dynamic programming algorithm optimization for spoken word
 * recognition", IEEE Trans. ASSP 26(1), 1978): every path from (1, 1) to (T_a, T_b) weighs T_a + T_b, so the
 * normalised cost is a mean frame distance along the alignment and clips of different lengths compare fairly.
 * The band w (a Sakoe–Chiba window) keeps an alignment within w frames of the diagonal; it is widened to
 * |T_a − T_b| so that an alignment always exists. Cost O(T_a · T_b) per pair: classify against a subset of
 * templates when there are many.
 *
 * <pre>
 *   DtwNearestNeighbour dtw = DtwNearestNeighbour.of(templates);      // labelled clips [T, D]
 *   dtw.accuracy(test);   dtw.nearest(clip)                          // the template, its class and the cost
 * </pre>
 */
public final class DtwNearestNeighbour {
    private final List<Sequence> templates;
    private final int bands;
    private final int window;

    private DtwNearestNeighbour(List<Sequence> templates, int bands, int window) {
        this.templates = templates;
        this.bands = bands;
        this.window = window;
    }

    /**
     * The nearest template of a clip.
     *
     * @param index the template's position in the list given to {@link #of}
     * @param label its class id
     * @param cost DTW(clip, template), in the frames' units (mean Euclidean frame distance along the alignment)
     */
    public record Match(int index, int label, double cost) {}

    /** A classifier over labelled templates (features {@code [T, D]}, one class each), with no band. */
    public static DtwNearestNeighbour of(List<Sequence> templates) {
        return of(templates, Integer.MAX_VALUE);
    }

    /**
     * A classifier over labelled templates with a Sakoe–Chiba band of {@code window} frames.
     *
     * @throws IllegalArgumentException for no templates, templates of different D or without a class, a window below 0
     */
    public static DtwNearestNeighbour of(List<Sequence> templates, int window) {
        Clips.labels(templates);
        Shapes.require(window >= 0, "window must be ≥ 0 frames but is %d", window);
        int d = Clips.check(templates.get(0).x(), -1);
        for (Sequence s : templates) Clips.check(s.x(), d);
        return new DtwNearestNeighbour(List.copyOf(templates), d, window);
    }

    /** DTW(a, b) of the class comment with no band: frames {@code [T_a][D]} and {@code [T_b][D]}. */
    public static double distance(float[][] a, float[][] b) {
        return distance(a, b, Integer.MAX_VALUE);
    }

    /**
     * DTW(a, b) of the class comment.
     *
     * @param a frames {@code [T_a][D]}, T_a ≥ 1
     * @param b frames {@code [T_b][D]}, T_b ≥ 1, the same D
     * @param window the band w in frames (widened to |T_a − T_b|)
     * @return the normalised cost, ≥ 0, 0 when b is a with frames repeated or a itself
     * @throws IllegalArgumentException for a clip of no frames or different widths
     */
    public static double distance(float[][] a, float[][] b, int window) {
        int d = Clips.check(a, -1);
        Clips.check(b, d);
        int n = a.length;
        int m = b.length;
        int w = Math.max(window, Math.abs(n - m));
        double[] previous = new double[m + 1];
        double[] current = new double[m + 1];
        java.util.Arrays.fill(previous, Double.POSITIVE_INFINITY);
        previous[0] = 0;                                     // g(0, 0) = 0 makes g(1, 1) = 2 d(1, 1)
        for (int i = 1; i <= n; i++) {
            java.util.Arrays.fill(current, Double.POSITIVE_INFINITY);
            int from = Math.max(1, i - w);
            int to = (int) Math.min(m, (long) i + w);
            for (int j = from; j <= to; j++) {
                double dij = frameDistance(a[i - 1], b[j - 1]);
                double g = Math.min(previous[j] + dij, current[j - 1] + dij);
                current[j] = Math.min(g, previous[j - 1] + 2 * dij);
            }
            double[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[m] / (n + m);
    }

    private static double frameDistance(float[] x, float[] y) {
        double s = 0;
        for (int k = 0; k < x.length; k++) {
            double e = x[k] - y[k];
            s += e * e;
        }
        return Math.sqrt(s);
    }

    /** The template nearest to {@code frames [T][D]} by DTW (the first of equals). */
    public Match nearest(float[][] frames) {
        Clips.check(frames, bands);
        Match best = null;
        for (int k = 0; k < templates.size(); k++) {
            double cost = distance(frames, templates.get(k).x(), window);
            if (best == null || cost < best.cost()) best = new Match(k, templates.get(k).label(), cost);
        }
        return best;
    }

    /** The class of the nearest template. */
    public int predict(float[][] frames) {
        return nearest(frames).label();
    }

    /** The class of each clip's nearest template. */
    public int[] predict(List<Sequence> clips) {
        List<Integer> out = new ArrayList<>();
        for (Sequence s : clips) out.add(predict(s.x()));
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The share of {@code clips} whose class is predicted right, in [0, 1]. */
    public double accuracy(List<Sequence> clips) {
        return Clips.accuracy(Clips.labels(clips), predict(clips));
    }

    /** The confusion matrix on {@code clips}, classes named {@code classNames} (in id order). */
    public Confusion confusion(List<Sequence> clips, List<String> classNames) {
        return Clips.confusion(Clips.labels(clips), predict(clips), classNames, name());
    }

    /** The templates, in the order given. */
    public List<Sequence> templates() {
        return templates;
    }

    /** For tables and chart titles: {@code "DTW 1-NN (60 templates)"}. */
    public String name() {
        return "DTW 1-NN (" + templates.size() + " templates)";
    }

    @Override
    public String toString() {
        return "DtwNearestNeighbour(" + templates.size() + " templates of D=" + bands
                + (window == Integer.MAX_VALUE ? ", no band)" : ", band " + window + ")");
    }
}
