package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every notebook of the workbook, executed by real Jupyter through the installed course kernel, must show no
 * error and everything its cells declare (see {@link NotebookExpectations}).
 *
 * <p>{@code -Dseqlab.notebooks.parallel=N} executes up to N notebooks at once (default 1): a notebook's kernel
 * keeps about one core busy (ND4J runs one OpenMP thread), so on a 2-core CI machine two at a time take
 * roughly two thirds of the time. {@code ./course test} uses it for the second JDK's pass of its matrix.
 */
class NotebooksIT {
    private static final Path NOTEBOOKS = Path.of(System.getProperty("seqlab.notebooks", "../notebooks"));
    private static final Path EXECUTED = Path.of("target", "executed-notebooks");
    /** Lessons promise seconds per cell; this only catches a hung cell. */
    private static final int CELL_TIMEOUT_SECONDS = 300;

    @TestFactory
    Stream<DynamicTest> everyNotebookRunsCleanAndShowsWhatItDeclares() throws IOException {
        List<Path> notebooks;
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            notebooks = files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertFalse(notebooks.isEmpty(), "no notebooks found in " + NOTEBOOKS.toAbsolutePath());
        NotebookRunner runner = new NotebookRunner(KernelFixture.installed().env(), EXECUTED, CELL_TIMEOUT_SECONDS);
        int parallel = Math.max(1, Integer.getInteger("seqlab.notebooks.parallel", 1));
        if (parallel == 1) {
            return notebooks.stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> check(nb, runner.execute(nb))));
        }
        // All notebooks start now, N at a time; each test waits for its own.
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "notebook-runner");
            t.setDaemon(true);
            return t;
        });
        List<Future<Path>> runs = notebooks.stream().map(nb -> pool.submit(() -> runner.execute(nb))).toList();
        pool.shutdown();
        return IntStream.range(0, notebooks.size()).mapToObj(i -> DynamicTest.dynamicTest(
                notebooks.get(i).getFileName().toString(), () -> {
                    try {
                        check(notebooks.get(i), runs.get(i).get());
                    } catch (ExecutionException e) {
                        throw e.getCause();
                    }
                }));
    }

    private static void check(Path notebook, Path executed) throws IOException {
        List<String> failures = NotebookExpectations.check(executed);
        assertTrue(failures.isEmpty(), notebook.getFileName() + ":\n  " + String.join("\n  ", failures));
    }
}
