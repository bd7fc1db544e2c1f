package org.seqlab.grader;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An instructor's source notebook ({@code exercises/source/<name>.ipynb}): solutions between
 * {@code BEGIN SOLUTION} and {@code END SOLUTION}, hidden tests between {@code BEGIN HIDDEN TESTS} and
 * {@code END HIDDEN TESTS}, and nbgrader metadata (schema version 3) on every graded, solution or locked cell.
 *
 * <p>Its exercises are its test cells (code cells with {@code grade: true}); a test cell checks the solution cells
 * that come after the test cell before it.
 *
 * @param name   the assignment's name, the file name without {@code .ipynb}
 * @param file   where the source lives
 * @param source the notebook
 */
record Assignment(String name, Path file, Notebook source) {
    static final String BEGIN_SOLUTION = "BEGIN SOLUTION";
    static final String END_SOLUTION = "END SOLUTION";
    static final String BEGIN_HIDDEN = "BEGIN HIDDEN TESTS";
    static final String END_HIDDEN = "END HIDDEN TESTS";
    private static final Set<String> SOURCE_KEYS = Set.of("schema_version", "grade", "solution", "locked", "grade_id", "points");

    /**
     * One exercise: a test cell and the solution cells it checks.
     *
     * @param testId      the test cell's grade id
     * @param points      the test cell's points
     * @param solutionIds the grade ids of the solution cells it checks
     */
    record Exercise(String testId, double points, List<String> solutionIds) {}

    /** Reads and checks a source notebook. */
    static Assignment load(Path file) {
        Notebook nb;
        try {
            nb = Notebook.read(file);
        } catch (Notebook.Unreadable e) {
            throw new IllegalArgumentException("the instructor source " + file + " cannot be read: " + e.getMessage());
        }
        String name = file.getFileName().toString().replaceFirst("\\.ipynb$", "");
        Assignment a = new Assignment(name, file, nb);
        a.check();
        return a;
    }

    /**
     * A released student version read as the assignment, for a learner's validation where the source is not at
     * hand: its test cells are the public ones, its solution cells hold the stubs.
     */
    static Assignment ofReleased(Path file) {
        try {
            Notebook nb = Notebook.read(file);
            return new Assignment(file.getFileName().toString().replaceFirst("\\.ipynb$", ""), file, nb);
        } catch (Notebook.Unreadable e) {
            throw new IllegalArgumentException("the released notebook " + file + " cannot be read: " + e.getMessage());
        }
    }

    /** The exercises in notebook order. */
    List<Exercise> exercises() {
        List<Exercise> exercises = new ArrayList<>();
        List<String> solutions = new ArrayList<>();
        for (Notebook.Cell cell : source.cells()) {
            if (Nbgrader.isSolution(cell)) {
                solutions.add(Nbgrader.gradeId(cell));
            } else if (Nbgrader.isGrade(cell) && cell.isCode()) {
                exercises.add(new Exercise(Nbgrader.gradeId(cell), Nbgrader.points(cell), List.copyOf(solutions)));
                solutions.clear();
            }
        }
        return exercises;
    }

    /** The total points of the assignment. */
    double maxScore() {
        return exercises().stream().mapToDouble(Exercise::points).sum();
    }

    /** The grade ids of the tracked cells, in order. */
    List<String> gradeIds() {
        List<String> ids = new ArrayList<>();
        for (Notebook.Cell cell : source.cells()) {
            if (Nbgrader.isTracked(cell)) {
                ids.add(Nbgrader.gradeId(cell));
            }
        }
        return ids;
    }

    /** The source cell with this grade id, or null. */
    Notebook.Cell cell(String gradeId) {
        for (Notebook.Cell cell : source.cells()) {
            if (gradeId.equals(Nbgrader.gradeId(cell)) && Nbgrader.isTracked(cell)) {
                return cell;
            }
        }
        return null;
    }

    private void check() {
        Set<String> ids = new HashSet<>();
        for (Notebook.Cell cell : source.cells()) {
            String where = name + ", cell " + (cell.index() + 1);
            JsonObject meta = Nbgrader.meta(cell);
            String text = cell.source();
            boolean hasSolution = text.contains(BEGIN_SOLUTION), hasHidden = text.contains(BEGIN_HIDDEN);
            if (meta == null) {
                if (hasSolution || hasHidden) {
                    throw new IllegalArgumentException(where + " has " + (hasSolution ? BEGIN_SOLUTION : BEGIN_HIDDEN)
                            + " but no nbgrader metadata");
                }
                continue;
            }
            for (String key : meta.keySet()) {
                if (!SOURCE_KEYS.contains(key)) {
                    throw new IllegalArgumentException(where + ": metadata.nbgrader has the key \"" + key
                            + "\", which is not one of nbgrader's schema 3 keys for a source " + SOURCE_KEYS);
                }
            }
            for (String key : List.of("schema_version", "grade", "solution", "locked")) {
                JsonElement v = meta.get(key);
                if (v == null) {
                    throw new IllegalArgumentException(where + ": metadata.nbgrader needs \"" + key + "\"");
                }
            }
            if (meta.get("schema_version").getAsInt() != Nbgrader.SCHEMA_VERSION) {
                throw new IllegalArgumentException(where + ": schema_version must be 3 but is " + meta.get("schema_version"));
            }
            if (!Nbgrader.isTracked(cell)) {
                continue;
            }
            String id = Nbgrader.gradeId(cell);
            if (id == null || id.isEmpty() || !id.matches(Nbgrader.GRADE_ID)) {
                throw new IllegalArgumentException(where + ": grade_id must match " + Nbgrader.GRADE_ID + " but is " + id);
            }
            if (!ids.add(id)) {
                throw new IllegalArgumentException(where + ": grade_id " + id + " is used twice");
            }
            if (Nbgrader.isGrade(cell) != meta.has("points")) {
                throw new IllegalArgumentException(where + " (" + id + "): points belong on grade cells, and only there");
            }
            if (hasSolution && !Nbgrader.isSolution(cell)) {
                throw new IllegalArgumentException(where + " (" + id + ") has " + BEGIN_SOLUTION + " but is not a solution cell");
            }
            if (hasHidden && !Nbgrader.isGrade(cell)) {
                throw new IllegalArgumentException(where + " (" + id + ") has " + BEGIN_HIDDEN + " but is not a grade cell");
            }
            if (Nbgrader.isGrade(cell) && Nbgrader.isSolution(cell) && cell.isCode()) {
                throw new IllegalArgumentException(where + " (" + id + "): a code cell is either a solution or a test, not both");
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        for (Exercise e : exercises()) {
            if (e.solutionIds().isEmpty()) {
                throw new IllegalArgumentException(name + ": the test cell " + e.testId() + " has no solution cell before it");
            }
            seen.addAll(e.solutionIds());
        }
    }
}
