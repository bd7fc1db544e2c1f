package org.seqlab.grade;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a test case expects: a reference value, computed only when needed, and the answers that known mistakes give,
 * each with the hint a learner sees when their answer matches it.
 *
 * <pre>
 *   Expect.value(() -&gt; reference(x, h))
 *         .hint("this is what transposed weights give: multiply by W_ihᵀ, not W_ih", () -&gt; reference(x, h.transpose()))
 * </pre>
 */
public final class Expect {
    private final Supplier<?> reference;
    private final List<Hint> hints;
    private final Comparison.Tolerance tolerance;

    /**
     * A known mistake: its hint and the answer it gives.
     *
     * @param text    the hint, one sentence saying what the mistake is and what to do instead
     * @param mistake computes the answer the mistake gives for the case's inputs
     */
    record Hint(String text, Supplier<?> mistake) {}

    /** A resolved expectation: the expected value and the known mistakes' answers. */
    record Resolved(Value expected, List<Verdict.Mistake> mistakes, Comparison.Tolerance tolerance) {}

    private Expect(Supplier<?> reference, List<Hint> hints, Comparison.Tolerance tolerance) {
        this.reference = reference;
        this.hints = hints;
        this.tolerance = tolerance;
    }

    /** Expects what {@code reference} returns (an {@code INDArray}, a Java array, a number, a record, ...). */
    public static Expect value(Supplier<?> reference) {
        return new Expect(reference, List.of(), null);
    }

    /** Expects exactly {@code value}. */
    public static Expect equalTo(Object value) {
        return value(() -> value);
    }

    /** Expects the call to throw an exception of {@code type} (bad input must be refused with a clear error). */
    public static Expect thrown(Class<? extends Throwable> type) {
        return value(() -> new Value.Thrown(type.getSimpleName(), ""));
    }

    /** This expectation with one more known mistake; hints are tried in the order added. */
    public Expect hint(String text, Supplier<?> mistake) {
        List<Hint> more = new ArrayList<>(hints);
        more.add(new Hint(text, mistake));
        return new Expect(reference, List.copyOf(more), tolerance);
    }

    /** This expectation compared with the given tolerance instead of the one for its data type. */
    public Expect tolerance(double rtol, double atol) {
        return new Expect(reference, hints, new Comparison.Tolerance(rtol, atol));
    }

    /** The reference object itself, before it becomes a {@link Value} (for the checks' own tests). */
    Object resolveReference() {
        return reference.get();
    }

    /**
     * Computes the expected value and the mistakes' answers. A mistake that cannot be computed for these inputs
     * (its transposed weights do not fit, say) simply gives no hint.
     *
     * @throws IllegalStateException when the reference itself fails: the test, not the learner, is wrong
     */
    Resolved resolve() {
        Value expected;
        try {
            expected = Values.of(reference.get());
        } catch (RuntimeException e) {
            throw new IllegalStateException("the test's reference value could not be computed: " + e, e);
        }
        List<Verdict.Mistake> resolved = new ArrayList<>();
        for (Hint h : hints) {
            try {
                resolved.add(new Verdict.Mistake(h.text(), Values.of(h.mistake().get())));
            } catch (RuntimeException e) {
                // This mistake is impossible for these inputs.
            }
        }
        return new Resolved(expected, resolved, tolerance != null ? tolerance : Comparison.Tolerance.forValue(expected));
    }
}
