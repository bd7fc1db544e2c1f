package org.seqlab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code grade} on a synthetic class of lesson 01's exercises, through real course kernels: correct, partly
 * correct, known mistakes, every way of breaking a kernel, tampered notebooks, broken files. Every student gets
 * the score worked out by hand, every file the grader writes is checked, and the Gradescope autograder's
 * {@code run_autograder} grades a submission in a temporary tree.
 */
class GradeClassIT {
    static final Path ROOT = Fixtures.root();
    static final Path WORK = Path.of("target", "grade-class-it").toAbsolutePath();
    static Path kernelDir;
    /**
     * The cell limit: far above what a correct cell takes even on a machine shared by many builds (a kernel's
     * first ND4J cell can take a minute there), so only the runaway cells reach it.
     */
    static final String CELL_TIMEOUT = "150";
    /** Submissions graded at once: 2, one per core of the course's reference machine (-Dseqlab.grader.it.jobs). */
    static final String JOBS = System.getProperty("seqlab.grader.it.jobs", "2");

    /** Installs the course kernel into the module's target folder, once. */
    @BeforeAll
    static void installKernel() throws Exception {
        Path dist = Path.of(System.getProperty("seqlab.kernel.dist", "../kernel/target/dist")).toAbsolutePath();
        Path prefix = Path.of(System.getProperty("seqlab.grader.jupyter", "target/jupyter")).toAbsolutePath();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                dist.resolve("lib") + "/*", "org.seqlab.kernel.Installer", "install", "--prefix", prefix.toString(), "--replace")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
        kernelDir = prefix.resolve("share/jupyter/kernels/seqlab");
    }

    /** Runs the grader's command line in this JVM; returns its exit status and what it printed. */
    static Map.Entry<Integer, String> grader(String... args) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int status;
        try (PrintStream tee = new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                captured.write(b);
                stdout.write(b);
            }
        }, true, StandardCharsets.UTF_8)) {
            System.setOut(tee);
            status = Main.run(args);
        } finally {
            System.setOut(stdout);
        }
        return Map.entry(status, captured.toString(StandardCharsets.UTF_8));
    }

    static Map<String, Map<String, String>> csv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(",");
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = new ArrayList<>();
            for (var r : org.apache.commons.csv.CSVFormat.RFC4180.parse(new java.io.StringReader(line))) {
                r.forEach(cells::add);
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int k = 0; k < header.length; k++) {
                row.put(header[k], cells.get(k));
            }
            rows.put(row.get("student_id"), row);
        }
        return rows;
    }

    /**
     * Inserts statements at the top of the masked mean, each run only in one hidden case worth 1 point:
     * {@code batchOfOne} in "batch of one" (B = 1), {@code batchOfFour} in "float32 in, float32 out" (B = 4).
     */
    static UnaryOperator<String> inHiddenCases(String batchOfOne, String batchOfFour) {
        return s -> s.replace("// BEGIN SOLUTION\n", "// BEGIN SOLUTION\n    if (x.size(1) == 1) { " + batchOfOne + " }\n"
                + "    if (x.size(1) == 4) { " + batchOfFour + " }\n");
    }

    /**
     * The class: every way the issue lists of getting it right, partly right, wrong, of breaking a kernel and of
     * tampering with the notebook. Kernel-breaking code sits in single hidden cases, so each costs 1 point.
     */
    static SyntheticClass sequentialDataClass(Assignment a, Path dir) throws IOException {
        SyntheticClass c = new SyntheticClass(a, dir);
        c.student("correct", c.correct(Map.of()), 12);
        c.student("partly", c.answered(Map.of("pad_batch", c.solution("pad_batch"), "mask_of", c.solution("mask_of"))), 8);
        c.student("mistakes", c.correct(Map.of(
                "pad_batch", s -> s.replace("    return x;\n", "    return x.permute(1, 0, 2);\n"),
                "masked_mean", s -> s.replace("return sum.diviColumnVector(m.sum(0).reshape(m.size(1), 1))", "return sum.divi(x.size(0))"))), 4);
        c.student("loop-and-exit", c.correct(Map.of("masked_mean", inHiddenCases("System.exit(1);", "while (true) { }"))), 10);
        JsonArray crasher = c.correct(Map.of("masked_mean", inHiddenCases("Runtime.getRuntime().halt(1);",
                "long[] big = new long[1 << 30]; big[7] = 1;")));
        crasher.set(SyntheticClass.indexOf(crasher, "setup") + 1,
                SyntheticClass.own("Thread spinner = new Thread(() -> { while (true) { } });\nspinner.start();"));
        c.student("halt-memory-spinner", crasher, 10);
        c.student("flood-and-sleep", c.correct(Map.of("masked_mean", inHiddenCases(
                "for (int i = 0; i < 1_000_000; i++) System.out.println(\"line \" + i);",
                "try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) { }"))), 10);
        JsonArray tampered = c.correct(Map.of());
        tampered.get(SyntheticClass.indexOf(tampered, "mask_of_tests")).getAsJsonObject()
                .addProperty("source", "System.out.println(\"All tests passed\");");
        tampered.remove(SyntheticClass.indexOf(tampered, "masked_mean_tests"));
        c.student("tampered", tampered, 12);
        JsonArray duplicated = c.correct(Map.of());
        JsonObject copy = duplicated.get(SyntheticClass.indexOf(duplicated, "pad_batch")).getAsJsonObject().deepCopy();
        copy.addProperty("source", "INDArray padBatch(List<double[][]> sequences, int D) {\n    return null;\n}");
        duplicated.add(copy);
        duplicated.add(duplicated.get(SyntheticClass.indexOf(duplicated, "masked_mean_tests")).getAsJsonObject().deepCopy());
        c.studentFolder("renamed-duplicated", "my solutions (copy).ipynb", duplicated, 12);
        JsonArray fake = c.answered(Map.of("pad_batch", "INDArray padBatch(List<double[][]> sequences, int D) {\n    return null;\n}"));
        fake.add(SyntheticClass.own("class Tests {\n"
                + "    static Tests of(String exercise) { return new Tests(); }\n"
                + "    Tests check(String name, double points, java.util.concurrent.Callable<?> got, Expect e) { return this; }\n"
                + "    Tests hidden(String name, double points, java.util.concurrent.Callable<?> got, Expect e) { return this; }\n"
                + "    void report() { System.out.println(\"All tests passed\"); }\n"
                + "}\nSystem.out.println(\"All tests passed\");"));
        c.student("fake-success", fake, 0);
        c.broken("malformed", "{\"cells\": [{\"cell_type\": \"code\", \"source\": ");
        c.broken("empty", "");
        c.student("unanswered", c.answered(Map.of()), 0);
        return c;
    }

    @Test
    void theSequentialDataClassGetsTheScoresWorkedOutByHandAndEveryFileIsWritten() throws Exception {
        Assignment a = Assignment.load(ROOT.resolve("exercises/source/01-sequential-data.ipynb"));
        Path submissions = WORK.resolve("submissions-01");
        Path out = WORK.resolve("grades-01");
        Autograder.deleteTree(submissions);
        Autograder.deleteTree(out);
        SyntheticClass c = sequentialDataClass(a, submissions);
        var run = grader("grade", submissions.toString(), "--assignment", a.name(), "--source", ROOT.resolve("exercises/source").toString(),
                "--out", out.toString(), "--kernel", kernelDir.toString(), "--jobs", JOBS, "--cell-timeout", CELL_TIMEOUT, "--timeout", "3600");
        assertEquals(0, run.getKey(), run.getValue());

        Map<String, Map<String, String>> grades = csv(out.resolve("grades.csv"));
        assertEquals(List.of("assignment", "duedate", "timestamp", "student_id", "last_name", "first_name", "email", "raw_score",
                "late_submission_penalty", "score", "max_score"), List.of(Files.readAllLines(out.resolve("grades.csv")).get(0).split(",")));
        Map<String, Double> got = new LinkedHashMap<>();
        grades.forEach((id, row) -> got.put(id, Double.parseDouble(row.get("score"))));
        assertEquals(new java.util.TreeMap<>(c.expected()), new java.util.TreeMap<>(got), run.getValue());
        grades.values().forEach(row -> assertEquals("12.0", row.get("max_score")));

        Map<String, Map<String, String>> scores = csv(out.resolve("scores.csv"));
        assertEquals(c.expected().keySet(), scores.keySet());
        assertTrue(scores.get("malformed").get("grading_status").startsWith("not graded: malformed.ipynb is not valid JSON"));
        assertTrue(scores.get("empty").get("grading_status").startsWith("not graded: empty.ipynb is empty"));
        assertEquals("4.0", scores.get("partly").get("mask_of_tests"));
        assertEquals("0.0", scores.get("partly").get("masked_mean_tests"));
        assertTrue(scores.get("loop-and-exit").get("grading_status").contains("restarted"), scores.get("loop-and-exit").toString());
        assertEquals("graded (nothing answered, nothing run)", scores.get("unanswered").get("grading_status"));

        for (String student : c.expected().keySet()) {
            JsonObject results = JsonParser.parseString(Files.readString(out.resolve(student).resolve("results.json"))).getAsJsonObject();
            assertEquals(Set.of("score", "execution_time", "output", "visibility", "stdout_visibility", "tests"), results.keySet());
            double sum = 0;
            int hidden = 0;
            for (var t : results.getAsJsonArray("tests")) {
                JsonObject test = t.getAsJsonObject();
                assertEquals(Set.of("name", "number", "score", "max_score", "status", "output", "visibility", "tags"), test.keySet());
                assertTrue(Set.of("passed", "failed").contains(test.get("status").getAsString()));
                assertEquals(test.get("status").getAsString().equals("passed") ? test.get("max_score").getAsDouble() : 0.0,
                        test.get("score").getAsDouble());
                sum += test.get("score").getAsDouble();
                hidden += test.get("visibility").getAsString().equals("after_published") ? 1 : 0;
            }
            assertEquals(c.expected().get(student), results.get("score").getAsDouble(), student);
            assertEquals(results.get("score").getAsDouble(), sum, 1e-9, student);
            assertEquals(6, hidden, student + ": the hidden cases are shown once grades are published");
            String feedback = Files.readString(out.resolve(student).resolve("feedback.html"));
            assertFalse(feedback.contains("MaskChecks.masked(7"), student + "'s feedback shows hidden test code");
            assertTrue(feedback.contains("an empty sequence in the batch"), student + "'s feedback names the hidden cases");
        }
        assertTrue(caseOutput(out, "mistakes", "1.1").contains("Hint: the axes are [B, T, D]"), caseOutput(out, "mistakes", "1.1"));
        assertTrue(caseOutput(out, "mistakes", "3.1").contains("Hint: the padding was averaged in"));
        assertTrue(caseOutput(out, "loop-and-exit", "3.3").contains("time limit of " + CELL_TIMEOUT + " s"), caseOutput(out, "loop-and-exit", "3.3"));
        assertTrue(caseOutput(out, "flood-and-sleep", "3.2").contains("output passed its limit"), caseOutput(out, "flood-and-sleep", "3.2"));
        assertTrue(caseOutput(out, "flood-and-sleep", "3.3").contains("time limit of " + CELL_TIMEOUT + " s"));
        assertTrue(summary(out, "tampered").contains("the test cell mask_of_tests was changed; the original was used"));
        assertTrue(summary(out, "tampered").contains("the test cell masked_mean_tests was deleted; the original was put back"));
        assertTrue(summary(out, "renamed-duplicated").contains("matched by its grade ids"));
        assertTrue(summary(out, "renamed-duplicated").contains("the solution cell pad_batch appears 2 times"));
        assertTrue(summary(out, "renamed-duplicated").contains("the test cell masked_mean_tests appears 2 times"));
        assertTrue(summary(out, "malformed").contains("not valid JSON"));
        JsonObject malformed = JsonParser.parseString(Files.readString(out.resolve("malformed/results.json"))).getAsJsonObject();
        JsonObject first = malformed.getAsJsonArray("tests").get(0).getAsJsonObject();
        assertEquals("failed", first.get("status").getAsString());
        assertEquals("visible", first.get("visibility").getAsString());

        gradescopeRunAutograderGradesOneSubmission(a, out.resolve("reference.json"), submissions.resolve("mistakes.ipynb"));
    }

    @Test
    void theHiddenStateClassIsGradedAndReGradingGivesTheSameScores() throws Exception {
        Assignment a = Assignment.load(ROOT.resolve("exercises/source/02-hidden-state.ipynb"));
        Path submissions = WORK.resolve("submissions-02");
        Autograder.deleteTree(submissions);
        SyntheticClass c = new SyntheticClass(a, submissions);
        c.student("correct", c.correct(Map.of()), 8);
        c.student("partly", c.answered(Map.of("longest_run", c.solution("longest_run"))), 4);
        c.student("trace-from-h0", c.correct(Map.of("trace", s -> s.replace("double[][] states = new double[xs.length][];",
                "double[][] states = new double[xs.length + 1][];\n    states[0] = h0.clone();").replace("states[t] = h;", "states[t + 1] = h;"))), 4);
        c.broken("malformed", "{\"cells\": 3}");
        c.broken("empty", "");
        c.student("unanswered", c.answered(Map.of()), 0);
        Map<String, String> first = null;
        for (String out : List.of("grades-02", "grades-02-again")) {
            Path dir = WORK.resolve(out);
            Autograder.deleteTree(dir);
            var run = grader("grade", submissions.toString(), "--assignment", a.name(), "--source",
                    ROOT.resolve("exercises/source").toString(), "--out", dir.toString(), "--kernel", kernelDir.toString(),
                    "--jobs", JOBS, "--cell-timeout", CELL_TIMEOUT, "--timeout", "3600", "--reference",
                    WORK.resolve("reference-02.json").toString());
            assertEquals(0, run.getKey(), run.getValue());
            Map<String, Double> got = new LinkedHashMap<>();
            csv(dir.resolve("grades.csv")).forEach((id, row) -> got.put(id, Double.parseDouble(row.get("score"))));
            assertEquals(new java.util.TreeMap<>(c.expected()), new java.util.TreeMap<>(got), run.getValue());
            // The scores and every case's verdict; not the run's circumstances (time taken, a kernel a busy machine
            // made the grader restart), which the status and the notes report.
            Map<String, String> files = new LinkedHashMap<>();
            files.put("grades.csv", Files.readString(dir.resolve("grades.csv")));
            csv(dir.resolve("scores.csv")).forEach((id, row) -> {
                row.remove("grading_status");
                files.put("scores.csv " + id, row.toString());
            });
            for (String student : c.expected().keySet()) {
                JsonObject results = JsonParser.parseString(Files.readString(dir.resolve(student).resolve("results.json"))).getAsJsonObject();
                StringBuilder verdicts = new StringBuilder(results.get("score").toString());
                for (var t : results.getAsJsonArray("tests")) {
                    JsonObject test = t.getAsJsonObject();
                    verdicts.append(" | ").append(test.get("number")).append(test.get("status")).append(test.get("score"));
                    if (test.get("status").getAsString().equals("failed") && test.get("output").getAsString().contains("Hint:")) {
                        verdicts.append(test.get("output"));
                    }
                }
                files.put(student, verdicts.toString());
            }
            if (first == null) {
                first = files;
            } else {
                assertEquals(first, files, "re-grading gave other results");
            }
        }
        assertTrue(caseOutput(WORK.resolve("grades-02"), "trace-from-h0", "2.1").contains("Hint: the trace holds h_1 .. h_T"));
        assertTrue(summary(WORK.resolve("grades-02"), "malformed").contains("not a notebook"));
    }

    /** The zip's run_autograder, run in a temporary tree laid out as Gradescope lays out /autograder. */
    void gradescopeRunAutograderGradesOneSubmission(Assignment a, Path reference, Path submission) throws Exception {
        Path zipDir = WORK.resolve("gradescope");
        var made = grader("gradescope", a.name(), "--source", ROOT.resolve("exercises/source").toString(), "--root", ROOT.toString(),
                "--out", zipDir.toString());
        assertEquals(0, made.getKey(), made.getValue());
        Path tree = WORK.resolve("autograder");
        Autograder.deleteTree(tree);
        Path source = Files.createDirectories(tree.resolve("source"));
        try (var zip = new org.apache.commons.compress.archivers.zip.ZipFile.Builder().setFile(zipDir.resolve(a.name() + ".zip").toFile()).get()) {
            var setup = zip.getEntry("setup.sh");
            var run = zip.getEntry("run_autograder");
            assertEquals(0755, setup.getUnixMode() & 0777);
            assertEquals(0755, run.getUnixMode() & 0777);
            assertTrue(zip.getEntry("seqlab/grader/pom.xml") != null && zip.getEntry(a.name() + ".ipynb") != null);
            try (var in = zip.getInputStream(run)) {
                Files.write(source.resolve("run_autograder"), in.readAllBytes());
            }
            try (var in = zip.getInputStream(zip.getEntry(a.name() + ".ipynb"))) {
                Files.write(source.resolve(a.name() + ".ipynb"), in.readAllBytes());
            }
        }
        Files.copy(reference, source.resolve("reference.json"));
        Files.createDirectories(tree.resolve("submission"));
        Files.copy(submission, tree.resolve("submission").resolve(a.name() + ".ipynb"));
        ProcessBuilder pb = new ProcessBuilder("bash", source.resolve("run_autograder").toString()).redirectErrorStream(true);
        pb.environment().put("AUTOGRADER_ROOT", tree.toString());
        pb.environment().put("SEQLAB_HOME", ROOT.toString());
        pb.environment().put("SEQLAB_KERNEL", kernelDir.toString());
        pb.environment().put("SEQLAB_CELL_TIMEOUT", CELL_TIMEOUT);
        pb.environment().put("SEQLAB_TIMEOUT", "3600");
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), log);
        JsonObject results = JsonParser.parseString(Files.readString(tree.resolve("results/results.json"))).getAsJsonObject();
        assertEquals(4.0, results.get("score").getAsDouble(), log);
        assertEquals(11, results.getAsJsonArray("tests").size());
        assertTrue(Files.isRegularFile(tree.resolve("results/feedback.html")));
    }

    static String caseOutput(Path out, String student, String number) throws IOException {
        JsonObject results = JsonParser.parseString(Files.readString(out.resolve(student).resolve("results.json"))).getAsJsonObject();
        for (var t : results.getAsJsonArray("tests")) {
            if (t.getAsJsonObject().get("number").getAsString().equals(number)) {
                return t.getAsJsonObject().get("output").getAsString();
            }
        }
        throw new AssertionError(student + " has no test " + number);
    }

    static String summary(Path out, String student) throws IOException {
        return JsonParser.parseString(Files.readString(out.resolve(student).resolve("results.json"))).getAsJsonObject()
                .get("output").getAsString();
    }
}
