package org.seqlab.grader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code grade SUBMISSIONS --assignment NAME}: autogrades a class. */
@Command(name = "grade", description = "Autograde every submission in a folder: results.json and feedback.html per student, "
        + "grades.csv (nbgrader's columns) and scores.csv for the class.")
final class GradeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SUBMISSIONS", description = "a folder of <student_id>.ipynb files or <student_id>/ folders")
    Path submissions;

    @Option(names = "--assignment", required = true, paramLabel = "NAME", description = "the assignment, e.g. 03-vanilla-rnn")
    String assignment;

    @Option(names = "--source", paramLabel = "DIR", defaultValue = Main.ROOT + "/exercises/source", description = "the instructor sources")
    Path source;

    @Option(names = "--out", paramLabel = "DIR", description = "where the grades go (default target/grades/NAME)")
    Path out;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "1", description = "submissions graded at once, one kernel each (default 1)")
    int jobs;

    @Option(names = "--roster", paramLabel = "FILE", description = "students as nbgrader imports them: id,first_name,last_name,email")
    Path roster;

    @Option(names = "--duedate", paramLabel = "TEXT", defaultValue = "", description = "the due date for grades.csv")
    String duedate;

    @Option(names = "--reference", paramLabel = "FILE", description = "where the expected values are cached (default OUT/reference.json)")
    Path reference;

    @Mixin
    Main.KernelOptions kernel;

    @Override
    public Integer call() throws Exception {
        if (jobs < 1) {
            throw new IllegalArgumentException("--jobs must be 1 or more");
        }
        Assignment a = Assignment.load(ReleaseCommand.sources(source, List.of(assignment)).get(0));
        Path dir = out != null ? out : Path.of(System.getenv().getOrDefault("SEQLAB_ROOT", "."), "target", "grades", a.name());
        Files.createDirectories(dir);
        Path scratch = Files.createTempDirectory("seqlab-grader-");
        try {
            return grade(a, dir, scratch);
        } finally {
            Autograder.deleteTree(scratch);
        }
    }

    private int grade(Assignment a, Path dir, Path scratch) throws Exception {
        Autograder grader = new Autograder(a, kernel.launch(), kernel.limits(), scratch);
        long t0 = System.nanoTime();
        Reference ref = grader.reference(reference != null ? reference : dir.resolve("reference.json"));
        System.out.printf("[grader] %s: %d test cases, %s points (reference ready in %.0f s)%n", a.name(), ref.all().size(),
                Csv.number(a.maxScore()), (System.nanoTime() - t0) / 1e9);
        List<Submissions.Found> found = Submissions.in(submissions, a);
        List<StudentResult> results = Collections.synchronizedList(new ArrayList<>());
        Map<String, String> faults = Collections.synchronizedMap(new LinkedHashMap<>());
        long c0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        List<Future<?>> futures = new ArrayList<>();
        for (Submissions.Found f : found) {
            futures.add(pool.submit(() -> {
                try {
                    StudentResult r = gradeOne(grader, f, ref);
                    write(dir, r);
                    results.add(r);
                    System.out.printf("[grader] %-16s %5s / %s  %s  (%.0f s)%n", r.studentId(), Csv.number(r.total()),
                            Csv.number(r.max()), r.status(), r.millis() / 1e3);
                } catch (Exception e) {
                    faults.put(f.studentId(), e.getMessage() == null ? e.toString() : e.getMessage());
                    System.out.printf("[grader] %-16s could not be graded: %s%n", f.studentId(), e.getMessage());
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - c0) / 1e9;
        Map<String, Csv.Student> students = roster == null ? Map.of() : Csv.roster(roster);
        Csv.grades(dir.resolve("grades.csv"), a.name(), duedate, results, students, a.maxScore());
        Csv.scores(dir.resolve("scores.csv"), new ArrayList<>(ref.cases().keySet()), results, students, a.maxScore());
        long start = 0, replay = 0, run = 0;
        for (StudentResult r : results) {
            start += r.timing().start();
            replay += r.timing().replay();
            run += r.timing().run();
        }
        int n = Math.max(1, results.size());
        System.out.printf("[grader] %d submissions in %.0f s with --jobs %d: %.1f s per submission; per submission, kernel "
                        + "start %.1f s, replay after restarts %.1f s, cells and tests %.1f s%n", results.size(), seconds, jobs,
                seconds / n, start / 1e3 / n, replay / 1e3 / n, run / 1e3 / n);
        System.out.println("[grader] wrote " + dir.resolve("grades.csv") + ", " + dir.resolve("scores.csv")
                + " and <student>/results.json, feedback.html");
        if (!faults.isEmpty()) {
            System.err.println("[grader] error: the grader failed on " + faults.size() + " submission(s): " + faults);
            return 1;
        }
        return 0;
    }

    /** Grades one submission; only a fault of the grader (a kernel that cannot start) throws. */
    static StudentResult gradeOne(Autograder grader, Submissions.Found f, Reference ref) throws IOException {
        String timestamp = Autograder.timestamp(f.folder());
        if (f.file() == null) {
            return grader.unreadable(f.studentId(), "the folder holds no notebook (.ipynb)", f.notes(), ref, timestamp);
        }
        Notebook nb;
        try {
            nb = Notebook.read(f.file());
        } catch (Notebook.Unreadable e) {
            return grader.unreadable(f.studentId(), e.getMessage(), f.notes(), ref, timestamp);
        }
        return grader.grade(f.studentId(), nb, f.notes(), ref, timestamp);
    }

    /** Writes a student's {@code results.json} and {@code feedback.html}. */
    static void write(Path dir, StudentResult r) throws IOException {
        Path student = dir.resolve(r.studentId());
        Files.createDirectories(student);
        Files.writeString(student.resolve("results.json"), GradescopeResults.toJson(r), StandardCharsets.UTF_8);
        Files.writeString(student.resolve("feedback.html"), Feedback.html(r), StandardCharsets.UTF_8);
    }
}
