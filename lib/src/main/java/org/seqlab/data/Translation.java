package org.seqlab.data;

import java.util.List;

/**
 * A source string and its translation, for encoder–decoder models (e.g. {@code "March 3, 1999"} → {@code "1999-03-03"}).
 *
 * @param source what the encoder reads
 * @param target what the decoder must write
 */
public record Translation(String source, String target) {

    /** The sources as token ids without a target, for the encoder: {@code [S]} each. */
    public static List<Sequence> encoderInputs(List<Translation> pairs, Vocabulary sourceVocabulary) {
        return pairs.stream().map(p -> Sequence.tokens(sourceVocabulary.encode(p.source()))).toList();
    }

    /**
     * The targets for a decoder trained with teacher forcing, each of length {@code |target| + 1}:
     * <pre>
     *   x = &lt;s&gt; c_1 ... c_n        (the previous correct character)
     *   y = c_1 ... c_n &lt;/s&gt;       (the character to emit now)
     * </pre>
     * Batch encoder inputs and decoder sequences with the same indices ({@link Batcher#indices(int)}).
     */
    public static List<Sequence> decoderSequences(List<Translation> pairs, Vocabulary targetVocabulary) {
        return TextSequences.words(pairs.stream().map(Translation::target).toList(), targetVocabulary);
    }
}
