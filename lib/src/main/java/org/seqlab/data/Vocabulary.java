package org.seqlab.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.Shapes;

/**
 * A two-way map between symbols (characters or tokens) and ids {@code 0 .. V-1}.
 *
 * <p>The first four ids are always the special symbols:
 * <pre>
 *   0  &lt;pad&gt;   fills the padded steps of a batch (the mask is 0 there)
 *   1  &lt;unk&gt;   stands for any symbol the vocabulary has not seen
 *   2  &lt;s&gt;     start of sequence (a decoder's first input)
 *   3  &lt;/s&gt;    end of sequence (what a decoder emits to stop)
 * </pre>
 * then the data's symbols, sorted (characters by code point), so the same text always gives the
 * same ids. Characters are Unicode code points, so "é" is one symbol.
 *
 * <pre>
 *   Vocabulary v = Vocabulary.ofCharacters(text);
 *   int[] ids = v.encode("hello");        // [T]
 *   INDArray x = v.oneHot(ids);           // [T, V]
 *   v.decode(ids).equals("hello");
 * </pre>
 *
 * <p>A one-hot vector has a column for every symbol, the four special ones included, so a one-hot over the DNA
 * bases A, C, G, T is {@code [T, 8]} with four columns that are always 0. Where plain features are wanted, ask
 * for the data symbols only:
 *
 * <pre>
 *   Vocabulary bases = Vocabulary.ofCharacters("ACGT");
 *   bases.oneHot(bases.encode("GATTACA"), Vocabulary.Specials.DROPPED);   // [7, 4]: columns A, C, G, T
 * </pre>
 */
public final class Vocabulary {
    /** The padding symbol, id {@value #PAD_ID}. */
    public static final String PAD = "<pad>";
    /** The unknown symbol, id {@value #UNK_ID}. */
    public static final String UNK = "<unk>";
    /** The start-of-sequence symbol, id {@value #BOS_ID}. */
    public static final String BOS = "<s>";
    /** The end-of-sequence symbol, id {@value #EOS_ID}. */
    public static final String EOS = "</s>";
    /** Id of {@link #PAD}. */
    public static final int PAD_ID = 0;
    /** Id of {@link #UNK}. */
    public static final int UNK_ID = 1;
    /** Id of {@link #BOS}. */
    public static final int BOS_ID = 2;
    /** Id of {@link #EOS}. */
    public static final int EOS_ID = 3;
    /** What {@link #decode(int[])} writes for an unknown symbol: U+FFFD, the replacement character. */
    public static final String UNKNOWN_CHARACTER = "\uFFFD";

    /**
     * Whether a one-hot vector has columns for the four special symbols: {@link #KEPT} (the default,
     * {@code V} columns, column = id) or {@link #DROPPED} ({@code V − 4} columns, column = id − 4, only the data's
     * symbols). With {@code DROPPED}, padding ({@code <pad>}, id 0) becomes a row of zeros (the mask says to ignore
     * it), and {@code <unk>}, {@code <s>} or {@code </s>} is an error, because it has no column to go to.
     */
    public enum Specials {
        /** One column per symbol, special symbols included: {@code [.., V]}. */
        KEPT,
        /** One column per data symbol: {@code [.., V − 4]}; padding is a zero row. */
        DROPPED
    }

    private static final int SPECIALS = 4;

    private final List<String> symbols;
    private final Map<String, Integer> ids = new HashMap<>();

    private Vocabulary(Collection<String> dataSymbols) {
        Set<String> all = new LinkedHashSet<>(List.of(PAD, UNK, BOS, EOS));
        all.addAll(dataSymbols);
        this.symbols = List.copyOf(all);
        for (int i = 0; i < symbols.size(); i++) ids.put(symbols.get(i), i);
    }

    /** The characters of {@code text} (code points), sorted, after the four special symbols. */
    public static Vocabulary ofCharacters(CharSequence text) {
        Set<Integer> codePoints = new TreeSet<>();
        text.codePoints().forEach(codePoints::add);
        List<String> chars = new ArrayList<>();
        for (int cp : codePoints) chars.add(Character.toString(cp));
        return new Vocabulary(chars);
    }

    /** The characters of all of {@code texts}, sorted, after the four special symbols. */
    public static Vocabulary ofCharacters(Collection<String> texts) {
        return ofCharacters(String.join("", texts));
    }

    /** The distinct {@code tokens}, sorted, after the four special symbols. */
    public static Vocabulary ofTokens(Collection<String> tokens) {
        return new Vocabulary(new TreeSet<>(tokens));
    }

    /** The number of symbols {@code V}, special symbols included. */
    public int size() {
        return symbols.size();
    }

    /** All symbols in id order. */
    public List<String> symbols() {
        return symbols;
    }

    /** The id of {@code symbol}, or {@link #UNK_ID} if it is not in the vocabulary. */
    public int id(String symbol) {
        return ids.getOrDefault(symbol, UNK_ID);
    }

    /** Whether {@code symbol} has an id of its own. */
    public boolean contains(String symbol) {
        return ids.containsKey(symbol);
    }

    /** The symbol with id {@code id}. */
    public String symbol(int id) {
        Shapes.require(id >= 0 && id < symbols.size(), "id must be in [0, %d) but is %d", symbols.size(), id);
        return symbols.get(id);
    }

    /** The ids of the characters of {@code text}, {@code [T]}; unseen characters become {@link #UNK_ID}. */
    public int[] encode(CharSequence text) {
        return text.codePoints().map(cp -> id(Character.toString(cp))).toArray();
    }

    /** The ids of {@code tokens}, {@code [T]}; unseen tokens become {@link #UNK_ID}. */
    public int[] encodeTokens(List<String> tokens) {
        return tokens.stream().mapToInt(this::id).toArray();
    }

