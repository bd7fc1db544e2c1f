package org.seqlab.grader;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.codec.digest.DigestUtils;
import org.seqlab.grade.Comparison;
import org.seqlab.grade.Value;
import org.seqlab.grade.Verdict;

/**
 * What every test case of an assignment expects, learned by running the instructor's own notebook (solutions and
 * hidden tests) in a course kernel: each case's name, points, visibility, expected value, tolerance, and the answers
 * of its known mistakes. The grader judges a submission's answers against these in its own process; a submission's
 * kernel is never asked what is expected.
 *
 * @param key   a digest of the source notebook and the kernel's library, naming this reference in a cache
 * @param cases per test cell (grade id), its cases in order
 */
record Reference(String key, Map<String, List<Case>> cases) {
    /**
     * One test case.
     *
     * @param exercise the name its test cell gave {@code Tests.of}
     */
    record Case(String testId, String exercise, String name, double points, boolean hidden, Value expected,
                Comparison.Tolerance tolerance, List<Verdict.Mistake> mistakes) {
        /** The case as {@code Tests.grading} names it. */
        String key() {
            return exercise + "/" + name;
        }
    }

    /** All cases in notebook order. */
    List<Case> all() {
        return cases.values().stream().flatMap(List::stream).toList();
    }

    /** The cache key for an assignment run by a kernel: the source and the library jar the kernel loads. */
    static String keyOf(Assignment a, KernelLaunch launch) {
        StringBuilder b = new StringBuilder();
        try {
            b.append(DigestUtils.sha256Hex(Files.readAllBytes(a.file())));
            for (String jar : launch.env().getOrDefault("IJAVA_CLASSPATH", "").split(java.io.File.pathSeparator)) {
                Path p = Path.of(jar);
                if (p.getFileName() != null && p.getFileName().toString().startsWith("seqlab-lib") && Files.isRegularFile(p)) {
                    b.append(DigestUtils.sha256Hex(Files.readAllBytes(p)));
                }
            }
        } catch (IOException e) {
            b.append(System.nanoTime());
        }
        return DigestUtils.sha256Hex(b.toString());
    }

    /** Builds the reference from the grading messages of a run of the source, checking the source as it goes. */
    static Reference fromRun(Assignment a, String key, Map<String, List<JsonObject>> reportsByTest) {
        Map<String, List<Case>> cases = new LinkedHashMap<>();
        for (Assignment.Exercise e : a.exercises()) {
            List<JsonObject> reports = reportsByTest.getOrDefault(e.testId(), List.of());
            if (reports.isEmpty()) {
                throw new IllegalStateException(a.name() + ": the test cell " + e.testId() + " ran no test case (Tests.of(...).check(...))");
            }
            List<Case> list = new ArrayList<>();
            double points = 0;
            for (JsonObject r : reports) {
                Case c = caseOf(e.testId(), r);
                if (list.stream().anyMatch(x -> x.name().equals(c.name()))) {
                    throw new IllegalStateException(a.name() + ": the test cell " + e.testId() + " runs the case \"" + c.name() + "\" twice");
                }
                Verdict v = Verdict.judge(c.name(), c.expected(), Value.fromJson(r.get("got").toString()), c.mistakes(), c.tolerance());
                if (!v.passed()) {
                    throw new IllegalStateException(a.name() + ": the instructor's solution fails its own test (" + e.testId() + "): "
                            + v.message());
                }
                list.add(c);
                points += c.points();
            }
            if (Math.abs(points - e.points()) > 1e-9) {
                throw new IllegalStateException(a.name() + ": the test cell " + e.testId() + " is worth " + e.points()
                        + " points in its metadata but its cases add up to " + points);
            }
            cases.put(e.testId(), List.copyOf(list));
        }
        return new Reference(key, cases);
    }

    private static Case caseOf(String testId, JsonObject r) {
        List<Verdict.Mistake> mistakes = new ArrayList<>();
        for (JsonElement m : r.getAsJsonArray("mistakes")) {
            mistakes.add(new Verdict.Mistake(m.getAsJsonObject().get("hint").getAsString(),
                    Value.fromJson(m.getAsJsonObject().get("value").toString())));
        }
        JsonObject tol = r.getAsJsonObject("tolerance");
        return new Case(testId, r.get("exercise").getAsString(), r.get("case").getAsString(), r.get("points").getAsDouble(),
                r.get("hidden").getAsBoolean(), Value.fromJson(r.get("expected").toString()),
                new Comparison.Tolerance(tol.get("rtol").getAsDouble(), tol.get("atol").getAsDouble()), List.copyOf(mistakes));
    }

    /** Writes the reference as JSON. */
    void write(Path file) throws IOException {
        JsonObject root = new JsonObject();
        root.addProperty("key", key);
        JsonObject tests = new JsonObject();
        cases.forEach((testId, list) -> {
            JsonArray array = new JsonArray();
            for (Case c : list) {
                JsonObject o = new JsonObject();
                o.addProperty("exercise", c.exercise());
                o.addProperty("case", c.name());
                o.addProperty("points", c.points());
                o.addProperty("hidden", c.hidden());
                o.add("expected", JsonParser.parseString(c.expected().toJson()));
                JsonObject tol = new JsonObject();
                tol.addProperty("rtol", c.tolerance().rtol());
                tol.addProperty("atol", c.tolerance().atol());
                o.add("tolerance", tol);
                JsonArray mistakes = new JsonArray();
                for (Verdict.Mistake m : c.mistakes()) {
                    JsonObject mo = new JsonObject();
                    mo.addProperty("hint", m.hint());
                    mo.add("value", JsonParser.parseString(m.value().toJson()));
                    mistakes.add(mo);
                }
                o.add("mistakes", mistakes);
                array.add(o);
            }
            tests.add(testId, array);
        });
        root.add("tests", tests);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, new GsonBuilder().disableHtmlEscaping().create().toJson(root), StandardCharsets.UTF_8);
    }

    /** Reads a reference written by {@link #write}, or null when the file is missing, unreadable or for another key. */
    static Reference read(Path file, String key) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonObject root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
            if (key != null && !key.equals(root.get("key").getAsString())) {
                return null;
            }
            Map<String, List<Case>> cases = new LinkedHashMap<>();
            for (var test : root.getAsJsonObject("tests").entrySet()) {
                List<Case> list = new ArrayList<>();
                for (JsonElement e : test.getValue().getAsJsonArray()) {
                    list.add(caseOf(test.getKey(), e.getAsJsonObject()));
                }
                cases.put(test.getKey(), List.copyOf(list));
            }
            return new Reference(root.get("key").getAsString(), cases);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
