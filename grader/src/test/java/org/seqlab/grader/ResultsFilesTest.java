package org.seqlab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** grades.csv, scores.csv, results.json and feedback.html for hand-made results. */
class ResultsFilesTest {
    @TempDir
    Path dir;

    private static StudentResult result(String id, boolean aPassed) {
        List<StudentResult.CaseResult> cases = List.of(
                new StudentResult.CaseResult("a_tests", "a", "public case", "1.1", 1, false, aPassed,
                        aPassed ? "" : "Failed test case: public case. Expected: 2 Got: 3"),
                new StudentResult.CaseResult("a_tests", "a", "secret <case>", "1.2", 1.5, true, true, ""));
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("a_tests", (aPassed ? 1 : 0) + 1.5);
        return new StudentResult(id, "fixture", true, "graded", List.of("the test cell a_tests was changed; the original was used"),
                cases, scores, 2.5, 12_400, List.of(), "2026-11-29 10:00:00 UTC", StudentResult.Timing.NONE);
    }

    @Test
    void gradesCsvHasNbgradersExportColumnsAndARowPerStudentOfTheRoster() throws Exception {
        Path file = dir.resolve("grades.csv");
        Csv.grades(file, "fixture", "2026-12-01", List.of(result("zoe", true), result("adam", false)),
                Map.of("carl", new Csv.Student("carl", "Carl", "Friedrich", "carl@example.org")), 2.5);
        List<String> lines = Files.readAllLines(file);
        assertEquals("assignment,duedate,timestamp,student_id,last_name,first_name,email,raw_score,late_submission_penalty,score,max_score",
                lines.get(0));
        assertEquals("fixture,2026-12-01,2026-11-29 10:00:00 UTC,adam,,,,1.5,0.0,1.5,2.5", lines.get(1));
        assertEquals("fixture,2026-12-01,,carl,Friedrich,Carl,carl@example.org,0.0,0.0,0.0,2.5", lines.get(2));
        assertEquals("fixture,2026-12-01,2026-11-29 10:00:00 UTC,zoe,,,,2.5,0.0,2.5,2.5", lines.get(3));
        assertEquals(4, lines.size());
    }

    @Test
    void scoresCsvHasAColumnPerTestCellAndTheStatus() throws Exception {
        Path file = dir.resolve("scores.csv");
        Csv.scores(file, List.of("a_tests"), List.of(result("adam", false)), Map.of(), 2.5);
        assertEquals(List.of("student_id,a_tests,total_points_earned,percent_correct,grading_status", "adam,1.5,1.5,60.0,graded"),
                Files.readAllLines(file));
    }

    @Test
    void resultsJsonFollowsGradescopesSpecificationFieldByField() {
        JsonObject root = JsonParser.parseString(GradescopeResults.toJson(result("adam", false))).getAsJsonObject();
        assertEquals(Set.of("score", "execution_time", "output", "visibility", "stdout_visibility", "tests"), root.keySet());
        assertEquals(1.5, root.get("score").getAsDouble());
        assertEquals(12, root.get("execution_time").getAsInt());
        assertTrue(root.get("output").getAsString().startsWith("fixture: 1.5 of 2.5 points (graded)."));
        assertTrue(root.get("output").getAsString().contains("Note: the test cell a_tests was changed"));
        assertEquals("visible", root.get("visibility").getAsString());
        assertEquals("hidden", root.get("stdout_visibility").getAsString());
        var tests = root.getAsJsonArray("tests");
        assertEquals(2, tests.size());
        for (var t : tests) {
            assertEquals(Set.of("name", "number", "score", "max_score", "status", "output", "visibility", "tags"),
                    t.getAsJsonObject().keySet());
        }
        JsonObject failed = tests.get(0).getAsJsonObject();
        assertEquals("a: public case", failed.get("name").getAsString());
        assertEquals("1.1", failed.get("number").getAsString());
        assertEquals(0.0, failed.get("score").getAsDouble());
        assertEquals(1.0, failed.get("max_score").getAsDouble());
        assertEquals("failed", failed.get("status").getAsString());
        assertEquals("Failed test case: public case. Expected: 2 Got: 3", failed.get("output").getAsString());
        assertEquals("visible", failed.get("visibility").getAsString());
        assertEquals("[\"a_tests\",\"public\"]", failed.get("tags").toString());
        JsonObject hidden = tests.get(1).getAsJsonObject();
        assertEquals("passed", hidden.get("status").getAsString());
        assertEquals(1.5, hidden.get("score").getAsDouble());
        assertEquals("after_published", hidden.get("visibility").getAsString());
    }

    @Test
    void feedbackNamesHiddenCasesEscaped() {
        String html = Feedback.html(result("adam", false));
        assertTrue(html.contains("secret &lt;case&gt;"));
        assertFalse(html.contains("secret <case>"));
        assertTrue(html.contains("Expected: 2 Got: 3"));
    }
}
