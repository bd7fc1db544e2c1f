package org.seqlab.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.seqlab.Shapes;
import org.seqlab.data.Translation;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * How right translations are, by two measures:
 *
 * <pre>
 *   exact match          = (1/N) Σ_n [ŷ_n = y_n]                                  the whole string right
 *   character accuracy   = (1/N) Σ_n (1/|y_n|) Σ_i [ŷ_n[i] = y_n[i]]              position by position; a missing
 *                                                                                 character counts as wrong
 * </pre>
 *
 * both as fractions in [0, 1]. Works for any translator's output (a {@link Seq2Seq}, a rule), given as one
 * predicted string per pair.
 */
public final class TranslationAccuracy {
    private TranslationAccuracy() {}

    /**
     * The scores of one group of pairs.
     *
     * @param n how many pairs
     * @param exactMatch the fraction translated exactly, in [0, 1]
     * @param characterAccuracy the mean fraction of target positions right, in [0, 1]
     */
    public record Score(int n, double exactMatch, double characterAccuracy) {}

    /** The fraction of {@code target}'s positions where {@code predicted} has the same character, in [0, 1]. */
    public static double characterAccuracy(String predicted, String target) {
        Shapes.require(!target.isEmpty(), "the target is empty: character accuracy needs at least one character");
        int right = 0;
        for (int i = 0; i < target.length(); i++) {
            if (i < predicted.length() && predicted.charAt(i) == target.charAt(i)) right++;
        }
        return right / (double) target.length();
    }

    /** Both scores over all pairs; {@code predictions.get(n)} is the translation of {@code pairs.get(n)}. */
    public static Score score(List<Translation> pairs, List<String> predictions) {
        return scores(pairs, predictions, p -> "all").get("all");
    }

    /**
     * Both scores per group ({@code group} names each pair's, e.g. {@code Tasks::dateFormat}), groups sorted by
     * name (numbers in numeric order when every name is one).
     */
    public static Map<String, Score> scores(List<Translation> pairs, List<String> predictions,
                                            Function<Translation, String> group) {
        Shapes.require(pairs.size() == predictions.size(), "there are %d pairs but %d predictions", pairs.size(),
                predictions.size());
        Shapes.require(!pairs.isEmpty(), "scores need at least one pair");
        Map<String, double[]> sums = new TreeMap<>(TranslationAccuracy::compareNames);
        for (int i = 0; i < pairs.size(); i++) {
            Translation p = pairs.get(i);
            double[] s = sums.computeIfAbsent(group.apply(p), g -> new double[3]);
            s[0]++;
            if (predictions.get(i).equals(p.target())) s[1]++;
            s[2] += characterAccuracy(predictions.get(i), p.target());
        }
        Map<String, Score> out = new LinkedHashMap<>();
        sums.forEach((g, s) -> out.put(g, new Score((int) s[0], s[1] / s[0], s[2] / s[0])));
        return out;
    }

    private static int compareNames(String a, String b) {
        boolean na = a.matches("\\d+"), nb = b.matches("\\d+");
        if (na && nb) return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
        return a.compareTo(b);
    }

    /**
     * One row per group and a last row "all": {@code n}, then for each translator (in the map's order) its exact
     * match and character accuracy in percent.
     *
     * @param groupName the first column's title ("input format")
     * @param predictions translator name → one prediction per pair
     */
    public static Table table(String title, String groupName, List<Translation> pairs,
                              Function<Translation, String> group, Map<String, List<String>> predictions) {
        Shapes.require(!predictions.isEmpty(), "give at least one translator's predictions");
        StringColumn groups = StringColumn.create(groupName);
        IntColumn n = IntColumn.create("n");
        List<DoubleColumn> columns = new ArrayList<>();
        List<Map<String, Score>> per = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : predictions.entrySet()) {
            columns.add(DoubleColumn.create(e.getKey() + " exact %"));
            columns.add(DoubleColumn.create(e.getKey() + " per char %"));
            Map<String, Score> s = new LinkedHashMap<>(scores(pairs, e.getValue(), group));
            s.put("all", score(pairs, e.getValue()));
            per.add(s);
        }
        for (String g : per.get(0).keySet()) {
            groups.append(g);
            n.append(per.get(0).get(g).n());
            for (int m = 0; m < per.size(); m++) {
                columns.get(2 * m).append(100 * per.get(m).get(g).exactMatch());
                columns.get(2 * m + 1).append(100 * per.get(m).get(g).characterAccuracy());
            }
        }
        Table t = Table.create(title, groups, n);
        for (DoubleColumn c : columns) {
            c.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
            t.addColumns(c);
        }
        return t;
    }

    /**
     * The pairs a translator got wrong, at most {@code limit}, in list order: source, target, prediction, the
     * number of wrong positions and the group.
     */
    public static Table errors(String title, List<Translation> pairs, List<String> predictions,
                               Function<Translation, String> group, int limit) {
        Shapes.require(pairs.size() == predictions.size(), "there are %d pairs but %d predictions", pairs.size(),
                predictions.size());
        StringColumn source = StringColumn.create("source");
        StringColumn target = StringColumn.create("target");
        StringColumn predicted = StringColumn.create("predicted");
        IntColumn wrong = IntColumn.create("wrong characters");
        StringColumn groups = StringColumn.create("group");
        for (int i = 0; i < pairs.size() && source.size() < limit; i++) {
            Translation p = pairs.get(i);
            String y = predictions.get(i);
            if (y.equals(p.target())) continue;
            source.append(p.source());
            target.append(p.target());
            predicted.append(y);
            wrong.append((int) Math.round((1 - characterAccuracy(y, p.target())) * p.target().length()));
            groups.append(group.apply(p));
        }
        return Table.create(title, source, target, predicted, wrong, groups);
    }
}
