package org.seqlab.grade;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.JsonNodeFactory;
import org.nd4j.shade.jackson.databind.node.ObjectNode;
import org.seqlab.display.Displayable;
import org.seqlab.display.Notebook;

/**
 * The test cell of one exercise: named cases, each with its points, run one after the other.
 *
 * <pre>
 *   Tests t = Tests.of("rnn_step");
 *   var a = RnnChecks.inputs(1, 2, 3, 4);                          // seed 1: B = 2, D = 3, H = 4
 *   t.check("batch of two", 1, () -&gt; rnnStep(a.x(), a.h(), a.W_ih(), a.W_hh(), a.b_ih(), a.b_hh()),
 *           RnnChecks.step(a));
 *   t.report();                                                    // All tests passed
 * </pre>
 *
 * <p>In a learner's notebook every failing case prints {@code Failed test case: <case>. Expected: … Got: …} (with
 * the first differing index of an array and a hint when the answer matches a known mistake) and {@link #report()}
 * prints {@code All tests passed} when none failed. A case whose code throws fails with the exception as its
 * answer; the cell goes on with the next case.
 *
 * <p>Under the grader ({@link #grading}) nothing is printed: each case sends what the learner's code returned to
 * the grader as a {@code display_data} message of type {@value #MIME}, tagged with the grader's one-time nonce,
 * and the grader decides the verdict in its own process. When grading the instructor's solution the message also
 * carries the expected value, the known mistakes' answers and the case's points.
 */
public final class Tests {
    /** The MIME type of the messages a test case sends to the grader. */
    public static final String MIME = "application/vnd.seqlab.grade+json";

    /** Who reads the verdicts. */
    enum Mode { LEARNER, REFERENCE, SUBMISSION }

    /** The errors a kernel throws to stop a cell (Kernel → Interrupt): passed on, never taken as an answer. */
    private static final Set<String> STOPS = Set.of("java.lang.ThreadDeath", "org.seqlab.kernel.CellStopped");

    private static volatile Mode mode = Mode.LEARNER;
    private static volatile String nonce = "";
    private static volatile Set<String> skip = Set.of();
    /** Where grading messages go: a {@code display_data} message in a kernel; replaced in tests. */
    static volatile Consumer<String> sink = json -> Notebook.show(new Message(json));
    static volatile PrintStream out = System.out;

    private final String exercise;
    private final Map<String, Boolean> cases = new LinkedHashMap<>();
    private int failed;

    private Tests(String exercise) {
        this.exercise = exercise;
    }

    /** The test cell of exercise {@code exercise} (its solution cell's {@code grade_id}). */
    public static Tests of(String exercise) {
        if (exercise == null || !exercise.matches("[a-zA-Z0-9_\\-]+")) {
            throw new IllegalArgumentException("an exercise name must match [a-zA-Z0-9_-]+ (a grade_id) but is " + exercise);
        }
        return new Tests(exercise);
    }

    /**
     * Runs a public case.
     *
     * @param name   the case's name, unique in this exercise, as the learner reads it ({@code "batch of one"})
     * @param points the points it is worth
     * @param got    calls the learner's code and returns its answer
     * @param expect what the answer must be
     * @return this, for the next case
     */
    public Tests check(String name, double points, Callable<?> got, Expect expect) {
        return run(name, points, false, got, expect);
    }

    /** Runs a hidden case: as {@link #check}, but the grader shows its name and verdict only in the feedback. */
    public Tests hidden(String name, double points, Callable<?> got, Expect expect) {
        return run(name, points, true, got, expect);
    }

    /** Ends the cell: prints {@code All tests passed} for a learner when no case failed. */
    public void report() {
        if (mode == Mode.LEARNER && failed == 0) {
            out.println("All tests passed");
            out.flush();
        }
    }

    /**
     * Switches the test cells that follow to grading: called by the grader, never by a notebook.
     *
     * @param nonce  the grader's one-time tag for the messages of the next test cell
     * @param mode   {@code "reference"} for the instructor's solution, {@code "submission"} for a learner's
     * @param done   cases ({@code exercise/case}) whose verdict the grader already has, not to be run again
     */
    public static void grading(String nonce, String mode, String... done) {
        Tests.mode = switch (mode) {
            case "reference" -> Mode.REFERENCE;
            case "submission" -> Mode.SUBMISSION;
            default -> throw new IllegalArgumentException("mode must be reference or submission but is " + mode);
        };
        Tests.nonce = nonce;
        Tests.skip = Set.copyOf(new HashSet<>(java.util.Arrays.asList(done)));
    }

    private Tests run(String name, double points, boolean hidden, Callable<?> got, Expect expect) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a test case needs a name");
        }
        if (!(points >= 0)) {
            throw new IllegalArgumentException("points must be 0 or more but are " + points + " for case " + name);
        }
        if (cases.put(name, hidden) != null) {
            throw new IllegalArgumentException("exercise " + exercise + " has two cases named \"" + name + "\"");
        }
        Mode current = mode;
        if (current != Mode.LEARNER && skip.contains(exercise + "/" + name)) {
            return this;
        }
        // The expected value first: the learner's code may change its inputs in place.
        Expect.Resolved r = current == Mode.SUBMISSION ? null : expect.resolve();
        Value answer = answer(got);
        if (current == Mode.LEARNER) {
            Verdict verdict = Verdict.judge(name, r.expected(), answer, r.mistakes(), r.tolerance());
            if (!verdict.passed()) {
                failed++;
                out.println(verdict.message());
                out.flush();
            }
            return this;
        }
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        message.put("nonce", nonce);
        message.put("exercise", exercise);
        message.put("case", name);
        message.set("got", answer.toJsonNode());
        if (current == Mode.REFERENCE) {
            message.put("points", points);
            message.put("hidden", hidden);
            message.set("expected", r.expected().toJsonNode());
            ObjectNode tolerance = message.putObject("tolerance");
            tolerance.put("rtol", r.tolerance().rtol());
            tolerance.put("atol", r.tolerance().atol());
            ArrayNode mistakes = message.putArray("mistakes");
            for (Verdict.Mistake m : r.mistakes()) {
                ObjectNode mistake = mistakes.addObject();
                mistake.put("hint", m.hint());
                mistake.set("value", m.value().toJsonNode());
            }
        }
        sink.accept(message.toString());
        return this;
    }

    /** Calls the learner's code; an exception is its answer, except a stop the kernel asked for. */
    private static Value answer(Callable<?> got) {
        try {
            return Values.of(got.call());
        } catch (Throwable t) {
            if (t instanceof Error e && STOPS.contains(e.getClass().getName())) {
                throw e;
            }
            if (t instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the test was interrupted", t);
            }
            return Values.thrown(t);
        }
    }

    /** A grading message as a display: the JSON under {@value #MIME}, a line of text for anything else. */
    private record Message(String json) implements Displayable {
        @Override
        public Map<String, String> mimeBundle() {
            Map<String, String> bundle = new LinkedHashMap<>();
            bundle.put(MIME, json);
            bundle.put("text/plain", "(a test case's answer, sent to the grader)");
            return bundle;
        }
    }
}
