package org.seqlab.baselines;

import java.util.List;
import org.seqlab.data.LabelledText;
import org.seqlab.plot.Confusion;

/**
 * A classifier of labelled texts that needs no training loop: what a recurrent classifier is measured against
 * ({@link MajorityClass}, {@link KmerBag}, {@link PositionWeights}).
 */
public interface TextBaseline {
    /** The model's name as tables print it: {@code "3-mer bag"}. */
    String name();

    /** The class names in id order, sorted as {@link LabelledText#classes} sorts them. */
    List<String> classes();

    /** The class this model predicts for {@code text}. */
    String predict(String text);

    /** The class ids this model predicts for {@code data}, {@code [N]}. */
    default int[] predict(List<LabelledText> data) {
        return data.stream().mapToInt(d -> classes().indexOf(predict(d.text()))).toArray();
    }

    /**
     * The confusion matrix of the predictions on {@code data} against its labels, titled with the model's name.
     *
     * @throws IllegalArgumentException for a label that is not one of {@link #classes()}
     */
    default Confusion confusion(List<LabelledText> data) {
        int[] actual = data.stream().mapToInt(d -> {
            int id = classes().indexOf(d.label());
            if (id < 0) throw new IllegalArgumentException("label " + d.label() + " is not among the classes " + classes());
            return id;
        }).toArray();
        return Confusion.of(actual, predict(data), classes()).titled(name() + ": " + data.size() + " examples");
    }

    /** The share of {@code data} this model labels right, in [0, 1]. */
    default double accuracy(List<LabelledText> data) {
        return confusion(data).accuracy();
    }
}
