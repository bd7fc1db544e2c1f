package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import jdk.jshell.JShell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Needs the JDK's sources (lib/src.zip; Debian's openjdk-17-source) for the JDK's javadoc. */
class SignatureHelpTest {
    private static JShell shell;
    private static SignatureHelp help;

    @BeforeAll
    static void start() {
        shell = TestShells.withLibrary();
        shell.eval("int count = 3;");
        assertTrue(JavadocSources.add(shell.sourceCodeAnalysis(), List.of(TestShells.LIBRARY_SOURCES)),
                "JShell's source list is not reachable (is jdk.jshell opened?)");
        help = new SignatureHelp(shell.sourceCodeAnalysis());
    }

    @AfterAll
    static void stop() {
        shell.close();
    }

    private static String plain(String code, int cursor) {
        Map<String, String> bundle = help.inspect(code, cursor, false);
        assertNotNull(bundle, "nothing found in " + code + " at " + cursor);
        return bundle.get("text/plain");
    }

    @Test
    void aJdkMethodAtItsOpenParenthesisShowsEveryOverloadWithItsFirstSentence() {
        assertEquals("""
                int Math.max(int a, int b)
                    Returns the greater of two int values.
                long Math.max(long a, long b)
                    Returns the greater of two long values.
                float Math.max(float a, float b)
                    Returns the greater of two float values.
                double Math.max(double a, double b)
                    Returns the greater of two double values.""", plain("Math.max(", 9));
    }

    @Test
    void theCursorMayBeInTheNameAfterItOrAmongTheArguments() {
        String expected = plain("Math.max(", 9);
        assertEquals(expected, plain("Math.max(1, 2)", 6), "inside the name");
        assertEquals(expected, plain("Math.max", 8), "after a name without its parenthesis");
        assertEquals(expected, plain("Math.max(1, 2)", 12), "among the arguments");
        assertEquals(expected, plain("int a = 1;\nMath.max(a, ", 24), "after another snippet in the cell");
    }

    @Test
    void aLibraryMethodInABuilderChainShowsItsSignatureAndJavadoc() {
        assertEquals("""
                Trainer.Builder<B> Trainer.Builder<B>.epochs(int epochs)
                    Epochs per fit call (default 10).""", plain("Trainer.builder().epochs(", 25));
    }

    @Test
    void aLibraryClassShowsItsNameAndFirstSentence() {
        String text = plain("var t = Trainer.builder();", 10);
        assertTrue(text.startsWith("org.seqlab.train.Trainer<B>\n    The training loop: epochs over mini-batches,"), text);
    }

    @Test
    void aConstructorAfterNewShowsEachConstructor() {
        String text = plain("new ArrayList<>(", 16);
        assertTrue(text.contains("ArrayList<E>(int initialCapacity)\n    Constructs an empty list with the specified initial capacity."), text);
        assertTrue(text.contains("ArrayList<E>()\n    Constructs an empty list with an initial capacity of ten."), text);
    }

    @Test
    void aVariableDeclaredEarlierInTheSameCellIsKnown() {
        String code = "var builder = Trainer.builder();\nbuilder.epochs(";
        assertEquals(plain("Trainer.builder().epochs(", 25), plain(code, code.length()));
    }

    @Test
    void aVariableShowsItsType() {
        assertEquals("count:int", plain("count + 1", 3));
    }

    @Test
    void theSecondDetailLevelShowsTheWholeJavadoc() {
        String text = help.inspect("Math.abs(", 9, true).get("text/plain");
        assertTrue(text.startsWith("int Math.abs(int a)\n\nReturns the absolute value of an int value."), text);
        assertTrue(text.contains("Parameters:\n  a – the argument whose absolute value is to be determined"), text);
        assertTrue(text.contains("Returns:\n  the absolute value of the argument."), text);
    }

    @Test
    void theHtmlFormEscapesTheSignature() {
        String html = help.inspect("new ArrayList<>(", 16, false).get("text/html");
        assertTrue(html.contains("<code>ArrayList&lt;E&gt;()</code><br>Constructs an empty list"), html);
    }

    @Test
    void whereNothingIsDocumentedTheAnswerIsNull() {
        assertNull(help.inspect("", 0, false));
        assertNull(help.inspect("1 + ", 4, false));
        assertNull(help.inspect("noSuchName(", 11, false));
    }
}
