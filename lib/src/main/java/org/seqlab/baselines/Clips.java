package org.seqlab.baselines;

import java.util.List;
import org.seqlab.Shapes;
import org.seqlab.data.Sequence;
import org.seqlab.plot.Confusion;

/** What the frame baselines share: checking a clip's frames, and scoring a list of labelled clips. */
final class Clips {
    private Clips() {}

    /**
     * Checks that {@code frames} is a clip of {@code T ≥ 1} frames of {@code d} values each.
     *
     * @param d the expected width, or −1 to accept any (the first frame's)
     * @return the width D
     */
    static int check(float[][] frames, int d) {
        Shapes.require(frames != null && frames.length > 0,
                "a clip needs at least one frame, [T ≥ 1, D], but this one has T = 0 frames (audio shorter than"
                        + " one 25 ms window gives no frame; pad it to 400 samples or leave it out)");
        int width = d < 0 ? frames[0].length : d;
        for (int t = 0; t < frames.length; t++) {
            Shapes.require(frames[t].length == width, "every frame must have D=%d values but frame %d (t = %d) has %d",
                    width, t, t + 1, frames[t].length);
        }
        Shapes.require(width > 0, "frames must have at least one value but have D = 0");
        return width;
    }

    /** The class ids of {@code data}, which must all have one class. */
    static int[] labels(List<Sequence> data) {
        Shapes.require(!data.isEmpty(), "needs at least one labelled clip");
        int[] y = new int[data.size()];
        for (int i = 0; i < y.length; i++) y[i] = data.get(i).label();
        return y;
    }

    static Confusion confusion(int[] actual, int[] predicted, List<String> classNames, String title) {
        return Confusion.of(actual, predicted, classNames).titled(title + ": " + actual.length + " examples");
    }

    static double accuracy(int[] actual, int[] predicted) {
        int right = 0;
        for (int i = 0; i < actual.length; i++) if (actual[i] == predicted[i]) right++;
        return right / (double) actual.length;
    }
}
