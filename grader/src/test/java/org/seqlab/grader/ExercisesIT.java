package org.seqlab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every assignment, through a real course kernel as a learner's {@code validate} runs it: the student version answered
 * with the instructor's solutions passes every public case of every exercise, and the released student version runs to the end with each exercise
 * reported unanswered (its stubs compile, its test cells run). A reference that cannot pass, or a library check
 * that kills the kernel (ND4J's unchecked {@code assign} once did, in lesson 03's backward-step cases), fails here
 * rather than in a class's grading.
 */
class ExercisesIT {
    @BeforeAll
    static void installKernel() throws Exception {
        GradeClassIT.installKernel();
    }

    @TestFactory
    Stream<DynamicTest> theSolutionsPassAndTheStudentVersionsRun() throws IOException {
        Path sources = GradeClassIT.ROOT.resolve("exercises/source");
        Path released = GradeClassIT.ROOT.resolve("notebooks/exercises");
        try (Stream<Path> files = Files.list(sources)) {
            return files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList().stream().flatMap(source -> {
                Path student = released.resolve(source.getFileName());
                return Stream.of(
                        DynamicTest.dynamicTest(source.getFileName() + " (solutions)", () -> {
                            Assignment a = Assignment.ofReleased(student);
                            Map.Entry<Integer, String> run = validate(answered(student, source));
                            for (Assignment.Exercise e : a.exercises()) {
                                assertTrue(run.getValue().contains(e.testId() + ": All tests passed"), e.testId() + ":\n" + run.getValue());
                            }
                            assertEquals(0, run.getKey(), run.getValue());
                        }),
                        DynamicTest.dynamicTest(source.getFileName() + " (student version)", () -> {
                            Assignment a = Assignment.ofReleased(student);
                            Map.Entry<Integer, String> run = validate(student);
                            for (Assignment.Exercise e : a.exercises()) {
                                assertTrue(run.getValue().contains(e.testId() + ": \n  not answered yet"), e.testId() + ":\n" + run.getValue());
                            }
                            assertFalse(run.getValue().contains(" failed: "), run.getValue());
                            assertFalse(run.getValue().contains("The test cell stopped"), run.getValue());
                            assertFalse(run.getValue().contains("Changed or deleted cells"), run.getValue());
                        }));
            });
        }
    }

    /** The student version with every solution cell answered as the instructor's source does: a learner's full marks. */
    private static Path answered(Path student, Path source) throws IOException {
        Map<String, JsonElement> solutions = new HashMap<>();
        for (JsonElement c : cells(source)) {
            JsonObject nbgrader = c.getAsJsonObject().getAsJsonObject("metadata").getAsJsonObject("nbgrader");
            if (nbgrader != null && nbgrader.get("solution").getAsBoolean()) {
                solutions.put(nbgrader.get("grade_id").getAsString(), c.getAsJsonObject().get("source"));
            }
        }
        JsonObject nb = JsonParser.parseString(Files.readString(student)).getAsJsonObject();
        for (JsonElement c : nb.getAsJsonArray("cells")) {
            JsonObject nbgrader = c.getAsJsonObject().getAsJsonObject("metadata").getAsJsonObject("nbgrader");
            if (nbgrader != null && solutions.containsKey(nbgrader.get("grade_id").getAsString())) {
                c.getAsJsonObject().add("source", solutions.get(nbgrader.get("grade_id").getAsString()));
            }
        }
        Path dir = Files.createDirectories(Path.of("target", "exercises-it"));
        Path out = dir.resolve(student.getFileName());
        Files.writeString(out, nb.toString());
        return out;
    }

    private static JsonArray cells(Path notebook) throws IOException {
        return JsonParser.parseString(Files.readString(notebook)).getAsJsonObject().getAsJsonArray("cells");
    }

    private static Map.Entry<Integer, String> validate(Path notebook) {
        return GradeClassIT.grader("validate", notebook.toString(), "--released",
                GradeClassIT.ROOT.resolve("notebooks/exercises").toString(), "--kernel", GradeClassIT.kernelDir.toString(),
                "--cell-timeout", GradeClassIT.CELL_TIMEOUT, "--timeout", "3600");
    }
}
