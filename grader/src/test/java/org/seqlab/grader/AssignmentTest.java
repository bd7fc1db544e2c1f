package org.seqlab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssignmentTest {
    @TempDir
    Path dir;

    @Test
    void eachTestCellChecksTheSolutionsSinceThePreviousOne() {
        Assignment a = Fixtures.assignment();
        assertEquals(List.of(new Assignment.Exercise("a_tests", 2, List.of("a")), new Assignment.Exercise("b_tests", 1, List.of("b"))),
                a.exercises());
        assertEquals(3, a.maxScore());
    }

    @Test
    void aKeyOutsideSchemaThreeIsRefused() throws Exception {
        var cell = Fixtures.cell("code", "int x;", "x", false, true, false, null);
        cell.getAsJsonObject("metadata").getAsJsonObject("nbgrader").addProperty("task", true);
        var e = assertThrows(IllegalArgumentException.class, () -> load(Fixtures.notebook(cell)));
        assertTrue(e.getMessage().contains("\"task\""), e.getMessage());
    }

    @Test
    void aGradeIdUsedTwiceIsRefused() throws Exception {
        var e = assertThrows(IllegalArgumentException.class, () -> load(Fixtures.notebook(
                Fixtures.cell("code", "int x;", "x", false, true, false, null),
                Fixtures.cell("code", "int y;", "x", false, true, false, null))));
        assertTrue(e.getMessage().contains("used twice"), e.getMessage());
    }

    @Test
    void aGradeIdOutsideNbgradersPatternIsRefused() throws Exception {
        var e = assertThrows(IllegalArgumentException.class, () -> load(Fixtures.notebook(
                Fixtures.cell("code", "int x;", "x y", false, true, false, null))));
        assertTrue(e.getMessage().contains("grade_id must match"), e.getMessage());
    }

    @Test
    void hiddenTestsOutsideAGradeCellAreRefused() throws Exception {
        var e = assertThrows(IllegalArgumentException.class, () -> load(Fixtures.notebook(
                Fixtures.plain("code", "// BEGIN HIDDEN TESTS\n// END HIDDEN TESTS"))));
        assertTrue(e.getMessage().contains("no nbgrader metadata"), e.getMessage());
    }

    private Assignment load(Notebook nb) throws Exception {
        Path file = dir.resolve("bad.ipynb");
        Files.writeString(file, nb.toJson());
        return Assignment.load(file);
    }
}
