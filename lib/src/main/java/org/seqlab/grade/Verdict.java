package org.seqlab.grade;

import java.util.List;

/**
 * The verdict on one test case, in the words the learner reads: nothing to say when it passed, otherwise
 * {@code Failed test case: <case>. Expected: … Got: …} with the first differing index of an array, and on the
 * next line a hint when the answer is what a known mistake gives.
 *
 * <p>The kernel prints it for a learner; the grader reaches the same verdict in its own process from the values
 * the kernel sent back. No ND4J here.
 *
 * @param passed  whether the answer matched
 * @param message the failure text (one or two lines), or "" when it passed
 */
public record Verdict(boolean passed, String message) {
    /**
     * A known mistake and the answer it gives for the case's inputs.
     *
     * @param hint  what the mistake is and what to do instead
     * @param value the answer the mistake gives
     */
    public record Mistake(String hint, Value value) {}

    /** The verdict on {@code got} for the case {@code caseName}. */
    public static Verdict judge(String caseName, Value expected, Value got, List<Mistake> mistakes,
                                Comparison.Tolerance tolerance) {
        Comparison.Difference difference = Comparison.compare(expected, got, tolerance);
        if (difference == null) {
            return new Verdict(true, "");
        }
        String message = difference.message(caseName);
        for (Mistake m : mistakes) {
            if (Comparison.matches(m.value(), got, tolerance)) {
                message += "\nHint: " + m.hint();
                break;
            }
        }
        return new Verdict(false, message);
    }

    /** A failed case whose answer never came back, with the reason ({@code "the cell timed out after 30 s"}). */
    public static Verdict missing(String caseName, String reason) {
        return new Verdict(false, "Failed test case: " + caseName + ". " + reason);
    }
}
