package org.seqlab.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.Shapes;

/**
 * DNA as features: each base a one-hot vector over A, C, G, T ({@code [T, 4]}, no special symbols), and each IUPAC
 * ambiguity code the even mixture of the bases it stands for.
 *
 * <pre>
 *   A = [1, 0, 0, 0]   C = [0, 1, 0, 0]   G = [0, 0, 1, 0]   T = [0, 0, 0, 1]
 *   R = A or G       = [½, 0, ½, 0]        Y = C or T   S = C or G   W = A or T   K = G or T   M = A or C
 *   D = A, G or T    = [⅓, 0, ⅓, ⅓]        B = not A    H = not G    V = not T
 *   N = any base     = [¼, ¼, ¼, ¼]
 * </pre>
 *
 * The codes are the Nomenclature Committee of the International Union of Biochemistry's (NC-IUB 1985, Cornish-Bowden,
 * Nucleic Acids Research 13:3021). A row always sums to 1, so an ambiguous base carries as much weight as a
 * known one and says only what the sequencer knew; lower-case letters (soft-masked repeats in genome files) read as
 * upper case. Anything else (a gap {@code -}, a digit, {@code U} from RNA) is an error naming the character and its
 * position, never a silent zero row.
 *
 * <pre>
 *   INDArray x = Dna.oneHot("GATTACAN");                   // [8, 4] float32; the last row is [¼, ¼, ¼, ¼]
 *   List&lt;Sequence&gt; train = Dna.sequences(split.train(), classes);   // features [60, 4] + class id, for Batcher
 * </pre>
 */
public final class Dna {
    /** The four bases in column order. */
    public static final List<String> BASES = List.of("A", "C", "G", "T");
    /** The IUPAC ambiguity codes this encoder accepts besides A, C, G, T. */
    public static final String AMBIGUITY_CODES = "RYSWKMBDHVN";

    private Dna() {}

    /**
     * The bases of {@code sequence} as rows over A, C, G, T: {@code [T, 4]} float32, a one-hot row per base and an
     * even mixture per ambiguity code (see the class comment); each row sums to 1.
     *
     * @throws IllegalArgumentException for an empty sequence or a character that is neither a base nor an IUPAC code,
     *     naming it and its position (counting from 1)
     */
    public static INDArray oneHot(String sequence) {
        return Nd4j.createFromArray(rows(sequence));
    }

    /**
     * The rows of {@link #oneHot(String)} as a Java array, {@code [T][4]}.
     *
     * @throws IllegalArgumentException as {@link #oneHot(String)}
     */
    public static float[][] rows(String sequence) {
        Shapes.require(sequence != null && !sequence.isEmpty(), "the DNA sequence is empty");
        float[][] out = new float[sequence.length()][];
        for (int t = 0; t < sequence.length(); t++) out[t] = row(sequence, t);
        return out;
    }

    /**
     * Labelled DNA sequences as features {@code [T, 4]} with their class ids, ready for {@link Batcher}.
     *
     * @param classes the class names in id order, usually {@link LabelledText#classes} of the training data
     * @throws IllegalArgumentException for a label not among {@code classes}, or a sequence as {@link #oneHot}
     *     refuses it (naming the sequence's index in {@code data})
     */
    public static List<Sequence> sequences(List<LabelledText> data, List<String> classes) {
        List<Sequence> out = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            LabelledText d = data.get(i);
            int id = classes.indexOf(d.label());
            Shapes.require(id >= 0, "label %s of sequence %d is not among the classes %s", d.label(), i, classes);
            float[][] x;
            try {
                x = rows(d.text());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sequence " + i + " (" + d.label() + "): " + e.getMessage(), e);
            }
            out.add(Sequence.features(x, id));
        }
        return out;
    }

    private static float[] row(String sequence, int t) {
        char c = Character.toUpperCase(sequence.charAt(t));
        String bases = switch (c) {
            case 'A', 'C', 'G', 'T' -> String.valueOf(c);
            case 'R' -> "AG";
            case 'Y' -> "CT";
            case 'S' -> "CG";
            case 'W' -> "AT";
            case 'K' -> "GT";
            case 'M' -> "AC";
            case 'B' -> "CGT";
            case 'D' -> "AGT";
            case 'H' -> "ACT";
            case 'V' -> "ACG";
            case 'N' -> "ACGT";
            default -> throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a DNA sequence holds A, C, G, T or an IUPAC ambiguity code (%s), but position %d (counting"
                            + " from 1) holds %s in %s", String.join(" ", AMBIGUITY_CODES.split("")), t + 1,
                    describe(sequence.codePointAt(t)), excerpt(sequence, t)));
        };
        float[] r = new float[4];
        for (char b : bases.toCharArray()) r["ACGT".indexOf(b)] = 1f / bases.length();
        return r;
    }

    private static String describe(int codePoint) {
        String name = Character.getName(codePoint);
        return Character.isWhitespace(codePoint) || Character.isISOControl(codePoint)
                ? String.format(Locale.ROOT, "U+%04X (%s)", codePoint, name)
                : "'" + Character.toString(codePoint) + "'";
    }

    /** Up to 10 characters either side of position {@code t}, the offending one in brackets. */
    private static String excerpt(String s, int t) {
        int from = Math.max(0, t - 10);
        int to = Math.min(s.length(), t + 11);
        return (from > 0 ? "…" : "") + s.substring(from, t) + "[" + s.charAt(t) + "]" + s.substring(t + 1, to)
                + (to < s.length() ? "…" : "");
    }
}
