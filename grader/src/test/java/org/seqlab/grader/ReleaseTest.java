package org.seqlab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReleaseTest {
    @Test
    void aSolutionRegionBecomesTheStubAtItsIndentation() {
        String code = "int f() {\n    // BEGIN SOLUTION\n    return 1;\n    // END SOLUTION\n}";
        assertEquals("int f() {\n    // YOUR CODE HERE\n    throw new UnsupportedOperationException(\"f: not implemented yet\");\n}",
                Release.stubCode(code, "f"));
    }

    @Test
    void aStubFollowedByCodeIsGuardedSoItStillCompiles() {
        String code = "void f() {\n  // BEGIN SOLUTION\n  int x = 1;\n  // END SOLUTION\n  System.out.println(x);\n}";
        assertTrue(Release.stubCode(code, "f").contains("  if (true) throw new UnsupportedOperationException"));
    }

    @Test
    void anUnclosedSolutionRegionIsRefusedWithItsGradeId() {
        var e = assertThrows(IllegalArgumentException.class, () -> Release.stubCode("// BEGIN SOLUTION\nx", "f"));
        assertTrue(e.getMessage().startsWith("f:"), e.getMessage());
    }

    @Test
    void hiddenTestsAndTheirMarkersAreRemoved() {
        String released = Release.withoutHiddenTests("a\n// BEGIN HIDDEN TESTS\nsecret\n// END HIDDEN TESTS\nb");
        assertEquals("a\nb", released);
    }

    @Test
    void theStudentVersionIsLockedChecksummedAndHasNoAnswers() {
        Notebook nb = Release.of(Fixtures.assignment());
        var cells = nb.cells();
        assertFalse(nb.toJson().contains("return base + 1"));
        assertFalse(nb.toJson().contains("secret"));
        assertEquals(false, cells.get(3).metadata().get("editable").getAsBoolean());
        assertEquals(false, cells.get(2).metadata().get("deletable").getAsBoolean());
        assertFalse(cells.get(2).metadata().has("editable"));
        for (Notebook.Cell c : cells) {
            if (Nbgrader.isTracked(c)) {
                var meta = Nbgrader.meta(c);
                assertEquals(Set.of("schema_version", "grade", "solution", "locked", "grade_id", "checksum", "cell_type")
                        .size() + (Nbgrader.isGrade(c) ? 1 : 0), meta.keySet().size(), meta.toString());
                assertEquals(Nbgrader.checksum(c), meta.get("checksum").getAsString());
                assertEquals(c.type(), meta.get("cell_type").getAsString());
            }
        }
    }

    @Test
    void theCommittedStudentVersionsAreAFreshRelease() throws Exception {
        Path sources = Fixtures.root().resolve("exercises/source");
        int n = 0;
        try (var files = Files.list(sources)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList()) {
                Path released = Fixtures.root().resolve("notebooks/exercises").resolve(file.getFileName());
                assertTrue(Files.isRegularFile(released), released + " is missing: run ./course exercises release");
                assertEquals(Release.of(Assignment.load(file)).toJson(), Files.readString(released, StandardCharsets.UTF_8),
                        released + " differs from a fresh release: run ./course exercises release");
                n++;
            }
        }
        assertTrue(n >= 1);
    }
}
