package org.seqlab.grader;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Writes a folder of synthetic submissions of one assignment, each made from the released student version as a
 * learner would make it: solution cells written in, cells added, changed, deleted or duplicated, files renamed,
 * broken or empty. The expected score of each student is kept beside it.
 */
final class SyntheticClass {
    private final Assignment assignment;
    private final Notebook released;
    private final Path dir;
    private final Map<String, Double> expected = new LinkedHashMap<>();

    SyntheticClass(Assignment assignment, Path dir) throws IOException {
        this.assignment = assignment;
        this.released = Release.of(assignment);
        this.dir = dir;
        Files.createDirectories(dir);
    }

    /** The expected total of every student written so far. */
    Map<String, Double> expected() {
        return expected;
    }

    /** The instructor's solution of a solution cell (the whole source cell, markers and all). */
    String solution(String gradeId) {
        return assignment.cell(gradeId).source();
    }

    /** A student whose solution cells hold {@code answers} (grade id to code); the others keep the stub. */
    JsonArray answered(Map<String, String> answers) {
        JsonArray cells = JsonParser.parseString(released.toJson()).getAsJsonObject().getAsJsonArray("cells");
        for (var e : cells) {
            JsonObject cell = e.getAsJsonObject();
            JsonObject meta = cell.getAsJsonObject("metadata").getAsJsonObject("nbgrader");
            if (meta != null && answers.containsKey(meta.get("grade_id").getAsString())) {
                cell.addProperty("source", answers.get(meta.get("grade_id").getAsString()));
            }
        }
        return cells;
    }

    /** Every solution answered with the instructor's, each then passed through {@code edit} by grade id. */
    JsonArray correct(Map<String, UnaryOperator<String>> edits) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (Assignment.Exercise e : assignment.exercises()) {
            for (String id : e.solutionIds()) {
                answers.put(id, edits.getOrDefault(id, UnaryOperator.identity()).apply(solution(id)));
            }
        }
        return answered(answers);
    }

    /** The index of the cell with this grade id. */
    static int indexOf(JsonArray cells, String gradeId) {
        for (int k = 0; k < cells.size(); k++) {
            JsonObject meta = cells.get(k).getAsJsonObject().getAsJsonObject("metadata").getAsJsonObject("nbgrader");
            if (meta != null && gradeId.equals(meta.get("grade_id").getAsString())) {
                return k;
            }
        }
        throw new IllegalArgumentException("no cell " + gradeId);
    }

    /** A code cell of the learner's own. */
    static JsonObject own(String code) {
        JsonObject cell = new JsonObject();
        cell.addProperty("cell_type", "code");
        cell.add("metadata", new JsonObject());
        cell.addProperty("source", code);
        cell.add("outputs", new JsonArray());
        cell.add("execution_count", null);
        return cell;
    }

    /** Writes {@code <student>.ipynb}. */
    void student(String id, JsonArray cells, double score) throws IOException {
        write(dir.resolve(id + ".ipynb"), cells);
        expected.put(id, score);
    }

    /** Writes {@code <student>/<file>}, a student's folder. */
    void studentFolder(String id, String file, JsonArray cells, double score) throws IOException {
        write(dir.resolve(id).resolve(file), cells);
        expected.put(id, score);
    }

    /** Writes a file that is not a notebook. */
    void broken(String id, String text) throws IOException {
        Files.writeString(dir.resolve(id + ".ipynb"), text, StandardCharsets.UTF_8);
        expected.put(id, 0.0);
    }

    private void write(Path file, JsonArray cells) throws IOException {
        JsonObject nb = JsonParser.parseString(released.toJson()).getAsJsonObject();
        nb.add("cells", cells);
        Files.createDirectories(file.getParent());
        Files.writeString(file, nb.toString(), StandardCharsets.UTF_8);
    }
}
