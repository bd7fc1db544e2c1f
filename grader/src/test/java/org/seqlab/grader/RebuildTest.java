package org.seqlab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RebuildTest {
    private final Assignment a = Fixtures.assignment();
    private final Notebook released = Release.of(a);

    /** The released notebook with the given solutions written in, as a learner would. */
    private Notebook answered(String aCode, String bCode) {
        Notebook nb = released.copy();
        for (Notebook.Cell c : nb.cells()) {
            if ("a".equals(Nbgrader.gradeId(c))) {
                c.source(aCode);
            } else if ("b".equals(Nbgrader.gradeId(c))) {
                c.source(bCode);
            }
        }
        return nb;
    }

    private static JsonArray cellsOf(Notebook nb) {
        JsonObject json = com.google.gson.JsonParser.parseString(nb.toJson()).getAsJsonObject();
        return json.getAsJsonArray("cells");
    }

    private static Notebook withCells(JsonArray cells) throws Notebook.Unreadable {
        JsonObject json = new JsonObject();
        json.add("cells", cells);
        json.add("metadata", new JsonObject());
        return Notebook.parse(json.toString(), "edited");
    }

    @Test
    void testCellsRunWithTheirHiddenTestsAfterEveryStateCell() {
        Rebuild r = Rebuild.of(a, released, answered("int a() { return 2; }", "int b() { return 3; }"), true);
        assertEquals(List.of("setup", "a", "b"), r.plan().stateCells().stream().map(Plan.Step::gradeId).toList());
        assertEquals(List.of("a_tests", "b_tests"), r.plan().testCells().stream().map(Plan.Step::gradeId).toList());
        assertTrue(r.plan().testCells().get(0).code().contains("secret"));
        assertEquals(List.of(), r.notes());
        assertEquals(Set.of(), r.unanswered());
    }

    @Test
    void validationRunsTheReleasedTestsWithoutHiddenOnes() {
        Rebuild r = Rebuild.of(a, released, answered("int a() { return 2; }", "int b() { return 3; }"), false);
        assertFalse(r.plan().testCells().get(0).code().contains("secret"));
    }

    @Test
    void anUnchangedStubIsUnansweredAndItsTestsDoNotRun() {
        Rebuild r = Rebuild.of(a, released, answered(releasedSource("a"), "int b() { return 3; }"), true);
        assertEquals(Set.of("a"), r.unanswered());
        assertTrue(r.plan().testCells().get(0).unanswered());
        assertFalse(r.plan().testCells().get(1).unanswered());
    }

    @Test
    void aChangedTestCellIsReplacedByTheOriginalAndReported() throws Exception {
        JsonArray cells = cellsOf(answered("int a() { return 2; }", "int b() { return 3; }"));
        cells.get(5).getAsJsonObject().addProperty("source", "System.out.println(\"All tests passed\");");
        Rebuild r = Rebuild.of(a, released, withCells(cells), true);
        assertTrue(r.plan().testCells().get(1).code().contains("Tests.of(\"b\")"));
        assertEquals(List.of("the test cell b_tests was changed; the original was used"), r.notes());
    }

    @Test
    void aDeletedTestCellIsPutBack() throws Exception {
        JsonArray cells = cellsOf(answered("int a() { return 2; }", "int b() { return 3; }"));
        cells.remove(3);
        Rebuild r = Rebuild.of(a, released, withCells(cells), true);
        assertEquals(List.of("a_tests", "b_tests"), r.plan().testCells().stream().map(Plan.Step::gradeId).toList());
        assertEquals(List.of("the test cell a_tests was deleted; the original was put back"), r.notes());
    }

    @Test
    void aDuplicatedSolutionCellIsResolvedByPosition() throws Exception {
        JsonArray cells = cellsOf(answered("int a() { return 2; }", "int b() { return 3; }"));
        JsonObject copy = cells.get(2).getAsJsonObject().deepCopy();
        copy.addProperty("source", "int a() { return 99; }");
        cells.add(copy);                                   // a stray copy at the end, after b's test
        Rebuild r = Rebuild.of(a, released, withCells(cells), true);
        assertEquals("int a() { return 2; }", r.solutions().get("a"));
        assertEquals(1, r.notes().size());
        assertTrue(r.notes().get(0).startsWith("the solution cell a appears 2 times"), r.notes().get(0));
    }

    @Test
    void theLearnersOwnCellsRunWhereTheyWereAndSetupComesFromTheSource() throws Exception {
        JsonArray cells = cellsOf(answered("int a() { return 2; }", "int b() { return 3; }"));
        cells.get(1).getAsJsonObject().addProperty("source", "int base = 100;");
        cells.add(Fixtures.plain("code", "int helper() { return 7; }"));
        JsonArray reordered = new JsonArray();
        for (int k = 0; k < cells.size(); k++) {
            reordered.add(k == 3 ? cells.get(cells.size() - 1) : cells.get(k == cells.size() - 1 ? 3 : k));
        }
        Rebuild r = Rebuild.of(a, released, withCells(reordered), true);
        List<Plan.Step> state = r.plan().stateCells();
        assertEquals("int base = 1;", state.get(0).code());
        assertEquals(Plan.Role.EXTRA, state.get(2).role());
        assertTrue(r.notes().contains("the read-only cell setup was changed; the original was used"), r.notes().toString());
    }

    private String releasedSource(String id) {
        return released.cells().stream().filter(c -> id.equals(Nbgrader.gradeId(c))).findFirst().orElseThrow().source();
    }
}
