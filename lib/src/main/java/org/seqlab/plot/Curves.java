package org.seqlab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.seqlab.Shapes;
import org.seqlab.train.History;

/**
 * Loss and metric curves from one or several training runs ({@link History}), one colour per run, so RNN,
 * LSTM and GRU compare on one chart.
 *
 * <p>Per-step curves are noisy, so each is drawn smoothed by a bias-corrected exponential moving average
 * ({@link #ema}) with the raw values faint behind it. Validation values, measured once per epoch, are drawn as
 * markers at the step that ended their epoch.
 *
 * <p>A chart of one run is titled with the run's name, which the {@code Trainer} takes from the model
 * ("GRU classifier: loss per step"); a chart of several names them in its legend.
 *
 * <pre>
 *   Curves.loss(rnn, lstm, gru)                       // training loss per step, smoothing 0.9
 *   Curves.loss(gru).reference("majority class", 1.79) // with a labelled baseline
 *   Curves.epochs("perplexity", lstm).logY()           // per epoch: training solid, validation dashed
 * </pre>
 */
public final class Curves {
    private Curves() {}

    /** The smoothing factor β of {@link #ema} used unless one is given: about the last 10 steps weigh most. */
    public static final double SMOOTHING = 0.9;

    /** The training loss per step, smoothed with {@link #SMOOTHING}, with validation loss at epoch ends. */
    public static Chart loss(History... runs) {
        return steps("loss", SMOOTHING, runs);
    }

    /**
     * Most points drawn per curve: longer runs are drawn every k-th step (smoothing uses every step), since
     * XChart's time grows quickly with the number of points (5,000 points take ~0.1 s to draw, 1,000 ~15 ms).
     */
    public static final int MAX_POINTS = 1000;

    /**
     * A metric per optimiser step for each run.
     *
     * @param metric {@code "loss"}, {@code "gradNorm"} (global gradient norm before clipping) or a key of
     *     {@link History.Step#metrics()}
     * @param smoothing β in [0, 1): 0 draws the raw values only; 0.9 averages over roughly the last 10 steps
     */
    public static Chart steps(String metric, double smoothing, History... runs) {
        return steps(metric, smoothing, MAX_POINTS, runs);
    }

    /** As {@link #steps(String, double, History...)}, keeping at most {@code maxPoints} points per curve. */
    static Chart steps(String metric, double smoothing, int maxPoints, History... runs) {
        Shapes.require(smoothing >= 0 && smoothing < 1, "smoothing must be in [0, 1) but is %s", smoothing);
        Shapes.require(runs.length > 0, "give at least one History");
        Chart chart = Chart.create(title(label(metric) + " per step", runs), "optimiser step", label(metric));
        for (History run : runs) {
            Color colour = chart.nextColour();
            List<History.Step> steps = run.steps();
            if (steps.isEmpty()) continue;
            double[] x = new double[steps.size()];
            double[] y = new double[steps.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = steps.get(i).step();
                y[i] = stepValue(steps.get(i), metric);
            }
            int stride = Math.max(1, (int) Math.ceil(x.length / (double) maxPoints));
            double[] xs = thin(x, stride);
            if (smoothing > 0) {
                chart.addFaint(run.name() + " (raw)", xs, thin(y, stride), colour);
                chart.add(run.name(), xs, thin(ema(y, smoothing), stride), colour);
            } else {
                chart.add(run.name(), xs, thin(y, stride), colour);
            }
            validationPoints(chart, run, metric, colour);
        }
        return chart;
    }

