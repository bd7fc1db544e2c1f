package org.seqlab.baselines;

import java.util.List;
import org.seqlab.Shapes;
import org.seqlab.data.Dna;
import org.seqlab.data.LabelledText;

/**
 * The order-free baseline for DNA: a sequence as the counts of its k-mers (its overlapping windows of k bases,
 * {@code 4^k} possible ones), classified by multinomial naive Bayes.
 *
 * <pre>
 *   x_j      = #{ t : bases t+1 … t+k spell k-mer j }          T − k + 1 windows, j = 0 … 4^k − 1 (A=0, C=1, G=2, T=3,
 *                                                                the first base most significant: "AC" = 1)
 *   score_c  = log P(c) + Σ_j x_j log θ_{c,j}                  θ_{c,j} = (n_{c,j} + α) / (n_c + α 4^k)
 * </pre>
 *
 * The bag keeps which k-mers occur and how often, and nothing of where: with k = 1 it sees only the base
 * composition, so shuffling a sequence's bases never changes its prediction; a longer k keeps order within a
 * window. An ambiguity code counts as its even mixture ({@link Dna}): the window "AN" adds ¼ to each of AA, AC,
 * AG and AT, so every window adds 1 in total.
 *
 * <pre>
 *   KmerBag bag = KmerBag.fit(3, split.train(), 1.0);
 *   bag.accuracy(split.test());
 *   bag.confusion(split.test());
 * </pre>
 */
public final class KmerBag implements TextBaseline {
    /** The longest k offered: 4^6 = 4,096 counts per sequence. */
    public static final int MAX_K = 6;

    private final int k;
    private final List<String> classes;
    private final NaiveBayes model;

    private KmerBag(int k, List<String> classes, NaiveBayes model) {
        this.k = k;
        this.classes = classes;
        this.model = model;
    }

    /**
     * Counts the k-mers of each class in {@code train}.
     *
     * @param k the window length, 1 … {@value #MAX_K}
     * @param alpha add-α smoothing of the k-mer shares, &gt; 0 (1 = Laplace)
     * @throws IllegalArgumentException for k out of range, empty data, or a sequence {@link Dna} refuses (naming it)
     */
    public static KmerBag fit(int k, List<LabelledText> train, double alpha) {
        Shapes.require(k >= 1 && k <= MAX_K, "k must be in [1, %d] but is %d", MAX_K, k);
        Shapes.require(!train.isEmpty(), "a k-mer bag needs training data");
        List<String> classes = LabelledText.classes(train);
        double[][] x = new double[train.size()][];
        int[] y = new int[train.size()];
        for (int i = 0; i < train.size(); i++) {
            x[i] = counts(train.get(i).text(), k, "training sequence " + i);
            y[i] = classes.indexOf(train.get(i).label());
        }
        return new KmerBag(k, classes, NaiveBayes.fit(x, y, classes.size(), alpha));
    }

    /**
     * The k-mer counts of {@code dna}, {@code [4^k]}, summing to {@code T − k + 1} (0 for a sequence shorter than
     * k).
     *
     * @throws IllegalArgumentException for a character {@link Dna} refuses, naming it and its position
     */
    public static double[] counts(String dna, int k) {
        Shapes.require(k >= 1 && k <= MAX_K, "k must be in [1, %d] but is %d", MAX_K, k);
        return counts(dna, k, "the sequence");
    }

    /** The k-mer with index {@code j}: {@code kmer(1, 2)} is "AC". */
    public static String kmer(int j, int k) {
        Shapes.require(j >= 0 && j < (1 << (2 * k)), "j must be in [0, 4^%d) but is %d", k, j);
        char[] s = new char[k];
        for (int i = k - 1; i >= 0; i--, j >>= 2) s[i] = "ACGT".charAt(j & 3);
        return new String(s);
    }

    private static double[] counts(String dna, int k, String what) {
        float[][] rows;
        try {
            rows = Dna.rows(dna);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
        double[] x = new double[1 << (2 * k)];
        for (int t = 0; t + k <= rows.length; t++) add(x, rows, t, k, 0, 1.0);
        return x;
    }

    /** Adds weight × (the product of the bases' shares) to every k-mer the window at {@code t} can spell. */
    private static void add(double[] x, float[][] rows, int t, int left, int prefix, double weight) {
        if (left == 0) {
            x[prefix] += weight;
            return;
        }
        for (int b = 0; b < 4; b++) {
            if (rows[t][b] != 0) add(x, rows, t + 1, left - 1, prefix * 4 + b, weight * rows[t][b]);
        }
    }

    /** k, the window length. */
    public int k() {
        return k;
    }

    /** {@code "3-mer bag"}. */
    @Override
    public String name() {
        return k + "-mer bag";
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    /**
     * The most likely class of {@code dna} under the model.
     *
     * @throws IllegalArgumentException for a character {@link Dna} refuses, naming it and its position
     */
    @Override
    public String predict(String dna) {
        return classes.get(model.predict(counts(dna, k, "the sequence")));
    }

    @Override
    public String toString() {
        return name() + " (naive Bayes over " + (1 << (2 * k)) + " counts, classes " + classes + ")";
    }
}
