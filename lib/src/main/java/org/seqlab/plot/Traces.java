package org.seqlab.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.Shapes;

/**
 * What happens inside a recurrent cell over one sequence: heatmaps of states and gates (units × time steps),
 * line traces of chosen units, and the gradient norm that reaches each earlier time step.
 *
 * <p>Traces are matrices [T, H] (time step × hidden unit), as a cell's states stack up over a sequence; an
 * array [T, B=1, H] (one sequence of a batch) is accepted too. Several traces go in a map whose keys name
 * them: {@code Map.of("h", h, "c", c, "i", i, "f", f, "o", o)} for an LSTM, {@code "r", "z"} for a GRU.
 *
 * <pre>
 *   Traces.heatmap(h, "hello world")                // hidden units × time, input symbols along t
 *   Traces.heatmap(h.getColumns(44, 108), "hello world", List.of("44", "108"))   // chosen units, labelled
 *   Traces.heatmaps(lstmTraces, "hello world")       // one panel per named trace
 *   Traces.units(h, 3, 17)                           // unit 3 and 17 over time
 *   Traces.unit(lstmTraces, 17)                      // h, c, i, f, o of unit 17 over time
 *   Traces.gradientNorms(Map.of("RNN", rnnNorms, "LSTM", lstmNorms))   // ‖∂L_T/∂h_t‖ against t, log y
 * </pre>
 */
public final class Traces {
    private Traces() {}

    /** Height of each panel when several heatmaps are stacked. */
    static final int PANEL_HEIGHT = 230;

    /** A heatmap of states [T, H] with one character of {@code text} per time step (text.length() = T). */
    public static Heatmap heatmap(INDArray states, String text) {
        return heatmap(states, symbols(text));
    }

    /** A heatmap of states [T, H] with one symbol per time step (or an empty list: the axis shows t). */
    public static Heatmap heatmap(INDArray states, List<String> symbols) {
        return heatmap(matrix(states, "states"), symbols);
    }

    /**
     * A heatmap of states [T, H] with one character of {@code text} per time step and the rows labelled
     * {@code rowLabels} (H of them) instead of 0 … H−1: e.g. the unit numbers of a chosen subset of units.
     */
    public static Heatmap heatmap(INDArray states, String text, List<String> rowLabels) {
        return heatmap(matrix(states, "states"), symbols(text), rowLabels);
    }

    /** A heatmap of states given as {@code double[T][H]}. */
    public static Heatmap heatmap(double[][] states, List<String> symbols) {
        return heatmap(states, symbols, List.of());
    }

    /** A heatmap of states {@code double[T][H]}, one symbol per step, rows labelled (or 0 … H−1 if empty). */
    public static Heatmap heatmap(double[][] states, List<String> symbols, List<String> rowLabels) {
        return Heatmap.of(List.of(new Heatmap.Panel("hidden state h_t", states, symbols, rowLabels)),
                Style.WIDTH, Style.HEIGHT);
    }

    /** One heatmap panel per named trace [T, H], stacked in map order, one character of {@code text} per step. */
    public static Heatmap heatmaps(Map<String, INDArray> traces, String text) {
        return heatmaps(traces, symbols(text));
    }

    /** One heatmap panel per named trace [T, H], stacked in map order. */
    public static Heatmap heatmaps(Map<String, INDArray> traces, List<String> symbols) {
        return heatmaps(traces, symbols, List.of());
    }

    /**
     * One heatmap panel per named trace [T, H], one character of {@code text} per step, the H rows of every
     * panel labelled {@code rowLabels}: {@code heatmaps(Map.of("one-hot", x), dna, List.of("A", "C", "G", "T"))}.
     */
    public static Heatmap heatmaps(Map<String, INDArray> traces, String text, List<String> rowLabels) {
        return heatmaps(traces, symbols(text), rowLabels);
    }

    /** One heatmap panel per named trace [T, H], rows labelled {@code rowLabels} (or 0 … H−1 if empty). */
    public static Heatmap heatmaps(Map<String, INDArray> traces, List<String> symbols, List<String> rowLabels) {
        Shapes.require(!traces.isEmpty(), "give at least one trace");
        List<Heatmap.Panel> panels = new ArrayList<>();
        traces.forEach((name, a) -> panels.add(new Heatmap.Panel(name, matrix(a, name), symbols, rowLabels)));
        int height = panels.size() == 1 ? Style.HEIGHT : PANEL_HEIGHT;
        return Heatmap.of(panels, Style.WIDTH, height);
    }

