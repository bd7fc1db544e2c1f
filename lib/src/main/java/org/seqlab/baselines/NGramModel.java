package org.seqlab.baselines;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.seqlab.Shapes;
import org.seqlab.data.Sequence;
import org.seqlab.data.Vocabulary;

/**
 * A count-based n-gram model of characters (or of any ids), with add-k smoothing: the baseline a character-level
 * recurrent model has to beat. It predicts the next symbol from the {@code n − 1} symbols before it by counting how
 * often each continuation followed that context in the training text:
 *
 * <pre>
 *   P(c | h) = (N(h c) + k) / (N(h) + k·V)          h = the n − 1 ids before c
 *
 *   N(h c)   how often the ids h were followed by c in the training ids
 *   N(h)     Σ_c N(h c), how often h was followed by anything
 *   V        the vocabulary size: the model spreads its probability over all V ids, as a softmax over V does
 *   k > 0    pseudo-count added to every continuation (add-k or Lidstone smoothing; k = 1 is Laplace's add-one)
 * </pre>
 *
 * Order 0 is the uniform model ({@code 1/V}), order 1 the unigram model {@code (N(c) + k) / (N + k·V)} that knows
 * only how common each symbol is, order 2 the bigram, order 3 the trigram. Small {@code k} (0.01 to 0.1) suits
 * character models; a larger {@code k} gives unseen continuations more probability, which helps in rare contexts
 * and costs in common ones.
 *
 * <p><b>Context at the start of a sequence.</b> The first positions of a sequence have fewer than {@code n − 1}
 * ids before them; there the model uses the estimate of the order the available context allows (at position
 * {@code t = 0} of a chunk the trigram predicts from a bigram context of one id). So an n-gram model scored on the
 * chunks a recurrent model is validated on sees exactly what that model sees when it starts each chunk from
 * {@code h_0 = 0}: nothing before the chunk.
 *
 * <p><b>Loss.</b> {@link #loss(int[])} and {@link #loss(List)} return the mean negative log-likelihood in nats
 * (natural logarithm) per predicted symbol, the quantity {@code Loss.softmaxCrossEntropy} averages, with bits per
 * character and perplexity beside it ({@link TextLoss}).
 *
 * <pre>
 *   NGramModel trigram = NGramModel.fit(3, trainText, vocabulary, 0.05);
 *   TextLoss valid = trigram.loss(validationChunks);      // the chunks the RNN is validated on
 *   valid.nats(); valid.bitsPerCharacter(); valid.perplexity();
 *   trigram.sample(vocabulary, "THE ", 80, 1.0, 1);       // what a trigram writes
 * </pre>
 *
 * <p>Source of the formulas: D. Jurafsky and J. H. Martin, <i>Speech and Language Processing</i>, 3rd ed. draft,
 * chapter 3 (n-gram language models, add-k smoothing, perplexity); S. F. Chen and J. Goodman, <i>An empirical
 * study of smoothing techniques for language modeling</i>, 1998. The methods follow NLTK's {@code nltk.lm.Lidstone}.
 */
public final class NGramModel {
    private final int order;
    private final int vocabularySize;
    private final double k;
    /** counts[o]: N(g) of every o-gram g seen, o = 1 .. order; key = the ids as a base-V number. */
    private final Counts[] counts;
    /** contexts[o]: N(h) = Σ_c N(h c) of every (o − 1)-id context h that an o-gram started with. */
    private final Counts[] contexts;
    private final long trainingIds;

    private NGramModel(int order, int vocabularySize, double k, Counts[] counts, Counts[] contexts, long trainingIds) {
        this.order = order;
        this.vocabularySize = vocabularySize;
        this.k = k;
        this.counts = counts;
        this.contexts = contexts;
        this.trainingIds = trainingIds;
    }

    /**
     * Counts every n-gram of {@code ids} up to {@code order} (lower orders too, for the start of a sequence).
     *
     * @param order n: 0 uniform, 1 unigram, 2 bigram, 3 trigram, ...
     * @param ids the training ids, {@code [N]}, each in {@code [0, vocabularySize)}
     * @param vocabularySize V, the number of ids the model spreads its probability over
     * @param k the pseudo-count added to every continuation, {@code > 0}
     * @throws IllegalArgumentException for a negative order, {@code k <= 0}, an id outside {@code [0, V)}, or
     *     {@code V^order} too large to index (more than 2^62 n-grams)
     */
    public static NGramModel fit(int order, int[] ids, int vocabularySize, double k) {
        Shapes.require(order >= 0, "order must be >= 0 (0 uniform, 1 unigram, 2 bigram, ...) but is %d", order);
        Shapes.require(vocabularySize > 0, "vocabularySize must be positive but is %d", vocabularySize);
        Shapes.require(k > 0 && Double.isFinite(k),
                "k must be > 0 (add-k smoothing; with k = 0 an unseen continuation gets probability 0 and the"
                        + " loss is infinite) but is %s", k);
        Shapes.require(order * Math.log(vocabularySize) < 62 * Math.log(2),
                "V^order must stay below 2^62 to index the n-grams, but V = %d and order = %d", vocabularySize, order);
        checkIds(ids, vocabularySize, "ids");
        Counts[] counts = new Counts[order + 1];
        Counts[] contexts = new Counts[order + 1];
        for (int o = 1; o <= order; o++) {
            int n = Math.max(ids.length - o + 1, 0);
            long[] grams = new long[n];
            long[] heads = new long[n];
            for (int i = 0; i < n; i++) {
                heads[i] = key(ids, i, i + o - 1, vocabularySize);
                grams[i] = heads[i] * vocabularySize + ids[i + o - 1];
            }
            counts[o] = Counts.of(grams);
            contexts[o] = Counts.of(heads);
        }
        return new NGramModel(order, vocabularySize, k, counts, contexts, ids.length);
    }