    /** A metric per epoch for each run: training as a solid line, validation (if recorded) dashed. */
    public static Chart epochs(String metric, History... runs) {
        Shapes.require(runs.length > 0, "give at least one History");
        Chart chart = Chart.create(title(label(metric) + " per epoch", runs), "epoch", label(metric));
        for (History run : runs) {
            Color colour = chart.nextColour();
            List<History.Epoch> epochs = run.epochs();
            if (epochs.isEmpty()) continue;
            double[] x = new double[epochs.size()];
            for (int i = 0; i < x.length; i++) x[i] = epochs.get(i).epoch();
            double[] train = epochValues(epochs, metric, true);
            double[] validation = epochValues(epochs, metric, false);
            boolean both = !allNaN(validation);
            if (!allNaN(train)) {
                markers(chart.add(run.name() + (both ? " (training)" : ""), x, train, colour));
            }
            if (both) {
                XYSeries s = chart.add(run.name() + " (validation)", x, validation, colour);
                s.setLineStyle(dashed());
                markers(s);
            }
        }
        return chart;
    }

    /**
     * The bias-corrected exponential moving average, as TensorBoard and Adam compute it:
     *
     * <pre>
     *   s_t = β s_{t-1} + (1 − β) x_t,   s_0 = 0
     *   ŝ_t = s_t / (1 − β^t)                       (t = 1, 2, …; the correction removes the pull towards 0)
     * </pre>
     *
     * NaN values are skipped (their ŝ repeats the previous one).
     *
     * @param values x_1 … x_n
     * @param beta β in [0, 1)
     * @return ŝ_1 … ŝ_n
     */
    public static double[] ema(double[] values, double beta) {
        Shapes.require(beta >= 0 && beta < 1, "beta must be in [0, 1) but is %s", beta);
        double[] out = new double[values.length];
        double s = 0;
        double weight = 0; // 1 − β^t over the values seen
        double last = Double.NaN;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                s = beta * s + (1 - beta) * values[i];
                weight = beta * weight + (1 - beta);
                last = s / weight;
            }
            out[i] = last;
        }
        return out;
    }

    static double stepValue(History.Step step, String metric) {
        return switch (metric) {
            case "loss" -> step.loss();
            case "gradNorm" -> step.gradNorm();
            default -> step.metrics().getOrDefault(metric, Double.NaN);
        };
    }

    private static void validationPoints(Chart chart, History run, String metric, Color colour) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (History.Epoch e : run.epochs()) {
            Double v = e.validation().get(metric);
            long end = lastStepOf(run, e.epoch());
            if (v != null && end >= 0) {
                x.add((double) end);
                y.add(v);
            }
        }
        if (x.isEmpty()) return;
        XYSeries s = chart.add(run.name() + " (validation)", unbox(x), unbox(y), colour);
        s.setLineStyle(dashed());
        markers(s);
    }

    private static long lastStepOf(History run, int epoch) {
        long last = -1;
        for (History.Step s : run.steps()) {
            if (s.epoch() == epoch) last = Math.max(last, s.step());
        }
        return last;
    }

    private static double[] epochValues(List<History.Epoch> epochs, String metric, boolean train) {
        double[] v = new double[epochs.size()];
        for (int i = 0; i < v.length; i++) {
            Map<String, Double> m = train ? epochs.get(i).train() : epochs.get(i).validation();
            v[i] = m.getOrDefault(metric, Double.NaN);
        }
        return v;
    }

    private static void markers(XYSeries s) {
        s.setMarker(SeriesMarkers.CIRCLE);
    }

    static BasicStroke dashed() {
        return new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f);
    }

    private static boolean allNaN(double[] v) {
        for (double d : v) if (!Double.isNaN(d)) return false;
        return true;
    }

    private static double[] thin(double[] v, int stride) {
        if (stride == 1) return v;
        int n = (v.length + stride - 1) / stride;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = v[Math.min(v.length - 1, i * stride)];
        out[n - 1] = v[v.length - 1];
        return out;
    }

    private static double[] unbox(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** "GRU classifier: loss per step" for one named run; "Loss per step" when the legend names several. */
    static String title(String what, History... runs) {
        if (runs.length == 1 && !runs[0].name().isBlank() && !runs[0].name().equals("run")) {
            return runs[0].name() + ": " + what;
        }
        return capitalised(what);
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** "loss" → "loss", "gradNorm" → "gradient norm", others as given. */
    private static String label(String metric) {
        return metric.equals("gradNorm") ? "gradient norm" : metric;
    }
}
