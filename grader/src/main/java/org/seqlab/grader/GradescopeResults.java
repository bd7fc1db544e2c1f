package org.seqlab.grader;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * A student's grade as Gradescope's autograder {@code results.json}: the top-level {@code score},
 * {@code execution_time}, {@code output}, {@code visibility}, {@code stdout_visibility} and one test per case with
 * {@code name}, {@code number}, {@code score}, {@code max_score}, {@code status}, {@code output}, {@code visibility}
 * and {@code tags}. Public cases are always visible; hidden ones once the instructor publishes the grades.
 */
final class GradescopeResults {
    /** Visibility of public cases and of the submission as a whole. */
    static final String VISIBLE = "visible";
    /** Visibility of hidden cases: shown when the instructor publishes grades. */
    static final String HIDDEN_CASES = "after_published";

    private GradescopeResults() {}

    static JsonObject of(StudentResult r) {
        JsonObject root = new JsonObject();
        root.addProperty("score", r.total());
        root.addProperty("execution_time", Math.round(r.millis() / 1000.0));
        root.addProperty("output", summary(r));
        root.addProperty("visibility", VISIBLE);
        root.addProperty("stdout_visibility", "hidden");
        JsonArray tests = new JsonArray();
        if (!r.graded()) {
            JsonObject t = new JsonObject();
            t.addProperty("name", "The notebook could be read");
            t.addProperty("number", "0");
            t.addProperty("score", 0.0);
            t.addProperty("max_score", 0.0);
            t.addProperty("status", "failed");
            t.addProperty("output", r.status());
            t.addProperty("visibility", VISIBLE);
            JsonArray tags = new JsonArray();
            tags.add("notebook");
            t.add("tags", tags);
            tests.add(t);
        }
        for (StudentResult.CaseResult c : r.cases()) {
            JsonObject t = new JsonObject();
            t.addProperty("name", c.exercise() + ": " + c.name());
            t.addProperty("number", c.number());
            t.addProperty("score", c.score());
            t.addProperty("max_score", c.points());
            t.addProperty("status", c.passed() ? "passed" : "failed");
            t.addProperty("output", c.passed() ? "Passed" : c.message());
            t.addProperty("visibility", c.hidden() ? HIDDEN_CASES : VISIBLE);
            JsonArray tags = new JsonArray();
            tags.add(c.testId());
            tags.add(c.hidden() ? "hidden" : "public");
            t.add("tags", tags);
            tests.add(t);
        }
        root.add("tests", tests);
        return root;
    }

    static String toJson(StudentResult r) {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(of(r)) + "\n";
    }

    /** The text above the tests: the score in words and what the grader noticed. */
    static String summary(StudentResult r) {
        StringBuilder b = new StringBuilder();
        b.append(r.assignment()).append(": ").append(Csv.number(r.total())).append(" of ").append(Csv.number(r.max()))
                .append(" points (").append(r.status()).append(").");
        for (String note : r.notes()) {
            b.append("\n").append("Note: ").append(note).append('.');
        }
        return b.toString();
    }
}
