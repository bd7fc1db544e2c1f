package org.seqlab.baselines;

import java.util.List;
import org.seqlab.Shapes;
import org.seqlab.data.LabelledText;

/**
 * Always the class most frequent in the training data (the lowest in {@link LabelledText#classes} order on a tie):
 * the floor every classifier must clear. Its accuracy is that class's share of the test data.
 */
public final class MajorityClass implements TextBaseline {
    private final List<String> classes;
    private final String majority;

    private MajorityClass(List<String> classes, String majority) {
        this.classes = classes;
        this.majority = majority;
    }

    /**
     * Counts the labels of {@code train}.
     *
     * @throws IllegalArgumentException for empty training data
     */
    public static MajorityClass fit(List<LabelledText> train) {
        Shapes.require(!train.isEmpty(), "the majority class of no training data is undefined");
        List<String> classes = LabelledText.classes(train);
        long[] n = new long[classes.size()];
        for (LabelledText d : train) n[classes.indexOf(d.label())]++;
        int best = 0;
        for (int c = 1; c < n.length; c++) if (n[c] > n[best]) best = c;
        return new MajorityClass(classes, classes.get(best));
    }

    /** {@code "majority class (n)"}. */
    @Override
    public String name() {
        return "majority class (" + majority + ")";
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    /** The majority class, whatever {@code text} is. */
    @Override
    public String predict(String text) {
        return majority;
    }

    @Override
    public String toString() {
        return name();
    }
}
