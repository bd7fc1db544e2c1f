package org.seqlab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.seqlab.Shapes;

/**
 * Synthetic sequence tasks, each probing one thing a recurrent network must do. Every generator
 * takes the number of examples {@code n}, a length and a seed; the same seed gives the same data.
 * All return lists of {@link Sequence} ready for {@link Batcher}.
 */
public final class Tasks {
    /** The copy task's token ids: 0 blank, 1..8 symbols to remember, 9 the "now repeat" marker. */
    public static final int COPY_BLANK = 0;
    /** The copy task's "now repeat" marker. */
    public static final int COPY_MARKER = 9;
    /** The number of ids in the copy task, {@code V = 10}. */
    public static final int COPY_VOCABULARY = 10;
    /** The vocabulary of DNA bases, A C G T after the four special symbols (ids 4..7). */
    public static final Vocabulary DNA = Vocabulary.ofCharacters("ACGT");
    /** Every character a human-written date of {@link #dates} may contain. */
    public static final Vocabulary DATE_SOURCE = Vocabulary.ofCharacters(DateFormats.SOURCE_ALPHABET);
    /** The characters of an ISO date: digits and '-'. */
    public static final Vocabulary DATE_TARGET = Vocabulary.ofCharacters(DateFormats.TARGET_ALPHABET);

    private Tasks() {}

