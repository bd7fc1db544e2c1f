package org.seqlab.grader;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The grader's command line, behind {@code ./course exercises …} and {@code ./course grade}.
 *
 * <pre>
 *   release [ASSIGNMENT…]                   student versions into notebooks/exercises/
 *   validate FILE.ipynb                     a learner's check before submitting
 *   grade SUBMISSIONS --assignment NAME     autograde a class
 *   gradescope NAME                         a Gradescope autograder zip
 *   autograde --source … --submission …     what the zip's run_autograder calls
 * </pre>
 *
 * Exit status: 0 when the work was done (whatever the scores), 1 when the grader itself failed (the reason is
 * printed), 2 for a wrong command line.
 */
@Command(name = "grader", mixinStandardHelpOptions = true, version = "seqlab grader 0.1",
        description = "Seqlab's graded exercises: release, validate, grade, Gradescope.",
        subcommands = {ReleaseCommand.class, ValidateCommand.class, GradeCommand.class, GradescopeCommand.class,
                AutogradeCommand.class})
public final class Main implements Callable<Integer> {
    /**
     * The repository the default folders are in: {@code $SEQLAB_ROOT} ({@code ./course} sets it, so the paths a
     * user types stay relative to where they typed them), else the working folder.
     */
    static final String ROOT = "${env:SEQLAB_ROOT:-.}";

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 2;
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line; returns the exit status. */
    static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println("[grader] error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (System.getenv("SEQLAB_GRADER_DEBUG") != null) {
                e.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        return cl.execute(args);
    }

    /** The options every command that runs kernels takes. */
    static final class KernelOptions {
        @Option(names = "--kernel", paramLabel = "DIR", description = "the course kernel's kernelspec folder "
                + "(default: the 'seqlab' kernelspec Jupyter finds)")
        Path kernel;

        @Option(names = "--cell-timeout", paramLabel = "SECONDS", defaultValue = "30", description = "wall time of one cell (default 30)")
        int cellTimeout;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
                description = "wall time of a whole notebook, restarts included (default 600)")
        int timeout;

        @Option(names = "--memory", paramLabel = "SIZE", defaultValue = "2g",
                description = "memory of a kernel process; its heap gets half (default 2g)")
        String memory;

        @Option(names = "--output-limit", paramLabel = "SIZE", defaultValue = "1m", description = "output of one cell (default 1m)")
        String outputLimit;

        @Option(names = "--start-timeout", paramLabel = "SECONDS", defaultValue = "180",
                description = "how long a kernel may take to start (default 180)")
        int startTimeout;

        Limits limits() {
            if (cellTimeout <= 0 || timeout <= 0 || startTimeout <= 0) {
                throw new CommandLine.ParameterException(new CommandLine(new Main()), "time limits must be positive");
            }
            return new Limits(Duration.ofSeconds(cellTimeout), Duration.ofSeconds(timeout), Limits.parseSize(memory),
                    Limits.parseSize(outputLimit), Duration.ofSeconds(startTimeout));
        }

        KernelLaunch launch() {
            return kernel != null ? KernelLaunch.read(kernel) : KernelLaunch.find(System.getenv());
        }
    }
}
