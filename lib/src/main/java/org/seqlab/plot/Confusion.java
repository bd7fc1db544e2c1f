package org.seqlab.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.HeatMapChart;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.Shapes;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * A confusion matrix: how often each actual class was predicted as each class, as a table and as a heatmap.
 *
 * <pre>
 *   n[a][p] = #{ i : actual_i = a, predicted_i = p }          rows: actual class, columns: predicted class
 *   recall_a    = n[a][a] / Σ_p n[a][p]                        the share of class a found
 *   precision_p = n[p][p] / Σ_a n[a][p]                        the share of predictions p that are right
 *   accuracy    = Σ_a n[a][a] / Σ n
 * </pre>
 *
 * As scikit-learn's {@code confusion_matrix(y_true, y_pred)}: rows are the actual classes, columns the
 * predicted ones, both in the order of {@code classes}. The heatmap (what a notebook shows for a
 * {@code Confusion}) colours each cell by its share of the row, so a good classifier draws a dark diagonal
 * whatever the class sizes, and writes that share in the cell; {@link #table()} holds the counts.
 *
 * <pre>
 *   Confusion c = Confusion.of(actual, predicted, List.of("ei", "ie", "n"));
 *   c                 // the heatmap
 *   c.table()         // Tablesaw: actual, one count column per predicted class, total, recall
 *   c.accuracy()
 * </pre>
 */
public final class Confusion implements View {
    /** Light end and dark end of the cell colours: dark enough to see, light enough to read black on. */
    static final Color[] SCALE = {new Color(0xF7FBFF), new Color(0x4A8FC8)};

    private final List<String> classes;
    private final long[][] counts;
    private String title = "Confusion matrix";

    private Confusion(List<String> classes, long[][] counts) {
        this.classes = classes;
        this.counts = counts;
    }

    /**
     * Counts the pairs (actual, predicted).
     *
     * @param actual the true class ids, 0 … C−1, {@code [N]}
     * @param predicted the predicted class ids, {@code [N]}
     * @param classes the C class names in id order
     * @throws IllegalArgumentException when the lengths differ or an id is outside 0 … C−1
     */
    public static Confusion of(int[] actual, int[] predicted, List<String> classes) {
        Shapes.require(actual.length == predicted.length, "actual and predicted must both be [N] but are [%d] and [%d]",
                actual.length, predicted.length);
        Shapes.require(classes.size() >= 2, "a confusion matrix needs at least 2 classes but has %s", classes);
        int c = classes.size();
        long[][] n = new long[c][c];
        for (int i = 0; i < actual.length; i++) {
            Shapes.require(actual[i] >= 0 && actual[i] < c && predicted[i] >= 0 && predicted[i] < c,
                    "class ids must be in [0, %d) but pair %d is (actual %d, predicted %d)", c, i, actual[i],
                    predicted[i]);
            n[actual[i]][predicted[i]]++;
        }
        return new Confusion(List.copyOf(classes), n);
    }

    /**
     * The confusion of the arg-max of {@code logits [B, C]} (or probabilities) against {@code targets [B]}.
     *
     * @param classes the C class names in id order
     */
    public static Confusion of(INDArray logits, INDArray targets, List<String> classes) {
        Shapes.check(logits, "logits", "B,C", -1, classes.size());
        Shapes.check(targets, "targets", "B", logits.size(0));
        int[] predicted = Nd4j.argMax(logits, 1).castTo(DataType.INT).toIntVector();
        double[] y = targets.castTo(DataType.DOUBLE).toDoubleVector();
        int[] actual = new int[y.length];
        for (int i = 0; i < y.length; i++) actual[i] = (int) y[i];
        return of(actual, predicted, classes);
    }

    /** This matrix added to {@code other}'s (the same classes), e.g. summed over batches. */
    public Confusion plus(Confusion other) {
        Shapes.require(other.classes.equals(classes), "cannot add a confusion over %s to one over %s", other.classes,
                classes);
        long[][] n = new long[classes.size()][classes.size()];
        for (int a = 0; a < n.length; a++) {
            for (int p = 0; p < n.length; p++) n[a][p] = counts[a][p] + other.counts[a][p];
        }
        return new Confusion(classes, n).titled(title);
    }

    /** This matrix with another title on its heatmap ("GRU classifier: test words"); returns a copy. */
    public Confusion titled(String title) {
        Confusion c = new Confusion(classes, counts);
        c.title = title;
        return c;
    }

    /** The class names, in the order of rows and columns. */
    public List<String> classes() {
        return classes;
    }

    /** n[actual][predicted], a copy. */
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int a = 0; a < counts.length; a++) copy[a] = counts[a].clone();
        return copy;
    }

    /** The number of examples counted, Σ n. */
    public long total() {
        long t = 0;
        for (long[] row : counts) for (long v : row) t += v;
        return t;
    }

    /** The share of examples on the diagonal; NaN when nothing was counted. */
    public double accuracy() {
        long right = 0;
        for (int a = 0; a < counts.length; a++) right += counts[a][a];
        long t = total();
        return t == 0 ? Double.NaN : right / (double) t;
    }

    /** recall of each class, n[a][a] / Σ_p n[a][p] (NaN for a class with no examples). */
    public double[] recall() {
        double[] r = new double[counts.length];
        for (int a = 0; a < r.length; a++) r[a] = share(counts[a][a], rowTotal(a));
        return r;
    }

    /** precision of each class, n[p][p] / Σ_a n[a][p] (NaN for a class never predicted). */
    public double[] precision() {
        double[] r = new double[counts.length];
        for (int p = 0; p < r.length; p++) {
            long column = 0;
            for (long[] row : counts) column += row[p];
            r[p] = share(counts[p][p], column);
        }
        return r;
    }

    /**
     * The counts as a table: a column {@code actual} with the class names, one count column per predicted class
     * (named after it), {@code total} (the row's sum) and {@code recall} (shown to three decimals); one row per
     * actual class.
     */
    public Table table() {
        Table t = Table.create(title, StringColumn.create("actual", classes));
        for (int p = 0; p < classes.size(); p++) {
            int[] column = new int[classes.size()];
            for (int a = 0; a < column.length; a++) column[a] = Math.toIntExact(counts[a][p]);
            t.addColumns(IntColumn.create(classes.get(p), column));
        }
        int[] totals = new int[classes.size()];
        for (int a = 0; a < totals.length; a++) totals[a] = Math.toIntExact(rowTotal(a));
        DoubleColumn recall = DoubleColumn.create("recall", recall());
        recall.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(3));
        t.addColumns(IntColumn.create("total", totals), recall);
        return t;
    }

    /**
     * Several models' confusion matrices side by side, one row per model: {@code model}, {@code accuracy} (shown to
     * three decimals, the value kept exact), then one count column per (actual, predicted) pair named
     * {@code "ei → ie"} (actual, then predicted), row by row of each matrix, so the diagonal columns
     * {@code "ei → ei"} … hold the right answers.
     *
     * @param byModel the model's name → its confusion matrix on the same data, in row order
     * @throws IllegalArgumentException for no models, or matrices over different classes
     */
    public static Table compare(String title, Map<String, Confusion> byModel) {
        Shapes.require(!byModel.isEmpty(), "compare needs at least one confusion matrix");
        List<String> classes = byModel.values().iterator().next().classes;
        DoubleColumn accuracy = DoubleColumn.create("accuracy",
                byModel.values().stream().mapToDouble(Confusion::accuracy).toArray());
        accuracy.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(3));
        Table t = Table.create(title, StringColumn.create("model", new ArrayList<>(byModel.keySet())), accuracy);
        byModel.forEach((name, c) -> Shapes.require(c.classes.equals(classes),
                "model %s has classes %s but the first model has %s", name, c.classes, classes));
        for (int a = 0; a < classes.size(); a++) {
            for (int p = 0; p < classes.size(); p++) {
                final int aa = a, pp = p;
                t.addColumns(IntColumn.create(classes.get(a) + " → " + classes.get(p), byModel.values().stream()
                        .mapToInt(c -> Math.toIntExact(c.counts[aa][pp])).toArray()));
            }
        }
        return t;
    }

    /**
     * The heatmap: actual classes down the side (first class on top), predicted classes along the bottom, each
     * cell coloured by and labelled with its share of the row (white 0 to blue 1).
     */
    public Heatmap heatmap() {
        int c = classes.size();
        List<String> predicted = new ArrayList<>(classes);
        List<String> actual = new ArrayList<>();
        for (int a = c - 1; a >= 0; a--) actual.add(classes.get(a)); // XChart draws the first row at the bottom
        List<Number[]> cells = new ArrayList<>();
        for (int p = 0; p < c; p++) {
            for (int row = 0; row < c; row++) {
                int a = c - 1 - row;
                long total = rowTotal(a);
                cells.add(new Number[] {p, row, total == 0 ? 0.0 : counts[a][p] / (double) total});
            }
        }
        int side = Math.max(360, Math.min(Style.WIDTH, 110 + 60 * c));
        HeatMapChart chart = Style.heatMapChart(title, "predicted class", "actual class (each row sums to 1)",
                side + 120, side);
        chart.addSeries("share", predicted, actual, cells);
        var s = chart.getStyler();
        s.setRangeColors(SCALE).setMin(0).setMax(1);
        s.setShowValue(true);
        s.setValueFont(new Font(Style.FONT, Font.PLAIN, c > 12 ? 9 : 12));
        s.setValueFontColor(Style.TEXT);
        s.setHeatMapValueDecimalPattern("0.00");
        s.setGradientColorColumnHeight(Math.max(60, side - 140));
        s.setAxisTicksMarksVisible(false);
        return Heatmap.ofCharts(List.of(chart), side + 120);
    }

    @Override
    public BufferedImage toImage() {
        return heatmap().toImage();
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "Confusion %s: %d examples, accuracy %.3f", classes, total(), accuracy());
    }

    @Override
    public String toString() {
        return describe();
    }

    private long rowTotal(int a) {
        long t = 0;
        for (long v : counts[a]) t += v;
        return t;
    }

    private static double share(long part, long whole) {
        return whole == 0 ? Double.NaN : part / (double) whole;
    }
}
