package org.seqlab.grader;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a {@link Plan} in a {@link Session}: the state cells in order (each success remembered for replay), then
 * each test cell preceded by the grader's switch to grading with a fresh nonce. Only messages carrying that nonce
 * count. When a test cell kills its kernel, the case it was running fails with the reason and the cell runs again
 * in a fresh kernel without the cases already answered, so one runaway case costs only its own points.
 */
final class Runner {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Why the cases of an exercise nobody answered fail without running. */
    static final String UNANSWERED = "not answered: the solution cell still holds the released code (not run)";

    private Runner() {}

    /**
     * What one test cell gave.
     *
     * @param answers  the grading message of each answered case, by case name, in order
     * @param failures the reason each unanswered case has none, by case name
     * @param reports  every accepted message in order (the reference run reads these)
     * @param result   the test cell's last run
     * @param ignored  messages that came with a wrong nonce or for an unknown case
     */
    record TestOutcome(Map<String, JsonObject> answers, Map<String, String> failures, List<JsonObject> reports,
                       CellResult result, int ignored) {}

    /**
     * What the notebook gave.
     *
     * @param states state cells' results by grade id (unanswered solutions are absent)
     * @param tests  test cells' outcomes by grade id
     */
    record Outcome(Map<String, CellResult> states, Map<String, TestOutcome> tests) {}

    /**
     * Runs the plan.
     *
     * @param mode      {@code "reference"} or {@code "submission"}
     * @param reference the expected cases of each test cell (submission mode), or null (reference mode)
     */
    static Outcome run(Session session, Plan plan, String mode, Reference reference) throws IOException {
        return run(session, plan, mode, reference, true);
    }

    /**
     * Runs the plan; with {@code strict} false a failing test cell of a run without reference (a learner's
     * validation) is reported rather than taken for a broken assignment.
     */
    static Outcome run(Session session, Plan plan, String mode, Reference reference, boolean strict) throws IOException {
        Map<String, CellResult> states = new LinkedHashMap<>();
        // With every exercise unanswered there is nothing to test: no kernel is started.
        boolean nothingToTest = reference != null && plan.testCells().stream().allMatch(Plan.Step::unanswered);
        for (Plan.Step step : plan.stateCells()) {
            if (step.unanswered() || nothingToTest) {
                continue;
            }
            CellResult r = session.run(step.code());
            states.put(step.gradeId(), r);
            if (r.ok()) {
                session.remember(step.code());
            }
        }
        Map<String, TestOutcome> tests = new LinkedHashMap<>();
        for (Plan.Step step : plan.testCells()) {
            List<Reference.Case> cases = reference == null ? null : reference.cases().getOrDefault(step.gradeId(), List.of());
            if (step.unanswered() && cases != null) {
                Map<String, String> failures = new LinkedHashMap<>();
                cases.forEach(c -> failures.put(c.name(), UNANSWERED));
                tests.put(step.gradeId(), new TestOutcome(Map.of(), failures, List.of(), null, 0));
                continue;
            }
            tests.put(step.gradeId(), test(session, step, mode, cases, strict));
        }
        return new Outcome(states, tests);
    }

    private static TestOutcome test(Session session, Plan.Step step, String mode, List<Reference.Case> cases, boolean strict)
            throws IOException {
        Map<String, JsonObject> answers = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        List<JsonObject> all = new ArrayList<>();
        int ignored = 0;
        CellResult result = null;
        int attempts = 0;
        while (true) {
            attempts++;
            String nonce = HexFormat.of().formatHex(RANDOM.generateSeed(16));
            Set<String> skip = new LinkedHashSet<>();
            if (cases != null) {
                for (Reference.Case c : cases) {
                    if (answers.containsKey(c.name()) || failures.containsKey(c.name())) {
                        skip.add(c.key());
                    }
                }
            }
            CellResult switched = session.run(gradingCall(nonce, mode, skip));
            if (!switched.ok()) {
                result = switched;
                String reason = "the grader could not switch the kernel to grading (" + switched.reason() + ")";
                if (cases != null) {
                    cases.stream().filter(c -> !answers.containsKey(c.name())).forEach(c -> failures.putIfAbsent(c.name(), reason));
                }
                if (switched.status().fatal() && attempts <= 2) {
                    continue;
                }
                break;
            }
            result = session.run(step.code());
            for (JsonObject r : result.reports()) {
                if (!nonce.equals(string(r, "nonce")) || !r.has("case") || !r.has("got")) {
                    ignored++;
                    continue;
                }
                String name = string(r, "case");
                if (cases != null && (cases.stream().noneMatch(c -> c.name().equals(name)) || answers.containsKey(name))) {
                    ignored++;
                    continue;
                }
                answers.put(name, r);
                all.add(r);
            }
            if (cases == null) {
                if (!result.ok() && strict) {
                    throw new IllegalStateException("the test cell " + step.gradeId() + " of the instructor's notebook failed: "
                            + result.reason());
                }
                break;
            }
            if (!result.status().fatal()) {
                String reason = result.ok() ? "no answer came back for this case"
                        : "the test cell stopped before this case (" + result.reason() + ")";
                cases.stream().filter(c -> !answers.containsKey(c.name())).forEach(c -> failures.putIfAbsent(c.name(), reason));
                break;
            }
            Reference.Case running = cases.stream()
                    .filter(c -> !answers.containsKey(c.name()) && !failures.containsKey(c.name())).findFirst().orElse(null);
            if (running == null) {
                break;
            }
            failures.put(running.name(), result.reason() + "; the kernel was restarted");
            if (attempts > cases.size()) {
                break;
            }
        }
        if (cases != null) {
            failures.keySet().removeAll(answers.keySet());
        }
        return new TestOutcome(answers, failures, all, result, ignored);
    }

    /** The snippet that switches the kernel's test helpers to grading. */
    static String gradingCall(String nonce, String mode, Set<String> done) {
        StringBuilder b = new StringBuilder("org.seqlab.grade.Tests.grading(").append(literal(nonce)).append(", ").append(literal(mode));
        for (String d : done) {
            b.append(", ").append(literal(d));
        }
        return b.append(");").toString();
    }

    /** A Java string literal. */
    static String literal(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static String string(JsonObject o, String key) {
        return o.has(key) && o.get(key).isJsonPrimitive() ? o.get(key).getAsString() : "";
    }
}
