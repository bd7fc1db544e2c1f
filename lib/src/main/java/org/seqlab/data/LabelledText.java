package org.seqlab.data;

import java.util.List;
import java.util.TreeSet;

/**
 * A string and its class, as in the DNA and word-language sets.
 *
 * @param text the sequence of characters ({@code "CCAGCTGCAT..."}, {@code "führern"})
 * @param label the class name ({@code "ei"}, {@code "german"})
 */
public record LabelledText(String text, String label) {

    /** The distinct labels of {@code data}, sorted: a class's id is its index in this list. */
    public static List<String> classes(List<LabelledText> data) {
        return List.copyOf(new TreeSet<>(data.stream().map(LabelledText::label).toList()));
    }

    /**
     * Each text as token ids with its class id ({@link Sequence.Target#CLASS}), ready for {@link Batcher}.
     *
     * @param vocabulary maps characters to ids (unseen ones become {@code <unk>})
     * @param classes the class names in id order, usually {@link #classes(List)} of the training data
     */
    public static List<Sequence> toSequences(List<LabelledText> data, Vocabulary vocabulary, List<String> classes) {
        return data.stream().map(d -> {
            int id = classes.indexOf(d.label());
            org.seqlab.Shapes.require(id >= 0, "label %s is not among the classes %s", d.label(), classes);
            return Sequence.tokens(vocabulary.encode(d.text()), id);
        }).toList();
    }
}
