package org.seqlab.data;

import java.util.Arrays;
import org.seqlab.Shapes;

/**
 * One example before batching: {@code T} input steps and what the model should predict.
 *
 * <p>Inputs are either token ids ({@link Input#TOKENS}, stored as {@code x[t][0]}) or feature
 * vectors ({@link Input#FEATURES}, {@code x[t]} of length {@code D}). The target {@code y} is stored
 * as a small matrix whose layout depends on {@link Target}:
 *
 * <pre>
 *   STEP_CLASSES   y[t][0]  class id at step t            [T, 1]   e.g. next character
 *   STEP_VALUES    y[t]     K values at step t            [T, K]   e.g. next value of a sine
 *   CLASS          y[0][0]  one class id                  [1, 1]   e.g. splice-junction class
 *   VALUES         y[0]     K values                      [1, K]   e.g. the next 12 months
 *   NONE           no target (encoder inputs)             [0, 0]
 * </pre>
 *
 * Build one with the static factories ({@link #tokens(int[], int)}, {@link #features(float[][], float[])}, ...);
 * {@link Batcher} turns lists of them into padded, masked {@link SequenceBatch}es. The arrays are
 * not copied: treat a sequence as read-only once made.
 *
 * @param input whether {@code x} holds token ids or feature vectors
 * @param x the inputs, {@code [T][1]} token ids or {@code [T][D]} features
 * @param target what kind of target {@code y} holds
 * @param y the target, laid out as in the table above
 */
public record Sequence(Input input, float[][] x, Target target, float[][] y) {

    /** What the inputs are. */
    public enum Input {
        /** {@code x[t][0]} is an integer token id; batches carry {@code [T, B]} ids. */
        TOKENS,
        /** {@code x[t]} is a feature vector; batches carry {@code [T, B, D]} features. */
        FEATURES
    }

    /** What the model predicts, and so the shape of a batch's targets. */
    public enum Target {
        /** A class id at every step; batch targets {@code [T, B]}. */
        STEP_CLASSES,
        /** {@code K} values at every step; batch targets {@code [T, B, K]}. */
        STEP_VALUES,
        /** One class id per sequence; batch targets {@code [B]}. */
        CLASS,
        /** {@code K} values per sequence; batch targets {@code [B, K]}. */
        VALUES,
        /** No target; batch targets are {@code null}. */
        NONE
    }

    /** Checks the layout described in the class comment. */
    public Sequence {
        Shapes.require(x != null && x.length > 0, "a sequence needs at least one step (x is %s)",
                x == null ? "null" : "empty");
        int d = x[0].length;
        for (float[] step : x) {
            Shapes.require(step.length == d, "every step of x must have D=%d features but one has %d", d, step.length);
        }
        Shapes.require(input != Input.TOKENS || d == 1, "token inputs must be [T, 1] but are [%d, %d]", x.length, d);
        int rows = switch (target) {
            case STEP_CLASSES, STEP_VALUES -> x.length;
            case CLASS, VALUES -> 1;
            case NONE -> 0;
        };
        Shapes.require(y != null && y.length == rows,
                "a %s target must have %d rows but has %s", target, rows, y == null ? "null" : y.length);
        for (float[] row : y) {
            Shapes.require(row.length == y[0].length, "every row of y must have the same length");
            Shapes.require(!(target == Target.STEP_CLASSES || target == Target.CLASS) || row.length == 1,
                    "class targets hold one id per row but a row has %d", row.length);
        }
    }

    /** Token ids with a class id per step, e.g. a character model's next characters; both length T. */
    public static Sequence tokens(int[] ids, int[] stepClasses) {
        Shapes.require(ids.length == stepClasses.length,
                "ids and stepClasses must both have length T but have %d and %d", ids.length, stepClasses.length);
        return new Sequence(Input.TOKENS, column(ids), Target.STEP_CLASSES, column(stepClasses));
    }

    /** Token ids with one class id for the whole sequence, e.g. a word and its language. */
    public static Sequence tokens(int[] ids, int label) {
        return new Sequence(Input.TOKENS, column(ids), Target.CLASS, new float[][] {{label}});
    }

    /** Token ids without a target, e.g. an encoder's input. */
    public static Sequence tokens(int[] ids) {
        return new Sequence(Input.TOKENS, column(ids), Target.NONE, new float[0][]);
    }

    /** Features {@code [T][D]} with one class id for the whole sequence. */
    public static Sequence features(float[][] x, int label) {
        return new Sequence(Input.FEATURES, x, Target.CLASS, new float[][] {{label}});
    }

    /** Features {@code [T][D]} with {@code K} values for the whole sequence (a forecast, a sum). */
    public static Sequence features(float[][] x, float[] values) {
        return new Sequence(Input.FEATURES, x, Target.VALUES, new float[][] {values});
    }

    /** Features {@code [T][D]} with {@code K} values at every step, {@code stepValues} being {@code [T][K]}. */
    public static Sequence features(float[][] x, float[][] stepValues) {
        return new Sequence(Input.FEATURES, x, Target.STEP_VALUES, stepValues);
    }

    /** Features {@code [T][D]} with a class id at every step. */
    public static Sequence features(float[][] x, int[] stepClasses) {
        return new Sequence(Input.FEATURES, x, Target.STEP_CLASSES, column(stepClasses));
    }

    /** The number of steps {@code T}. */
    public int length() {
        return x.length;
    }

    /** The width of one input step: 1 for tokens, {@code D} for features. */
    public int width() {
        return x[0].length;
    }

    /** The token ids, {@code [T]}; only for {@link Input#TOKENS}. */
    public int[] ids() {
        Shapes.require(input == Input.TOKENS, "ids() needs token inputs but this sequence has features");
        int[] ids = new int[x.length];
        for (int t = 0; t < ids.length; t++) ids[t] = (int) x[t][0];
        return ids;
    }

    /** The class id of a {@link Target#CLASS} sequence. */
    public int label() {
        Shapes.require(target == Target.CLASS, "label() needs a CLASS target but this one is %s", target);
        return (int) y[0][0];
    }

    @Override
    public String toString() {
        return "Sequence[" + input + " T=" + x.length + (input == Input.FEATURES ? " D=" + width() : "")
                + ", " + target + (target == Target.NONE ? "" : " " + Arrays.deepToString(
                        y.length > 4 ? Arrays.copyOf(y, 4) : y) + (y.length > 4 ? "..." : "")) + "]";
    }

    static float[][] column(int[] values) {
        float[][] c = new float[values.length][1];
        for (int t = 0; t < values.length; t++) c[t][0] = values[t];
        return c;
    }
}
