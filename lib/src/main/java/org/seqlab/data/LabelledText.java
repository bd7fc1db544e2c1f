package org.seqlab.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.seqlab.Shapes;

/**
 * A string and its class, as in the DNA and word-language sets.
 *
 * @param text the sequence of characters ({@code "CCAGCTGCAT..."}, {@code "führern"})
 * @param label the class name ({@code "ei"}, {@code "german"})
 */
public record LabelledText(String text, String label) {

    /**
     * A training and a test part of labelled texts.
     *
     * @param train the texts to train on
     * @param test the held-out texts, none of which is in {@code train} (unless the data repeats a text)
     */
    public record Split(List<LabelledText> train, List<LabelledText> test) {}

    /**
     * Splits {@code data} at random into a training part of about {@code trainFraction} of each class and a test
     * part of the rest, so both keep the classes' shares (a stratified split, scikit-learn's
     * {@code train_test_split(..., stratify=y)}). The same seed gives the same split; each part is shuffled.
     */
    public static Split split(List<LabelledText> data, double trainFraction, long seed) {
        Shapes.require(trainFraction > 0 && trainFraction < 1, "trainFraction must be in (0, 1) but is %s",
                trainFraction);
        Map<String, List<LabelledText>> byClass = new LinkedHashMap<>();
        for (LabelledText d : data) byClass.computeIfAbsent(d.label(), k -> new ArrayList<>()).add(d);
        Random rng = new Random(seed);
        List<LabelledText> train = new ArrayList<>();
        List<LabelledText> test = new ArrayList<>();
        for (String label : new TreeSet<>(byClass.keySet())) {
            List<LabelledText> members = byClass.get(label);
            Collections.shuffle(members, rng);
            int n = (int) Math.round(members.size() * trainFraction);
            train.addAll(members.subList(0, n));
            test.addAll(members.subList(n, members.size()));
        }
        Collections.shuffle(train, rng);
        Collections.shuffle(test, rng);
        return new Split(List.copyOf(train), List.copyOf(test));
    }

    /**
     * The same texts with each one's characters (code points) in a random order, each label kept: the order-free
     * control. A model that ignores order (a bag of characters) scores these exactly as the originals; whatever
     * another model loses on them is what it had learnt from the order. The same seed gives the same shuffles.
     */
    public static List<LabelledText> shuffleCharacters(List<LabelledText> data, long seed) {
        Random rng = new Random(seed);
        List<LabelledText> out = new ArrayList<>(data.size());
        for (LabelledText d : data) {
            List<Integer> cps = new ArrayList<>(d.text().codePoints().boxed().toList());
            Collections.shuffle(cps, rng);
            StringBuilder s = new StringBuilder(d.text().length());
            for (int cp : cps) s.appendCodePoint(cp);
            out.add(new LabelledText(s.toString(), d.label()));
        }
        return List.copyOf(out);
    }

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
            Shapes.require(id >= 0, "label %s is not among the classes %s", d.label(), classes);
            return Sequence.tokens(vocabulary.encode(d.text()), id);
        }).toList();
    }
}