    /** {@link #fit(int, int[], int, double)} on the characters of {@code text}, over the whole vocabulary. */
    public static NGramModel fit(int order, String text, Vocabulary vocabulary, double k) {
        return fit(order, vocabulary.encode(text), vocabulary.size(), k);
    }

    /**
     * The same counts with another pseudo-count {@code k}: trying several values of k costs no recounting.
     *
     * @throws IllegalArgumentException unless {@code k > 0}
     */
    public NGramModel withK(double k) {
        Shapes.require(k > 0 && Double.isFinite(k), "k must be > 0 (add-k smoothing) but is %s", k);
        return new NGramModel(order, vocabularySize, k, counts, contexts, trainingIds);
    }

    /** n: 0 uniform, 1 unigram, 2 bigram, 3 trigram, ... */
    public int order() {
        return order;
    }

    /** The pseudo-count k added to every continuation. */
    public double k() {
        return k;
    }

    /** V, the number of ids the model spreads its probability over. */
    public int vocabularySize() {
        return vocabularySize;
    }

    /** The model's name: "uniform", "unigram", "bigram", "trigram", then "4-gram", "5-gram", ... */
    public String name() {
        return switch (order) {
            case 0 -> "uniform";
            case 1 -> "unigram";
            case 2 -> "bigram";
            case 3 -> "trigram";
            default -> order + "-gram";
        };
    }

    /**
     * {@code P(next | context)}: the formula of the class comment with {@code h} the last {@code n − 1} ids of
     * {@code context}, or all of them when there are fewer.
     *
     * @param context the ids before {@code next}, oldest first (may be empty)
     * @param next the id whose probability to return
     */
    public double probability(int[] context, int next) {
        checkIds(context, vocabularySize, "context");
        checkIds(new int[] {next}, vocabularySize, "next");
        return probability(context, 0, context.length, next);
    }

    /** {@code P(c | context)} for every id {@code c}, {@code [V]}, summing to 1. */
    public double[] distribution(int[] context) {
        checkIds(context, vocabularySize, "context");
        double[] p = new double[vocabularySize];
        for (int c = 0; c < vocabularySize; c++) p[c] = probability(context, 0, context.length, c);
        return p;
    }

    /**
     * {@code N(h)}: how often the training ids had the context {@code h} (the last {@code n − 1} ids of
     * {@code context}, or all of them when there are fewer) followed by anything. 0 means the model never saw the
     * context and predicts uniformly after it, {@code 1/V} for every id.
     */
    public int contextCount(int[] context) {
        checkIds(context, vocabularySize, "context");
        if (order == 0) return 0;
        int use = Math.min(order - 1, context.length);
        return contexts[use + 1].of(key(context, context.length - use, context.length, vocabularySize));
    }

    /**
     * The loss on one stream of ids: every id after the first predicted from the ones before it,
     * {@code −(1/(N−1)) Σ_{t≥1} ln P(ids[t] | ids[..t])} in nats, the first {@code n − 1} positions with the
     * shorter context they have. The same targets as {@code TextSequences.nextCharacter} makes of the ids.
     *
     * @param ids {@code [N]}, N ≥ 2
     */
    public TextLoss loss(int[] ids) {
        Shapes.require(ids.length >= 2, "a stream needs at least 2 ids (one to read, one to predict) but has %d",
                ids.length);
        checkIds(ids, vocabularySize, "ids");
        double sum = 0;
        for (int t = 1; t < ids.length; t++) sum -= Math.log(probability(ids, 0, t, ids[t]));
        return TextLoss.of(sum / (ids.length - 1), ids.length - 1);
    }

