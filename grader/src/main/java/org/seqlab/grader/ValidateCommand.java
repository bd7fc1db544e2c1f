package org.seqlab.grader;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.seqlab.grade.Comparison;
import org.seqlab.grade.Value;
import org.seqlab.grade.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code validate FILE.ipynb}: what a learner runs before submitting. The notebook runs in a fresh course kernel,
 * rebuilt on its released version (read-only and test cells restored), and each exercise's public-test verdicts
 * are printed, with every read-only or test cell that was changed or deleted.
 */
@Command(name = "validate", description = "Run a notebook in a fresh kernel and print each exercise's public-test verdicts "
        + "and any read-only cell that was changed or deleted.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the notebook to check")
    Path file;

    @Option(names = "--released", paramLabel = "DIR", defaultValue = Main.ROOT + "/notebooks/exercises",
            description = "the released student versions (default notebooks/exercises)")
    Path released;

    @Mixin
    Main.KernelOptions kernel;

    @Override
    public Integer call() throws Exception {
        Notebook nb;
        try {
            nb = Notebook.read(file);
        } catch (Notebook.Unreadable e) {
            System.out.println("This notebook cannot be graded: " + e.getMessage() + ".");
            return 1;
        }
        Path base = releasedFor(file, nb);
        Assignment a = Assignment.ofReleased(base);
        Rebuild rebuilt = Rebuild.of(a, a.source(), nb, false);
        System.out.println("Validating " + file + " (assignment " + a.name() + ")");
        Path scratch = Files.createTempDirectory("seqlab-validate-");
        Runner.Outcome outcome;
        try (Session session = new Session(kernel.launch(), kernel.limits(), Files.createDirectories(scratch.resolve("work")), scratch)) {
            outcome = Runner.run(session, rebuilt.plan(), "reference", null, false);
        } finally {
            Autograder.deleteTree(scratch);
        }
        boolean allPassed = true;
        for (Assignment.Exercise e : a.exercises()) {
            Runner.TestOutcome t = outcome.tests().get(e.testId());
            List<String> failures = new ArrayList<>();
            if (rebuilt.unanswered().containsAll(e.solutionIds())) {
                failures.add("not answered yet");
            } else if (t != null) {
                for (JsonObject r : t.reports()) {
                    List<Verdict.Mistake> mistakes = new ArrayList<>();
                    r.getAsJsonArray("mistakes").forEach(m -> mistakes.add(new Verdict.Mistake(
                            m.getAsJsonObject().get("hint").getAsString(), Value.fromJson(m.getAsJsonObject().get("value").toString()))));
                    JsonObject tol = r.getAsJsonObject("tolerance");
                    Verdict v = Verdict.judge(r.get("case").getAsString(), Value.fromJson(r.get("expected").toString()),
                            Value.fromJson(r.get("got").toString()), mistakes,
                            new Comparison.Tolerance(tol.get("rtol").getAsDouble(), tol.get("atol").getAsDouble()));
                    if (!v.passed()) {
                        failures.add(v.message());
                    }
                }
                if (t.result() != null && !t.result().ok()) {
                    failures.add("The test cell stopped: " + t.result().reason());
                } else if (t.reports().isEmpty()) {
                    failures.add("The test cell ran no test case.");
                }
            }
            for (String id : e.solutionIds()) {
                CellResult r = outcome.states().get(id);
                if (r != null && !r.ok()) {
                    failures.add("The solution cell " + id + " failed: " + r.reason());
                }
            }
            allPassed &= failures.isEmpty();
            System.out.println(e.testId() + ": " + (failures.isEmpty() ? "All tests passed" : ""));
            failures.forEach(f -> System.out.println("  " + f.replace("\n", "\n  ")));
        }
        if (!rebuilt.notes().isEmpty()) {
            System.out.println("Changed or deleted cells:");
            rebuilt.notes().forEach(n -> System.out.println("  " + n));
        }
        return allPassed && rebuilt.notes().isEmpty() ? 0 : 1;
    }

    /** The released notebook of the same name, else the one sharing most grade ids with {@code nb}. */
    private Path releasedFor(Path file, Notebook nb) throws Exception {
        Path same = released.resolve(file.getFileName());
        if (Files.isRegularFile(same)) {
            return same;
        }
        Set<String> ids = new HashSet<>();
        nb.cells().forEach(c -> {
            if (Nbgrader.meta(c) != null && Nbgrader.gradeId(c) != null) {
                ids.add(Nbgrader.gradeId(c));
            }
        });
        try (Stream<Path> list = Files.list(released)) {
            return list.filter(p -> p.toString().endsWith(".ipynb"))
                    .max(Comparator.comparingInt(p -> shared(p, ids)))
                    .filter(p -> shared(p, ids) > 0)
                    .orElseThrow(() -> new IllegalArgumentException("no released notebook in " + released + " shares a grade id with " + file));
        }
    }

    private static int shared(Path p, Set<String> ids) {
        try {
            return (int) Assignment.ofReleased(p).gradeIds().stream().filter(ids::contains).count();
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
