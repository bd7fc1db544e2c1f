package org.seqlab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.seqlab.Shapes;

/** Turns text into sequences for character-level language models. */
public final class TextSequences {
    private TextSequences() {}

    /**
     * Cuts {@code text} into consecutive, non-overlapping chunks of {@code length} characters, each
     * predicting the character that follows every step:
     * <pre>
     *   x[t] = id(text[i + t])        y[t] = id(text[i + t + 1])        t = 0 .. length-1
     * </pre>
     * Chunk k starts at {@code i = k · length}; a final partial chunk is dropped.
     */
    public static List<Sequence> nextCharacter(String text, Vocabulary vocabulary, int length) {
        Shapes.require(length > 0, "length must be positive but is %d", length);
        int[] ids = vocabulary.encode(text);
        List<Sequence> out = new ArrayList<>();
        for (int i = 0; i + length + 1 <= ids.length; i += length) {
            out.add(Sequence.tokens(Arrays.copyOfRange(ids, i, i + length), Arrays.copyOfRange(ids, i + 1, i + length + 1)));
        }
        return out;
    }

    /**
     * One sequence per word (or name) for a generator, of length {@code |word| + 1}:
     * <pre>
     *   x = &lt;s&gt; w[0] w[1] ... w[n-1]
     *   y = w[0] w[1] ... w[n-1] &lt;/s&gt;
     * </pre>
     * so a model learns how words start, continue and end; sampling starts from {@code <s>} and stops at {@code </s>}.
     */
    public static List<Sequence> words(List<String> words, Vocabulary vocabulary) {
        List<Sequence> out = new ArrayList<>(words.size());
        for (String w : words) {
            int[] chars = vocabulary.encode(w);
            int[] x = new int[chars.length + 1];
            int[] y = new int[chars.length + 1];
            x[0] = Vocabulary.BOS_ID;
            System.arraycopy(chars, 0, x, 1, chars.length);
            System.arraycopy(chars, 0, y, 0, chars.length);
            y[chars.length] = Vocabulary.EOS_ID;
            out.add(Sequence.tokens(x, y));
        }
        return out;
    }

    /**
     * Splits {@code text} in reading order: the first {@code trainFraction} of its characters, then
     * the next {@code validationFraction}, then the rest, so no validation text appears in training.
     */
    public static List<String> split(String text, double trainFraction, double validationFraction) {
        Shapes.require(trainFraction > 0 && validationFraction >= 0 && trainFraction + validationFraction <= 1,
                "fractions must satisfy 0 < train, 0 <= validation, train + validation <= 1");
        int a = (int) Math.round(text.length() * trainFraction);
        int b = (int) Math.round(text.length() * (trainFraction + validationFraction));
        return List.of(text.substring(0, a), text.substring(a, b), text.substring(b));
    }
}
