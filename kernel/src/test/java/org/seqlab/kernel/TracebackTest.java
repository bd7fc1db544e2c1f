package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;

/** The traceback's layout on hand-made stacks: what is folded, what is named, what repeats. */
class TracebackTest {
    private static StackTraceElement lib(String cls, String method) {
        return new StackTraceElement(cls, method, cls.substring(cls.lastIndexOf('.') + 1) + ".java", 10);
    }

    private static StackTraceElement cell(String method, int line) {
        return new StackTraceElement("REPL.$JShell$12", method, "$JShell$12.java", line);
    }

    private static final Traceback TRACEBACK = new Traceback(new CellSources(),
            frame -> new CellSources.Place(3, frame.getLineNumber() - 4, "line " + (frame.getLineNumber() - 4)));

    private static List<String> lines(Throwable t) {
        return TRACEBACK.of(t).stream().map(Ansi::strip).toList();
    }

    @Test
    void aLongRunOfLibraryFramesShowsWhereItWasThrownAndTheCallTheCellMade() {
        RuntimeException e = new RuntimeException("deep");
        e.setStackTrace(new StackTraceElement[] {
            lib("org.nd4j.A", "a"), lib("org.nd4j.B", "b"), lib("org.nd4j.C", "c"), lib("org.nd4j.D", "d"),
            lib("org.nd4j.E", "e"), lib("org.seqlab.F", "f"), cell("do_it$", 5),
            lib("jdk.internal.reflect.NativeMethodAccessorImpl", "invoke0"), lib("java.lang.Thread", "run")});
        assertEquals(List.of(
                "java.lang.RuntimeException: deep",
                "    at org.nd4j.A.a(A.java:10)",
                "    at org.nd4j.B.b(B.java:10)",
                "    at org.nd4j.C.c(C.java:10)",
                "    … 2 more frames in org.nd4j",
                "    at org.seqlab.F.f(F.java:10)",
                "    at In [3], line 1: line 1"), lines(e));
    }

    @Test
    void aCauseShowsOnlyItsOwnFramesAndCountsTheSharedOnes() {
        StackTraceElement call = cell("do_it$", 6);
        IllegalStateException cause = new IllegalStateException("why");
        cause.setStackTrace(new StackTraceElement[] {lib("org.x.Io", "open"), lib("org.x.Lib", "save"), call});
        RuntimeException e = new RuntimeException("what", cause);
        e.setStackTrace(new StackTraceElement[] {lib("org.x.Lib", "wrap"), call});
        assertEquals(List.of(
                "java.lang.RuntimeException: what",
                "    at org.x.Lib.wrap(Lib.java:10)",
                "    at In [3], line 2: line 2",
                "Caused by: java.lang.IllegalStateException: why",
                "    at org.x.Io.open(Io.java:10)",
                "    at org.x.Lib.save(Lib.java:10)",
                "    … 1 more frame, as above"), lines(e));
    }

    @Test
    void anExceptionThatIsItsOwnCauseIsShownOnce() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        List<String> lines = lines(b);
        assertTrue(lines.get(lines.size() - 1).contains("shown above"), lines.toString());
    }

    @Test
    void cellFramesAreNamedAsTheLearnerWroteThem() {
        assertEquals("", Traceback.name(cell("do_it$", 5)));
        assertEquals("f", Traceback.name(cell("f", 5)));
        assertEquals("a lambda", Traceback.name(cell("lambda$do_it$$0", 5)));
        assertEquals("a lambda in f", Traceback.name(cell("lambda$f$1", 5)));
        assertEquals("Bad.init", Traceback.name(new StackTraceElement("REPL.$JShell$12$Bad", "init", null, 5)));
        assertEquals("static initialiser of Bad", Traceback.name(new StackTraceElement("REPL.$JShell$12$Bad", "<clinit>", null, 5)));
        assertEquals("new Bad.Inner", Traceback.name(new StackTraceElement("REPL.$JShell$12$Bad$Inner", "<init>", null, 5)));
    }

    @Test
    void foldedFramesNameTheirModuleOrLibrary() {
        assertEquals("java.base", Traceback.origin(new StackTraceElement(null, "java.base", null, "java.util.List", "of", null, 1)));
        assertEquals("org.nd4j", Traceback.origin(lib("org.nd4j.linalg.api.A", "a")));
    }

    @Test
    void jShellsOwnReportOfAnExceptionKeepsItsCausesAndTheCellLines() {
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            CellSources sources = new CellSources();
            String define = "int f() {\n    throw new IllegalStateException(\"outer\", new ArithmeticException(\"inner\"));\n}";
            sources.cellStarts(shell, 7, define);
            shell.eval(define);
            sources.cellEnds(shell);
            sources.cellStarts(shell, 8, "f()");
            SnippetEvent event = shell.eval("f()").get(0);
            sources.cellEnds(shell);
            List<String> lines = new Traceback(sources, frame -> null).of((EvalException) event.exception())
                    .stream().map(Ansi::strip).toList();
            assertEquals("java.lang.IllegalStateException: outer", lines.get(0), lines.toString());
            assertTrue(lines.contains("    at f (In [7], line 2): throw new IllegalStateException(\"outer\", "
                    + "new ArithmeticException(\"inner\"));"), lines.toString());
            assertTrue(lines.contains("    at In [8], line 1: f()"), lines.toString());
            assertTrue(lines.contains("Caused by: java.lang.ArithmeticException: inner"), lines.toString());
        }
    }

    @Test
    void aNullPointerMessageNamesTheVariableAsTheLearnerWroteIt() {
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            shell.eval("String word = null;");
            shell.eval("class Box { String label; }");
            shell.eval("Box box = null;");
            assertEquals("java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"word\" is null",
                    firstLine(shell, "word.length()"));
            assertEquals("java.lang.NullPointerException: Cannot read field \"label\" because \"box\" is null",
                    firstLine(shell, "box.label"));
        }
        assertEquals("Box$Inner and x", CellSources.snippetNames("REPL.$JShell$12$Box$Inner and REPL.$JShell$3B.x"));
    }

    private static String firstLine(JShell shell, String code) {
        EvalException e = (EvalException) shell.eval(code).get(0).exception();
        return Ansi.strip(new Traceback(new CellSources(), frame -> null).of(e).get(0));
    }
}