    /**
     * The adding problem (Hochreiter &amp; Schmidhuber 1997; Le et al. 2015): at each of {@code length}
     * steps a value {@code v_t ~ U(0, 1)} and a marker {@code m_t ∈ {0, 1}}; exactly two steps are
     * marked, one in each half. The target is the sum of the two marked values.
     * <pre>
     *   x[t] = (v_t, m_t)          [T, 2]
     *   y    = Σ_t m_t v_t         [1]      a constant guess of 1 has mean squared error ≈ 1/6
     * </pre>
     */
    public static List<Sequence> adding(int n, int length, long seed) {
        Shapes.require(length >= 2, "length must be at least 2 but is %d", length);
        Random rng = new Random(seed);
        List<Sequence> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            float[][] x = new float[length][2];
            for (int t = 0; t < length; t++) x[t][0] = rng.nextFloat();
            int half = length / 2;
            int a = rng.nextInt(half);
            int b = half + rng.nextInt(length - half);
            x[a][1] = 1f;
            x[b][1] = 1f;
            out.add(Sequence.features(x, new float[] {x[a][0] + x[b][0]}));
        }
        return out;
    }

    /**
     * The copy (memory) task (Hochreiter &amp; Schmidhuber 1997; Arjovsky et al. 2016): read
     * {@code count} symbols from 1..8, wait {@code delay} steps, then repeat the symbols after the
     * marker. Token ids, a class id per step, total length {@code T = count + delay + count}:
     * <pre>
     *   x = s_1 .. s_count   0 .. 0 (delay - 1)   9   0 .. 0 (count)
     *   y = 0 .. 0 (count + delay)                    s_1 .. s_count
     * </pre>
     * Guessing blanks, then uniformly among the 8 symbols, gives cross-entropy {@code count · ln 8 / T}.
     */
    public static List<Sequence> copy(int n, int count, int delay, long seed) {
        Shapes.require(count > 0 && delay > 0, "count and delay must be positive but are %d and %d", count, delay);
        Random rng = new Random(seed);
        int t = count + delay + count;
        List<Sequence> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            int[] x = new int[t];
            int[] y = new int[t];
            for (int i = 0; i < count; i++) {
                x[i] = 1 + rng.nextInt(8);
                y[count + delay + i] = x[i];
            }
            x[count + delay - 1] = COPY_MARKER;
            out.add(Sequence.tokens(x, y));
        }
        return out;
    }

    /** The recall task's symbols are the ids 1 … {@value #RECALL_SYMBOLS}; id 0 is never used. */
    public static final int RECALL_SYMBOLS = 8;

    /**
     * The recall (delayed lookup) task: read {@code length} symbols, then a query that names a distance d; the class
     * is the symbol read d steps before the query. The query comes last, so a model that reads in order cannot know
     * which symbol it will be asked for: its state must hold every one of the last {@code maxDistance} symbols.
     * Token ids, one class per sequence, total length {@code T = length + 1}:
     * <pre>
     *   x = s_1 … s_length   q_d          s_t ∈ 1 … 8,  q_d = 8 + d  (ids 9 … 8 + maxDistance)
     *   y = s_{length + 1 − d} − 1        a class in 0 … 7; guessing gives accuracy 1/8
     * </pre>
     * d is uniform in {@code minDistance … maxDistance}; give both the same value to test one distance.
     * The vocabulary has {@link #recallVocabulary} ids.
     */
    public static List<Sequence> recall(int n, int length, int minDistance, int maxDistance, long seed) {
        Shapes.require(minDistance >= 1 && minDistance <= maxDistance && maxDistance <= length,
                "the distances must satisfy 1 <= minDistance <= maxDistance <= length = %d but are %d and %d",
                length, minDistance, maxDistance);
        Random rng = new Random(seed);
        List<Sequence> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            int[] x = new int[length + 1];
            for (int t = 0; t < length; t++) x[t] = 1 + rng.nextInt(RECALL_SYMBOLS);
            int d = minDistance + rng.nextInt(maxDistance - minDistance + 1);
            x[length] = RECALL_SYMBOLS + d;
            out.add(Sequence.tokens(x, x[length - d] - 1));
        }
        return out;
    }

    /** The number of token ids of {@link #recall} with distances up to {@code maxDistance}: 0, 8 symbols, the queries. */
    public static int recallVocabulary(int maxDistance) {
        return 1 + RECALL_SYMBOLS + maxDistance;
    }

    /**
     * Parity: {@code length} random bits; the class is 1 when the number of ones is odd. Features
     * {@code [T, 1]}, one class per sequence. Every bit matters to the end, so the state must carry
     * one bit of memory across all T steps.
     */
    public static List<Sequence> parity(int n, int length, long seed) {
        Shapes.require(length > 0, "length must be positive but is %d", length);
        Random rng = new Random(seed);
        List<Sequence> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            float[][] x = bits(rng, length);
            int ones = 0;
            for (float[] b : x) ones += (int) b[0];
            out.add(Sequence.features(x, ones % 2));
        }
        return out;
    }

    /**
     * Counting: bit strings of random length {@code 1 .. maxLength} (so batches need masks); the
     * target is the number of ones, one value per sequence. Features {@code [T, 1]}, target {@code [1]}.
     * A state must hold a count that grows without bound, which saturating units find hard.
     */
    public static List<Sequence> counting(int n, int maxLength, long seed) {
        Shapes.require(maxLength > 0, "maxLength must be positive but is %d", maxLength);
        Random rng = new Random(seed);
        List<Sequence> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            float[][] x = bits(rng, 1 + rng.nextInt(maxLength));
            float ones = 0;
            for (float[] b : x) ones += b[0];
            out.add(Sequence.features(x, new float[] {ones}));
        }
        return out;
    }

    /**
     * Noisy sine waves for one-step-ahead prediction: random frequency {@code f ~ U(0.02, 0.1)}
     * cycles per step, phase {@code φ ~ U(0, 2π)}, amplitude 1.
     * <pre>
     *   x[t] = sin(2π f t + φ) + ε_t,  ε_t ~ N(0, noise²)      [T, 1]
     *   y[t] = sin(2π f (t+1) + φ)     the clean next value    [T, 1]
     * </pre>
     */
    public static List<Sequence> noisySine(int n, int length, double noise, long seed) {
        Shapes.require(length > 0 && noise >= 0, "length must be positive and noise >= 0 but are %d and %s", length, noise);
        Random rng = new Random(seed);
        List<Sequence> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            double f = 0.02 + 0.08 * rng.nextDouble();
            double phase = 2 * Math.PI * rng.nextDouble();
            float[][] x = new float[length][1];
            float[][] y = new float[length][1];
            for (int t = 0; t < length; t++) {
                x[t][0] = (float) (Math.sin(2 * Math.PI * f * t + phase) + noise * rng.nextGaussian());
                y[t][0] = (float) Math.sin(2 * Math.PI * f * (t + 1) + phase);
            }
            out.add(Sequence.features(x, y));
        }
        return out;
    }

    /**
     * DNA with a planted motif: random bases (ids of {@link #DNA}); half the sequences, at random,
     * carry {@code motif} at a random position and have class 1, the others do not contain it anywhere
     * and have class 0. The model must find a short pattern wherever it sits.
     */
    public static List<Sequence> dnaMotif(int n, int length, String motif, long seed) {
        Shapes.require(motif.matches("[ACGT]+") && motif.length() <= length,
                "motif must be A/C/G/T and no longer than length %d but is \"%s\"", length, motif);
        Random rng = new Random(seed);
        List<Sequence> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            boolean planted = rng.nextBoolean();
            String s;
            do {
                char[] bases = new char[length];
                for (int t = 0; t < length; t++) bases[t] = "ACGT".charAt(rng.nextInt(4));
                if (planted) {
                    int at = rng.nextInt(length - motif.length() + 1);
                    motif.getChars(0, motif.length(), bases, at);
                }
                s = new String(bases);
            } while (!planted && s.contains(motif));
            out.add(Sequence.tokens(DNA.encode(s), planted ? 1 : 0));
        }
        return out;
    }

    /**
     * The order test, in pairs: sequence {@code 2i} holds {@code length} values from U(0, 1) sorted
     * ascending (class 1), sequence {@code 2i+1} the same values shuffled (class 0). Both have the same
     * values, so a model that ignores order (a mean, a bag of values) cannot beat chance; one that reads
     * in order can. Features {@code [T, 1]}; {@code n} is rounded up to even.
     */
    public static List<Sequence> sortedOrShuffled(int n, int length, long seed) {
        Shapes.require(length >= 3, "length must be at least 3 (so shuffling can tell) but is %d", length);
        Random rng = new Random(seed);
        List<Sequence> out = new ArrayList<>(n + 1);
        while (out.size() < n) {
            float[] v = new float[length];
            for (int t = 0; t < length; t++) v[t] = rng.nextFloat();
            Arrays.sort(v);
            float[] w = v.clone();
            do shuffle(w, rng); while (Arrays.equals(w, v));
            out.add(Sequence.features(column(v), 1));
            out.add(Sequence.features(column(w), 0));
        }
        return out;
    }

    /**
     * The sign of a trend: {@code x[t] = c + s · (t / (T − 1) − ½) + ε_t} with a level {@code c ~ N(0, 1)},
     * slope {@code s ~ ±U(0.5, 1.5)} and {@code ε_t ~ N(0, 0.5²)}; class 1 when the slope is positive. Features
     * {@code [T, 1]}. The trend is centred on the level, so the bag of values (mean, spread, extremes) is the same
     * for either sign and only the order tells them apart; {@link #shuffledInTime} destroys the trend but keeps
     * every value.
     */
    public static List<Sequence> trend(int n, int length, long seed) {
        Shapes.require(length >= 2, "length must be at least 2 but is %d", length);
        Random rng = new Random(seed);
        List<Sequence> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            boolean up = rng.nextBoolean();
            double slope = (up ? 1 : -1) * (0.5 + rng.nextDouble());
            double level = rng.nextGaussian();
            float[] v = new float[length];
            for (int t = 0; t < length; t++) {
                v[t] = (float) (level + slope * ((double) t / (length - 1) - 0.5) + 0.5 * rng.nextGaussian());
            }
            out.add(Sequence.features(column(v), up ? 1 : 0));
        }
        return out;
    }

    /**
     * The shuffle test: every sequence with its steps permuted at random (targets per sequence kept).
     * Train and test a model on both versions: if accuracy falls to chance when shuffled, the order
     * of the steps, not just their values, carried the answer.
     */
    public static List<Sequence> shuffledInTime(List<Sequence> data, long seed) {
        Random rng = new Random(seed);
        List<Sequence> out = new ArrayList<>(data.size());
        for (Sequence s : data) {
            Shapes.require(s.target() == Sequence.Target.CLASS || s.target() == Sequence.Target.VALUES
                    || s.target() == Sequence.Target.NONE,
                    "shuffledInTime needs one target per sequence but got %s (per-step targets would no longer match)",
                    s.target());
            float[][] x = s.x().clone();
            for (int i = x.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                float[] tmp = x[i];
                x[i] = x[j];
                x[j] = tmp;
            }
            out.add(new Sequence(s.input(), x, s.target(), s.y()));
        }
        return out;
    }

    /**
     * A small translation task for an encoder–decoder: dates between 1950 and 2049 written in one of
     * twelve human formats ({@code "March 3, 1999"}, {@code "03.03.1999"}, {@code "3/3/1999"} (month
     * first), {@code "the 3rd of march, 1999"}, {@code "Mar. 3, '99"}, ...) and the same date in ISO
     * form, {@code "1999-03-03"}. Encode with {@link #DATE_SOURCE} and {@link #DATE_TARGET}, then
     * {@link Translation#encoderInputs} and {@link Translation#decoderSequences}.
     */
    public static List<Translation> dates(int n, long seed) {
        return DateFormats.generate(n, seed);
    }

    /**
     * The names of the twelve date formats of {@link #dates}, in a fixed order: the pattern each writes
     * ({@code "Month d, yyyy"}, {@code "dd.mm.yyyy"}, {@code "m/d/yyyy"}, ...).
     */
    public static List<String> dateFormats() {
        return DateFormats.NAMES;
    }

    /**
     * Which of {@link #dateFormats()} wrote {@code pair}'s source (found by writing its target date in each
     * format), or {@code "other"} for a pair no format writes: for scores per input format.
     */
    public static String dateFormat(Translation pair) {
        return DateFormats.formatOf(pair);
    }

    private static float[][] bits(Random rng, int length) {
        float[][] x = new float[length][1];
        for (int t = 0; t < length; t++) x[t][0] = rng.nextBoolean() ? 1f : 0f;
        return x;
    }

    private static float[][] column(float[] v) {
        float[][] c = new float[v.length][1];
        for (int t = 0; t < v.length; t++) c[t][0] = v[t];
        return c;
    }

    private static void shuffle(float[] v, Random rng) {
        for (int i = v.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            float tmp = v[i];
            v[i] = v[j];
            v[j] = tmp;
        }
    }
}