    /**
     * The loss on the chunks a character model is trained or validated on ({@code TextSequences.nextCharacter}):
     * target {@code y[t]} of each chunk predicted from its inputs {@code x[0..t]} alone, as a recurrent model does
     * that starts every chunk from {@code h_0 = 0}. The mean over all targets of all chunks, in nats, exactly the
     * average {@code Loss.softmaxCrossEntropy} takes over the same chunks.
     *
     * @param sequences token sequences with a class id per step ({@code Sequence.tokens(ids, stepClasses)})
     * @throws IllegalArgumentException for feature sequences, other targets, or ids outside {@code [0, V)}
     */
    public TextLoss loss(List<Sequence> sequences) {
        Shapes.require(!sequences.isEmpty(), "loss needs at least one sequence but the list is empty");
        double sum = 0;
        long count = 0;
        for (int i = 0; i < sequences.size(); i++) {
            Sequence s = sequences.get(i);
            Shapes.require(s.input() == Sequence.Input.TOKENS && s.target() == Sequence.Target.STEP_CLASSES,
                    "sequence %d must hold token ids with a class id per step (TOKENS, STEP_CLASSES) but is %s, %s",
                    i, s.input(), s.target());
            int[] x = s.ids();
            checkIds(x, vocabularySize, "sequence " + i + " x");
            for (int t = 0; t < x.length; t++) {
                int y = (int) s.y()[t][0];
                Shapes.require(y >= 0 && y < vocabularySize, "sequence %d target y[%d] must be in [0, %d) but is %d",
                        i, t, vocabularySize, y);
                sum -= Math.log(probability(x, 0, t + 1, y));
            }
            count += x.length;
        }
        return TextLoss.of(sum / count, count);
    }

    /**
     * Continues {@code prompt} by up to {@code length} characters, each drawn from
     * {@code P(c | the n − 1 characters before)^(1/τ)}, renormalised. Temperature 1 samples the model as it is,
     * lower is more conservative, 0 always takes the most likely character. Sampling stops early at {@code </s>},
     * as {@code CharLanguageModel.sample} does.
     *
     * @return the generated continuation, without the prompt
     */
    public String sample(Vocabulary vocabulary, String prompt, int length, double temperature, long seed) {
        Shapes.require(vocabulary.size() == vocabularySize, "the vocabulary has %d symbols but the model %d",
                vocabulary.size(), vocabularySize);
        Shapes.require(temperature >= 0, "temperature must be >= 0 but is %s", temperature);
        Shapes.require(length >= 0, "length must be >= 0 but is %d", length);
        int[] prompted = vocabulary.encode(prompt);
        int[] ids = Arrays.copyOf(prompted, prompted.length + length);
        Random rng = new Random(seed);
        int n = prompted.length;
        while (n < ids.length) {
            double[] p = new double[vocabularySize];
            for (int c = 0; c < vocabularySize; c++) p[c] = probability(ids, 0, n, c);
            int next = draw(p, temperature, rng);
            ids[n++] = next;
            if (next == Vocabulary.EOS_ID) break;
        }
        return vocabulary.decode(Arrays.copyOfRange(ids, prompted.length, n));
    }

    @Override
    public String toString() {
        int contextsSeen = order == 0 ? 0 : contexts[order].distinct();
        return String.format("NGramModel[%s, V=%d, k=%s, %,d training ids, %,d contexts of %d]", name(),
                vocabularySize, k, trainingIds, contextsSeen, Math.max(order - 1, 0));
    }

    /** P(next | ids[from..to)), the context cut to its last n − 1 ids. */
    private double probability(int[] ids, int from, int to, int next) {
        int use = Math.min(order - 1, to - from);
        if (order == 0) return 1.0 / vocabularySize;
        int o = use + 1;
        long head = key(ids, to - use, to, vocabularySize);
        int seen = counts[o].of(head * vocabularySize + next);
        int total = contexts[o].of(head);
        return (seen + k) / (total + k * vocabularySize);
    }

    /** ids[from..to) as a base-V number; 0 for an empty range. */
    private static long key(int[] ids, int from, int to, int v) {
        long key = 0;
        for (int i = from; i < to; i++) key = key * v + ids[i];
        return key;
    }

    private static int draw(double[] p, double temperature, Random rng) {
        if (temperature == 0) {
            int best = 0;
            for (int c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
            return best;
        }
        double[] w = new double[p.length];
        double total = 0;
        for (int c = 0; c < p.length; c++) total += w[c] = Math.pow(p[c], 1 / temperature);
        double u = rng.nextDouble() * total;
        for (int c = 0; c < w.length; c++) {
            u -= w[c];
            if (u < 0) return c;
        }
        return w.length - 1;
    }

    /** How often each distinct key occurs: sorted distinct keys and their counts, looked up by binary search. */
    private record Counts(long[] keys, int[] counts) {
        static Counts of(long[] all) {
            long[] sorted = all.clone();
            Arrays.sort(sorted);
            long[] keys = new long[sorted.length];
            int[] counts = new int[sorted.length];
            int distinct = 0;
            for (int i = 0; i < sorted.length; i++) {
                if (distinct == 0 || keys[distinct - 1] != sorted[i]) keys[distinct++] = sorted[i];
                counts[distinct - 1]++;
            }
            return new Counts(Arrays.copyOf(keys, distinct), Arrays.copyOf(counts, distinct));
        }

        int of(long key) {
            int at = Arrays.binarySearch(keys, key);
            return at >= 0 ? counts[at] : 0;
        }

        int distinct() {
            return keys.length;
        }
    }

    private static void checkIds(int[] ids, int v, String name) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= v) {
                throw new IllegalArgumentException(String.format(
                        "%s[%d] must be an id in [0, V=%d) but is %d", name, i, v, ids[i]));
            }
        }
    }
}
