package org.seqlab.grader;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code autograde}: grades the one submission of a Gradescope run ({@code /autograder/submission}) into
 * {@code results.json}, with the same code as {@code grade}; {@code --prepare} only learns the reference.
 */
@Command(name = "autograde", description = "Grade one submission folder into a Gradescope results.json (what run_autograder calls).")
final class AutogradeCommand implements Callable<Integer> {
    @Option(names = "--source", required = true, paramLabel = "FILE", description = "the instructor's notebook")
    Path source;

    @Option(names = "--submission", paramLabel = "DIR", description = "the folder holding the submitted notebook")
    Path submission;

    @Option(names = "--results", paramLabel = "FILE", description = "where results.json goes")
    Path results;

    @Option(names = "--reference", paramLabel = "FILE", description = "the cached expected values (made when missing or stale)")
    Path reference;

    @Option(names = "--prepare", description = "only learn the expected values into --reference")
    boolean prepare;

    @Mixin
    Main.KernelOptions kernel;

    @Override
    public Integer call() throws Exception {
        Assignment a = Assignment.load(source);
        Path scratch = Files.createTempDirectory("seqlab-autograde-");
        try {
            Autograder grader = new Autograder(a, kernel.launch(), kernel.limits(), scratch);
            Reference ref = grader.reference(reference);
            if (prepare) {
                System.out.println("[grader] " + a.name() + ": " + ref.all().size() + " test cases learned into " + reference);
                return 0;
            }
            if (submission == null || results == null) {
                throw new IllegalArgumentException("autograde needs --submission and --results (or --prepare)");
            }
            StudentResult r = GradeCommand.gradeOne(grader, Submissions.inFolder("submission", submission, a), ref);
            Path dir = results.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Files.writeString(results, GradescopeResults.toJson(r), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("feedback.html"), Feedback.html(r), StandardCharsets.UTF_8);
            System.out.println("[grader] " + GradescopeResults.summary(r).replace("\n", "\n[grader] "));
            return 0;
        } finally {
            Autograder.deleteTree(scratch);
        }
    }
}
