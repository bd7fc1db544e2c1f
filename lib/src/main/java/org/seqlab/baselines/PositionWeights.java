package org.seqlab.baselines;

import java.util.List;
import org.seqlab.Shapes;
import org.seqlab.data.Dna;
import org.seqlab.data.LabelledText;

/**
 * The position-aware baseline for aligned DNA: for each class, how often each base occurs at each position (a
 * position weight matrix, Stormo et al. 1982), and naive Bayes over the positions.
 *
 * <pre>
 *   θ_{c,t,b} = (n_{c,t,b} + α) / (N_c + 4α)                   share of base b at position t in class c
 *   score_c   = log P(c) + Σ_t Σ_b x_{t,b} log θ_{c,t,b}        x = the sequence's one-hot rows {@link Dna#oneHot}
 * </pre>
 *
 * It knows where each base is but treats the positions as independent: it cannot learn that a base matters
 * only together with its neighbour. Every sequence must have the length of the training sequences (the data is
 * aligned on the junction); an ambiguity code counts as its even mixture. (Fitted as multinomial naive Bayes over
 * the 4T position-and-base counts, whose shares are the θ above divided by T for every class alike, so the
 * predictions are the same.)
 */
public final class PositionWeights implements TextBaseline {
    private final int length;
    private final List<String> classes;
    private final NaiveBayes model;

    private PositionWeights(int length, List<String> classes, NaiveBayes model) {
        this.length = length;
        this.classes = classes;
        this.model = model;
    }

    /**
     * Counts the bases at each position for each class of {@code train}.
     *
     * @param alpha add-α smoothing, &gt; 0
     * @throws IllegalArgumentException for empty data, sequences of different lengths, or a sequence {@link Dna}
     *     refuses (naming it)
     */
    public static PositionWeights fit(List<LabelledText> train, double alpha) {
        Shapes.require(!train.isEmpty(), "position weights need training data");
        int length = train.get(0).text().length();
        List<String> classes = LabelledText.classes(train);
        double[][] x = new double[train.size()][];
        int[] y = new int[train.size()];
        for (int i = 0; i < train.size(); i++) {
            x[i] = features(train.get(i).text(), length, "training sequence " + i);
            y[i] = classes.indexOf(train.get(i).label());
        }
        return new PositionWeights(length, classes, NaiveBayes.fit(x, y, classes.size(), alpha));
    }

    private static double[] features(String dna, int length, String what) {
        Shapes.require(dna.length() == length, "%s has %d bases but position weights are fitted to sequences of %d",
                what, dna.length(), length);
        float[][] rows;
        try {
            rows = Dna.rows(dna);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
        double[] x = new double[4 * length];
        for (int t = 0; t < length; t++) for (int b = 0; b < 4; b++) x[4 * t + b] = rows[t][b];
        return x;
    }

    /** The sequence length T the weights were fitted to. */
    public int length() {
        return length;
    }

    /** {@code "position weights"}. */
    @Override
    public String name() {
        return "position weights";
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    /**
     * The most likely class of {@code dna}.
     *
     * @throws IllegalArgumentException for a sequence of another length, or a character {@link Dna} refuses
     */
    @Override
    public String predict(String dna) {
        return classes.get(model.predict(features(dna, length, "the sequence")));
    }

    @Override
    public String toString() {
        return name() + " (naive Bayes over " + length + " positions × 4 bases, classes " + classes + ")";
    }
}
