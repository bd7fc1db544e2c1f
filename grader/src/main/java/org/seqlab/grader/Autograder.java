package org.seqlab.grader;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqlab.grade.Value;
import org.seqlab.grade.Verdict;

/**
 * Grades submissions of one assignment: learns what each case expects from the instructor's notebook once
 * ({@link Reference}), then for each submission rebuilds it from the source, runs it in its own kernel under the
 * limits, and judges every case here, from the values its kernel sent back.
 */
final class Autograder {
    private final Assignment assignment;
    private final Notebook released;
    private final KernelLaunch launch;
    private final Limits limits;
    private final Path scratch;

    Autograder(Assignment assignment, KernelLaunch launch, Limits limits, Path scratch) {
        this.assignment = assignment;
        this.released = Release.of(assignment);
        this.launch = launch;
        this.limits = limits;
        this.scratch = scratch;
    }

    Assignment assignment() {
        return assignment;
    }

    /**
     * The reference: read from {@code cache} when it was made from this source and library, else computed by
     * running the instructor's notebook (and written to {@code cache} when given).
     *
     * @throws IllegalStateException when the source fails its own tests: a fault of the assignment, not of a student
     */
    Reference reference(Path cache) throws IOException {
        String key = Reference.keyOf(assignment, launch);
        if (cache != null) {
            Reference cached = Reference.read(cache, key);
            if (cached != null) {
                return cached;
            }
        }
        Reference reference;
        try {
            reference = learn(key);
        } catch (IllegalStateException e) {
            // A kernel that crashed or starved on a busy machine is no fault of the instructor's notebook: one more try.
            System.err.println("[grader] " + e.getMessage() + "; running the instructor's notebook once more");
            reference = learn(key);
        }
        if (cache != null) {
            reference.write(cache);
        }
        return reference;
    }