    /**
     * The text the character ids spell: padding, start and end symbols are left out, unknown ids
     * are written {@link #UNKNOWN_CHARACTER}. Inverse of {@link #encode} for known characters.
     */
    public String decode(int[] ids) {
        StringBuilder s = new StringBuilder();
        for (int id : ids) {
            if (id == PAD_ID || id == BOS_ID || id == EOS_ID) continue;
            s.append(id == UNK_ID ? UNKNOWN_CHARACTER : symbol(id));
        }
        return s.toString();
    }

    /** The symbols with ids {@code ids}, special symbols included, in order. */
    public List<String> decodeTokens(int[] ids) {
        List<String> out = new ArrayList<>(ids.length);
        for (int id : ids) out.add(symbol(id));
        return out;
    }

    /** One-hot rows: {@code [T, V]} float32 with {@code out[t, ids[t]] = 1}. */
    public INDArray oneHot(int[] ids) {
        return oneHot(ids, Specials.KEPT);
    }

    /**
     * One-hot rows, with or without the special symbols' columns: {@code [T, V]} ({@link Specials#KEPT},
     * {@code out[t, ids[t]] = 1}) or {@code [T, V − 4]} ({@link Specials#DROPPED}, {@code out[t, ids[t] − 4] = 1},
     * and a zero row for padding), float32.
     *
     * @throws IllegalArgumentException for an id outside {@code [0, V)}, or, with {@code DROPPED}, for the id of
     *     {@code <unk>}, {@code <s>} or {@code </s>} (naming the step)
     */
    public INDArray oneHot(int[] ids, Specials specials) {
        int width = width(specials);
        INDArray out = Nd4j.zeros(DataType.FLOAT, ids.length, width);
        for (int t = 0; t < ids.length; t++) {
            int column = column(ids[t], specials, "step " + t);
            if (column >= 0) out.putScalar(t, column, 1f);
        }
        return out;
    }

    /**
     * One-hot encoding of a batch of ids: {@code [T, B]} (whole numbers, e.g. a {@link SequenceBatch}'s
     * token x) to {@code [T, B, V]} float32. Padded steps (id 0) become the {@code <pad>} one-hot
     * vector; the mask says to ignore them.
     */
    public INDArray oneHot(INDArray ids) {
        return oneHot(ids, Specials.KEPT);
    }

    /**
     * One-hot encoding of a batch of ids {@code [T, B]} to {@code [T, B, V]} ({@link Specials#KEPT}: padded steps
     * become the {@code <pad>} one-hot vector) or {@code [T, B, V − 4]} ({@link Specials#DROPPED}: padded steps
     * become zero vectors), float32. The mask says to ignore padded steps either way.
     *
     * @throws IllegalArgumentException for ids that are not {@code [T, B]}, an id outside {@code [0, V)}, or, with
     *     {@code DROPPED}, the id of {@code <unk>}, {@code <s>} or {@code </s>} (naming the step and the sequence)
     */
    public INDArray oneHot(INDArray ids, Specials specials) {
        Shapes.check(ids, "ids", "T,B", -1, -1);
        int t = (int) ids.size(0);
        int b = (int) ids.size(1);
        int width = width(specials);
        float[] out = new float[t * b * width];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < b; j++) {
                int column = column((int) ids.getDouble(i, j), specials, "step " + i + " of sequence " + j);
                if (column >= 0) out[(i * b + j) * width + column] = 1f;
            }
        }
        return Nd4j.createFromArray(out).reshape('c', new long[] {t, b, width});
    }

    /** Turns a {@link SequenceBatch} of token ids into one of one-hot features {@code [T, B, V]}. */
    public SequenceBatch oneHot(SequenceBatch batch) {
        return oneHot(batch, Specials.KEPT);
    }

    /**
     * Turns a {@link SequenceBatch} of token ids into one of one-hot features, {@code [T, B, V]} or, with
     * {@link Specials#DROPPED}, {@code [T, B, V − 4]}; mask, targets and lengths are kept.
     */
    public SequenceBatch oneHot(SequenceBatch batch, Specials specials) {
        Shapes.require(batch.tokens(), "oneHot(batch) needs token ids [T, B] but x is %s",
                java.util.Arrays.toString(batch.x().shape()));
        return new SequenceBatch(oneHot(batch.x(), specials), batch.mask(), batch.targets(), batch.lengths(),
                batch.target());
    }

    /** The width of a one-hot vector: {@code V} with the special symbols kept, {@code V − 4} with them dropped. */
    public int width(Specials specials) {
        return specials == Specials.KEPT ? size() : size() - SPECIALS;
    }

    /** The column of {@code id}, or −1 for padding when the specials are dropped. */
    private int column(int id, Specials specials, String where) {
        symbolChecked(id);
        if (specials == Specials.KEPT) return id;
        if (id == PAD_ID) return -1;
        Shapes.require(id >= SPECIALS, "%s is %s (id %d), which has no column in a one-hot without the special"
                + " symbols (Specials.DROPPED); %s", where, symbols.get(id), id, id == UNK_ID
                ? "the text holds a symbol this vocabulary has not seen" : "leave the start and end symbols out");
        return id - SPECIALS;
    }

    private int symbolChecked(int id) {
        Shapes.require(id >= 0 && id < symbols.size(), "id must be in [0, %d) but is %d", symbols.size(), id);
        return id;
    }

    @Override
    public String toString() {
        return "Vocabulary[V=" + size() + ": " + String.join(" ", symbols.subList(0, Math.min(40, size())))
                .replace("\n", "\\n") + (size() > 40 ? " ..." : "") + "]";
    }
}