    /** The chosen units of states [T, H] as lines over time, one colour per unit. */
    public static Chart units(INDArray states, int... units) {
        double[][] m = matrix(states, "states");
        Shapes.require(units.length > 0, "name at least one unit");
        Chart chart = Chart.create("hidden units over time", "time step t", "activation");
        for (int u : units) {
            chart.line("unit " + u, steps(m.length), column(m, u, "states"));
        }
        return chart;
    }

    /**
     * One unit across several named traces (e.g. h, c and the gates i, f, o of an LSTM) as lines over time.
     */
    public static Chart unit(Map<String, INDArray> traces, int unit) {
        Shapes.require(!traces.isEmpty(), "give at least one trace");
        Chart chart = Chart.create("unit " + unit + " over time", "time step t", "value");
        traces.forEach((name, a) -> {
            double[][] m = matrix(a, name);
            chart.line(name, steps(m.length), column(m, unit, name));
        });
        return chart;
    }

    /**
     * The norm of the gradient of the last step's loss reaching each time step, ‖∂L_T/∂h_t‖ against t = 1 … T,
     * on a log scale: vanishing gradients fall as a straight line towards early steps, exploding ones rise. Zero
     * norms (underflow) are left out, since a log axis cannot show them.
     *
     * @param normsByRun for each run (e.g. "RNN", "LSTM"), the norms for t = 1 … T (element 0 is t = 1)
     */
    public static Chart gradientNorms(Map<String, double[]> normsByRun) {
        Shapes.require(!normsByRun.isEmpty(), "give at least one series of norms");
        Chart chart = Chart.create("Gradient of the last step's loss reaching each time step", "time step t",
                "‖∂L_T/∂h_t‖ (log scale)");
        normsByRun.forEach((name, norms) -> {
            double[] y = norms.clone();
            for (int t = 0; t < y.length; t++) {
                Shapes.require(!(y[t] < 0) && !Double.isInfinite(y[t]),
                        "norms of '%s' must be finite and non-negative but t=%d has %s", name, t, y[t]);
                if (y[t] == 0) y[t] = Double.NaN;
            }
            chart.line(name, steps(y.length), y);
        });
        return chart.logY();
    }

    /**
     * The Frobenius norm of each time slice of {@code perStep} [T, …]: e.g. ∂L/∂h_t stacked as [T, B, H]
     * gives ‖∂L/∂h_t‖ for t = 1 … T (element 0 is t = 1).
     */
    public static double[] norms(INDArray perStep) {
        Shapes.require(perStep.rank() >= 2, "perStep must be [T, ...] with rank >= 2 but has shape %s",
                java.util.Arrays.toString(perStep.shape()));
        double[] out = new double[(int) perStep.size(0)];
        for (int t = 0; t < out.length; t++) {
            out[t] = perStep.slice(t).norm2Number().doubleValue();
        }
        return out;
    }

    /** The time steps 1 … T, as the lessons count them. */
    static double[] steps(int count) {
        double[] t = new double[count];
        for (int i = 0; i < count; i++) t[i] = i + 1;
        return t;
    }

    /** The characters of {@code text} as symbols, one per time step. */
    public static List<String> symbols(String text) {
        List<String> s = new ArrayList<>(text.length());
        text.codePoints().forEach(c -> s.add(new String(Character.toChars(c))));
        return s;
    }

    /** A map of traces in the order given: {@code Traces.named("h", h, "c", c)}; keys and values alternate. */
    public static Map<String, INDArray> named(Object... nameThenTrace) {
        Shapes.require(nameThenTrace.length % 2 == 0, "give names and traces in pairs");
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenTrace.length; i += 2) {
            m.put((String) nameThenTrace[i], (INDArray) nameThenTrace[i + 1]);
        }
        return m;
    }

    /** A trace as {@code double[T][H]}; [T, B=1, H] is squeezed to [T, H]. */
    static double[][] matrix(INDArray a, String name) {
        if (a != null && a.rank() == 3 && a.size(1) == 1) {
            a = a.reshape(a.size(0), a.size(2));
        }
        Shapes.check(a, name, "T,H", -1, -1);
        return a.toDoubleMatrix();
    }

    private static double[] column(double[][] m, int unit, String name) {
        Shapes.require(unit >= 0 && m.length > 0 && unit < m[0].length,
                "unit %d is outside %s's %d units", unit, name, m.length > 0 ? m[0].length : 0);
        double[] c = new double[m.length];
        for (int t = 0; t < m.length; t++) c[t] = m[t][unit];
        return c;
    }
}