    /** Runs the instructor's notebook once and reads every case's expectation from it. */
    private Reference learn(String key) throws IOException {
        Plan plan = Rebuild.of(assignment, released, assignment.source(), true).plan();
        Path work = Files.createTempDirectory(scratchDir(), "reference-");
        Limits generous = new Limits(limits.cellTimeout().multipliedBy(4), limits.notebookTimeout().multipliedBy(2),
                limits.memoryBytes(), limits.outputBytes() * 4, limits.startTimeout());
        Runner.Outcome outcome;
        Session session = new Session(launch, generous, work, scratchDir());
        List<String> notes = session.notes();
        try {
            outcome = Runner.run(session, plan, "reference", null);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")"), e);
        } finally {
            session.close();
            deleteTree(work);
        }
        for (var e : outcome.states().entrySet()) {
            if (!e.getValue().ok()) {
                throw new IllegalStateException(assignment.name() + ": the instructor's cell " + e.getKey() + " failed: "
                        + e.getValue().reason() + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")"));
            }
        }
        Map<String, List<JsonObject>> reports = new LinkedHashMap<>();
        outcome.tests().forEach((id, t) -> reports.put(id, t.reports()));
        return Reference.fromRun(assignment, key, reports);
    }

    private Path scratchDir() throws IOException {
        Files.createDirectories(scratch);
        return scratch;
    }

    /** A submission that could not be read: 0 points, the reason everywhere. */
    StudentResult unreadable(String studentId, String reason, List<String> notes, Reference reference, String timestamp) {
        List<StudentResult.CaseResult> cases = new ArrayList<>();
        Map<String, Double> scores = new LinkedHashMap<>();
        forEachCase(reference, (number, c) -> cases.add(new StudentResult.CaseResult(c.testId(), c.exercise(), c.name(), number,
                c.points(), c.hidden(), false, Verdict.missing(c.name(), "Not graded: " + reason + ".").message())));
        reference.cases().keySet().forEach(id -> scores.put(id, 0.0));
        List<String> all = new ArrayList<>(notes);
        all.add(reason);
        return new StudentResult(studentId, assignment.name(), false, "not graded: " + reason, all, cases, scores,
                assignment.maxScore(), 0, List.of(), timestamp, StudentResult.Timing.NONE);
    }

    /** Grades one readable submission. */
    StudentResult grade(String studentId, Notebook submission, List<String> discoveryNotes, Reference reference, String timestamp)
            throws IOException {
        long t0 = System.nanoTime();
        Rebuild rebuilt = Rebuild.of(assignment, released, submission, true);
        List<String> notes = new ArrayList<>(discoveryNotes);
        notes.addAll(rebuilt.notes());
        Path work = Files.createTempDirectory(scratchDir(), "work-");
        Runner.Outcome outcome;
        StudentResult.Timing timing;
        try (Session session = new Session(launch, limits, work, scratchDir())) {
            outcome = Runner.run(session, rebuilt.plan(), "submission", reference);
            notes.addAll(session.notes());
            timing = new StudentResult.Timing(session.startMillis(), session.replayMillis(), session.runMillis(), session.starts());
        } finally {
            deleteTree(work);
        }
        List<StudentResult.CaseResult> cases = new ArrayList<>();
        Map<String, Double> scores = new LinkedHashMap<>();
        reference.cases().keySet().forEach(id -> scores.put(id, 0.0));
        int ignored = 0;
        for (Runner.TestOutcome t : outcome.tests().values()) {
            ignored += t.ignored();
        }
        forEachCase(reference, (number, c) -> {
            Runner.TestOutcome t = outcome.tests().get(c.testId());
            JsonObject answer = t == null ? null : t.answers().get(c.name());
            Verdict v;
            if (answer != null) {
                v = Verdict.judge(c.name(), c.expected(), Value.fromJson(answer.get("got").toString()), c.mistakes(), c.tolerance());
            } else {
                String reason = t == null ? "the test cell did not run" : t.failures().getOrDefault(c.name(), "no answer came back for this case");
                v = Verdict.missing(c.name(), capitalized(reason) + withSolutionFailure(c.testId(), outcome) + ".");
            }
            cases.add(new StudentResult.CaseResult(c.testId(), c.exercise(), c.name(), number, c.points(), c.hidden(), v.passed(),
                    v.message()));
            if (v.passed()) {
                scores.merge(c.testId(), c.points(), Double::sum);
            }
        });
        if (ignored > 0) {
            notes.add(ignored + " grading message(s) without the grader's tag were ignored");
        }
        List<StudentResult.CellLog> cells = new ArrayList<>();
        for (Plan.Step s : rebuilt.plan().stateCells()) {
            if (s.role() == Plan.Role.SETUP) {
                continue;
            }
            CellResult r = outcome.states().get(s.gradeId());
            String outcomeText = s.unanswered() ? "not answered (not run)" : r == null ? "not run"
                    : r.ok() ? "ran" : r.reason();
            cells.add(new StudentResult.CellLog(s.gradeId(), s.role().name().toLowerCase(), s.code(), outcomeText,
                    r == null ? "" : r.text()));
        }
        int kernels = timing.kernels();
        String status = kernels == 0 ? "graded (nothing answered, nothing run)"
                : kernels > 1 ? "graded (the kernel was restarted " + (kernels - 1) + (kernels == 2 ? " time)" : " times)") : "graded";
        long millis = (System.nanoTime() - t0) / 1_000_000;
        return new StudentResult(studentId, assignment.name(), true, status, List.copyOf(notes), cases, scores,
                assignment.maxScore(), millis, cells, timestamp, timing);
    }

    /** When a case got no answer and its solution cell had failed, that failure says why. */
    private String withSolutionFailure(String testId, Runner.Outcome outcome) {
        for (Assignment.Exercise e : assignment.exercises()) {
            if (!e.testId().equals(testId)) {
                continue;
            }
            for (String id : e.solutionIds()) {
                CellResult r = outcome.states().get(id);
                if (r != null && !r.ok()) {
                    return "; the solution cell " + id + " had failed: " + r.reason();
                }
            }
        }
        return "";
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    interface CaseVisitor {
        void visit(String number, Reference.Case c);
    }

    /** Visits every case with its Gradescope number, {@code exercise.case} counted from 1. */
    static void forEachCase(Reference reference, CaseVisitor visitor) {
        int exercise = 0;
        for (List<Reference.Case> list : reference.cases().values()) {
            exercise++;
            int k = 0;
            for (Reference.Case c : list) {
                visitor.visit(exercise + "." + (++k), c);
            }
        }
    }

    /** The {@code timestamp.txt} nbgrader keeps beside a submission, or "". */
    static String timestamp(Path dir) {
        if (dir == null) {
            return "";
        }
        Path file = dir.resolve("timestamp.txt");
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : "";
        } catch (IOException e) {
            return "";
        }
    }

    static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A scratch folder left behind does no harm.
        }
    }
}
