package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jdk.jshell.JShell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Variables survive JShell's class replacement. These run without the kernel's agent, so nothing is redefined
 * in place: every change makes JShell load new classes, the case {@link KeptVariables} exists for (the agent's
 * in-place redefinition is checked over the protocol, in {@code kernel_variables.py}).
 */
class KeptVariablesTest {
    private JShell shell;
    private CourseEvaluator cells;
    private KeptVariables kept;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedErr;

    @BeforeEach
    void newShell() {
        CellExecutionControl.Provider provider = new CellExecutionControl.Provider();
        shell = JShell.builder().executionEngine(provider, Map.of()).build();
        kept = provider.control().kept();
        cells = new CourseEvaluator(shell, provider, "test", new ArrayList<>(), kept);
        savedErr = System.err;
        System.setErr(new PrintStream(err, true));
    }

    @AfterEach
    void close() {
        System.setErr(savedErr);
        shell.close();
    }

    @Test
    void aVariableKeepsItsValueWhenTheMethodThatComputedItIsRedefined() throws Exception {
        cells.eval("int f() { return 1; }");
        cells.eval("var v = f();");
        cells.eval("int f() { return 2; }");
        assertEquals(1, cells.eval("v"));
        assertEquals(2, cells.eval("f()"));
        assertEquals("", err.toString(), "nothing was lost, so nothing is said");
    }

    @Test
    void anObjectBuiltByARedefinedMethodIsKept() throws Exception {
        cells.eval("java.util.List<String> build() { return new java.util.ArrayList<>(java.util.List.of(\"a\")); }");
        cells.eval("var model = build();");
        cells.eval("model.add(\"trained\");");
        cells.eval("java.util.List<String> build() { return new java.util.ArrayList<>(); }");
        assertEquals(List.of("a", "trained"), cells.eval("model"));
    }

    @Test
    void aValueWhoseClassWasReplacedIsResetAndTheCellSaysWhich() throws Exception {
        cells.eval("class Scale { double k() { return 2; } }");
        cells.eval("Scale s = new Scale();");
        cells.eval("class Scale { double k() { return 3; } double twice() { return 2 * k(); } }");
        assertNull(cells.eval("s"));
        String said = err.toString();
        assertTrue(said.contains("variable s was reset to null: its type Scale was redefined"), said);
    }

    @Test
    void snippetNumbersAreReadFromTopLevelWrappersOnly() {
        assertEquals("12", KeptVariables.snippetNumber("REPL.$JShell$12"));
        assertEquals("12", KeptVariables.snippetNumber("REPL.$JShell$12B"));
        assertNull(KeptVariables.snippetNumber("REPL.$JShell$12$Scale"));
        assertNull(KeptVariables.snippetNumber("REPL.$JShell$12_13"));
        assertNull(KeptVariables.snippetNumber(CellWeaver.HOOK_NAME));
    }
}
