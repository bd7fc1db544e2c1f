package org.seqlab.grader;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;

/** Small notebooks for the grader's unit tests, and the repository's files. */
final class Fixtures {
    private Fixtures() {}

    /** The repository's root (set by Maven; the module's parent otherwise). */
    static Path root() {
        return Path.of(System.getProperty("seqlab.root", "..")).toAbsolutePath().normalize();
    }

    /** A code cell with nbgrader metadata; {@code points} null for a cell that is not a grade cell. */
    static JsonObject cell(String type, String source, String id, boolean grade, boolean solution, boolean locked, Double points) {
        JsonObject nbgrader = new JsonObject();
        nbgrader.addProperty("schema_version", 3);
        nbgrader.addProperty("grade", grade);
        nbgrader.addProperty("solution", solution);
        nbgrader.addProperty("locked", locked);
        nbgrader.addProperty("grade_id", id);
        if (points != null) {
            nbgrader.addProperty("points", points);
        }
        JsonObject cell = plain(type, source);
        cell.getAsJsonObject("metadata").add("nbgrader", nbgrader);
        return cell;
    }

    /** A cell without nbgrader metadata. */
    static JsonObject plain(String type, String source) {
        JsonObject cell = new JsonObject();
        cell.addProperty("cell_type", type);
        cell.add("metadata", new JsonObject());
        cell.addProperty("source", source);
        if (type.equals("code")) {
            cell.add("outputs", new JsonArray());
            cell.add("execution_count", null);
        }
        return cell;
    }

    /** A notebook of these cells. */
    static Notebook notebook(JsonObject... cells) {
        JsonObject nb = new JsonObject();
        JsonArray array = new JsonArray();
        for (JsonObject c : cells) {
            array.add(c);
        }
        nb.add("cells", array);
        JsonObject meta = new JsonObject();
        JsonObject spec = new JsonObject();
        spec.addProperty("name", "seqlab");
        spec.addProperty("display_name", "Java (Seqlab)");
        spec.addProperty("language", "java");
        meta.add("kernelspec", spec);
        nb.add("metadata", meta);
        nb.addProperty("nbformat", 4);
        nb.addProperty("nbformat_minor", 5);
        try {
            return Notebook.parse(nb.toString(), "fixture");
        } catch (Notebook.Unreadable e) {
            throw new AssertionError(e);
        }
    }

    /** A two-exercise assignment: setup, solution a + its test, solution b + its test (with hidden tests). */
    static Notebook source() {
        return notebook(
                plain("markdown", "# Fixture"),
                cell("code", "int base = 1;", "setup", false, false, true, null),
                cell("code", "int a() {\n    // BEGIN SOLUTION\n    return base + 1;\n    // END SOLUTION\n}", "a", false, true, false, null),
                cell("code", "Tests t = Tests.of(\"a\");\n// BEGIN HIDDEN TESTS\nt.hidden(\"secret\", 1, () -> a(), Expect.equalTo(2));\n"
                        + "// END HIDDEN TESTS\nt.report();", "a_tests", true, false, true, 2.0),
                cell("code", "int b() {\n    // BEGIN SOLUTION\n    return 3;\n    // END SOLUTION\n}", "b", false, true, false, null),
                cell("code", "Tests.of(\"b\").check(\"three\", 1, () -> b(), Expect.equalTo(3)).report();", "b_tests", true, false, true, 1.0));
    }

    /** {@link #source()} as an assignment named {@code fixture}. */
    static Assignment assignment() {
        return new Assignment("fixture", Path.of("fixture.ipynb"), source());
    }
}
