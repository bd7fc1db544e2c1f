package org.seqlab.plot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.Shapes;

/**
 * Finds hidden units that track a feature of the input, and builds the usual features of text.
 *
 * <pre>
 *   double[] quoted = Units.insideQuotes(text);
 *   List&lt;Units.Correlation&gt; top = Units.topCorrelated(h, quoted, 5);   // h [T, H]
 *   ActivationText.of(text, h, top.get(0).unit());
 * </pre>
 */
public final class Units {
    private Units() {}

    /** A unit and the Pearson correlation r ∈ [−1, 1] of its activation with the feature over time. */
    public record Correlation(int unit, double r) {}

    /**
     * The k units whose activation over time correlates most strongly (largest |r|) with {@code feature}:
     *
     * <pre>
     *   r_j = Σ_t (a_tj − ā_j)(f_t − f̄) / sqrt(Σ_t (a_tj − ā_j)² · Σ_t (f_t − f̄)²)
     * </pre>
     *
     * A unit (or a feature) that never changes has r = 0.
     *
     * @param activations [T, H], or [T, B=1, H]
     * @param feature f_0 … f_{T−1}
     * @param k how many units to return (at most H)
     * @return the units, strongest |r| first
     */
    public static List<Correlation> topCorrelated(INDArray activations, double[] feature, int k) {
        double[][] a = Traces.matrix(activations, "activations");
        Shapes.require(a.length == feature.length,
                "feature must have one value per time step: activations have T=%d but feature has %d",
                a.length, feature.length);
        Shapes.require(k > 0, "k must be positive but is %d", k);
        int units = a.length == 0 ? 0 : a[0].length;
        List<Correlation> all = new ArrayList<>(units);
        for (int j = 0; j < units; j++) {
            double[] column = new double[a.length];
            for (int t = 0; t < a.length; t++) column[t] = a[t][j];
            all.add(new Correlation(j, pearson(column, feature)));
        }
        all.sort(Comparator.comparingDouble((Correlation c) -> -Math.abs(c.r())).thenComparingInt(Correlation::unit));
        return List.copyOf(all.subList(0, Math.min(k, all.size())));
    }

    /** Pearson's r of two series of equal length; 0 when either is constant. */
    static double pearson(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
    }

    /**
     * 1 for each character inside double quotes, the quote marks included, 0 elsewhere: {@code say "hi"}
     * gives 0 0 0 0 1 1 1 1.
     */
    public static double[] insideQuotes(String text) {
        List<String> s = Traces.symbols(text);
        double[] f = new double[s.size()];
        boolean inside = false;
        for (int t = 0; t < f.length; t++) {
            boolean quote = s.get(t).equals("\"");
            if (quote && !inside) {
                inside = true;
                f[t] = 1;
            } else if (quote) {
                inside = false;
                f[t] = 1;
            } else {
                f[t] = inside ? 1 : 0;
            }
        }
        return f;
    }

    /** Each character's position in its line: 0 for the first character after a newline (the newline ends its line). */
    public static double[] linePosition(String text) {
        List<String> s = Traces.symbols(text);
        double[] f = new double[s.size()];
        int column = 0;
        for (int t = 0; t < f.length; t++) {
            f[t] = column;
            column = s.get(t).equals("\n") ? 0 : column + 1;
        }
        return f;
    }

    /**
     * A counter: the nesting depth at each character, +1 after each {@code open}, −1 at each {@code close}
     * ({@code f(x)} with '(' and ')' gives 0 0 1 0: the brackets themselves count as outside).
     */
    public static double[] nestingDepth(String text, char open, char close) {
        List<String> s = Traces.symbols(text);
        double[] f = new double[s.size()];
        int depth = 0;
        for (int t = 0; t < f.length; t++) {
            String c = s.get(t);
            if (c.equals(String.valueOf(close))) depth = Math.max(0, depth - 1);
            f[t] = depth;
            if (c.equals(String.valueOf(open))) depth++;
        }
        return f;
    }
}
