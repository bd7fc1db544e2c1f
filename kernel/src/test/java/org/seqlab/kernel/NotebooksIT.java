package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every notebook of the workbook, executed by real Jupyter through the installed course kernel, must show no
 * error and everything its cells declare (see {@link NotebookExpectations}).
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
        return notebooks.stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> {
            Path executed = runner.execute(nb);
            List<String> failures = NotebookExpectations.check(executed);
            assertTrue(failures.isEmpty(), nb.getFileName() + ":\n  " + String.join("\n  ", failures));
        }));
    }
}
