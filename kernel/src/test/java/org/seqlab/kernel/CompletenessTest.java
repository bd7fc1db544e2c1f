package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jdk.jshell.JShell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CompletenessTest {
    private static JShell shell;
    private static Completeness completeness;

    @BeforeAll
    static void start() {
        shell = JShell.builder().executionEngine("local").build();
        completeness = new Completeness(shell.sourceCodeAnalysis());
    }

    @AfterAll
    static void stop() {
        shell.close();
    }

    private static void assertVerdict(String status, String indent, String code) {
        assertEquals(new Completeness.Verdict(status, indent), completeness.check(code), () -> "for " + code);
    }

    @Test
    void finishedStatementsExpressionsAndBlocksAreComplete() {
        assertVerdict("complete", "", "int x = 3;");
        assertVerdict("complete", "", "1 + 1");
        assertVerdict("complete", "", "for (int i = 0; i < 3; i++) {\n    x += i;\n}");
        assertVerdict("complete", "", "void twice(int n) { System.out.println(2 * n); }\ntwice(4);");
        assertVerdict("complete", "", "record Point(int x, int y) {}");
        assertVerdict("complete", "", "import java.util.concurrent.*;");
        assertVerdict("complete", "", "");
        assertVerdict("complete", "", "undefinedName.call();");
    }

    @Test
    void anOpenBlockOrCallIsIncompleteAndTheNextLineIsIndented() {
        assertVerdict("incomplete", "    ", "for (int i = 0; i < 3; i++) {");
        assertVerdict("incomplete", "    ", "for (int i = 0; i < 3; i++) {\n    x += i;");
        assertVerdict("incomplete", "        ", "class A {\n    void f() {");
        assertVerdict("incomplete", "    ", "int y = Math.max(1,");
        assertVerdict("incomplete", "", "int z = 1 +");
    }

    @Test
    void anOpenTextBlockIsIncompleteAndKeepsItsIndent() {
        assertVerdict("incomplete", "    ", "String s = \"\"\"\n    first line");
    }

    @Test
    void codeThatNoContinuationCanFixIsInvalid() {
        assertVerdict("invalid", "", "int int int = 3;");
        assertVerdict("invalid", "", "1 +* 2;");
        assertVerdict("invalid", "", "String s = \"abc");
        assertVerdict("invalid", "", "int a = 1;\nint int b = 2;\nfor (;;) {");
    }

    @Test
    void ijavaMagicsAreJudgedAsTheJavaTheyRunAs() {
        assertVerdict("complete", "", "%classpath /tmp/lib.jar");
    }
}
