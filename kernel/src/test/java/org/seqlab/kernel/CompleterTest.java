package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jdk.jshell.JShell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompleterTest {
    @TempDir
    static Path folder;
    private static JShell shell;
    private static Completer completer;

    @BeforeAll
    static void start() throws IOException {
        shell = TestShells.withLibrary();
        shell.eval("int count = 3;");
        Files.createDirectories(folder.resolve("datasets/words"));
        Files.writeString(folder.resolve("data.csv"), "x\n1\n");
        Files.writeString(folder.resolve(".hidden"), "");
        completer = new Completer(shell.sourceCodeAnalysis(), folder);
    }

    @AfterAll
    static void stop() {
        shell.close();
    }

    private static Map<String, Object> meta(Completer.Result result, String match) {
        int i = result.matches().indexOf(match);
        assertTrue(i >= 0, match + " not among " + result.matches());
        return result.metadata().get(i);
    }

    @Test
    void aMethodAppearsOnceWithEveryOverloadsParameters() {
        Completer.Result result = completer.complete("Math.ma", 7);
        assertEquals(List.of("max("), result.matches());
        assertEquals(5, result.start());
        assertEquals(7, result.end());
        Map<String, Object> max = meta(result, "max(");
        assertEquals("function", max.get("type"));
        assertEquals("(int a, int b) | (long a, long b) | (float a, float b) | (double a, double b)", max.get("signature"));
        assertEquals(5, max.get("start"));
        assertEquals(7, max.get("end"));
        assertEquals("max(", max.get("text"));
    }

    @Test
    void aLibraryMethodInABuilderChainHasItsParameters() {
        Completer.Result result = completer.complete("Trainer.builder().ep", 20);
        assertEquals(List.of("epochs("), result.matches());
        assertEquals("(int epochs)", meta(result, "epochs(").get("signature"));
        Completer.Result all = completer.complete("Trainer.builder().", 18);
        assertEquals("()", meta(all, "build()").get("signature"));
        assertTrue(all.matches().contains("learningRate("), all.matches().toString());
    }

    @Test
    void afterNewTheConstructorsAreClassesAndJShellsOwnNamesAreLeftOut() {
        Completer.Result result = completer.complete("List<String> names = new ArrayL", 31);
        assertEquals(List.of("ArrayList("), result.matches());
        assertEquals("class", meta(result, "ArrayList(").get("type"));
        assertTrue(meta(result, "ArrayList(").get("signature").toString().contains("(int initialCapacity)"));
        Completer.Result any = completer.complete("new ", 4);
        assertTrue(any.matches().size() > 10, any.matches().toString());
        assertTrue(any.matches().stream().noneMatch(m -> m.startsWith("$")), "JShell's internal names leak: " + any.matches());
    }

    @Test
    void kindsFollowWhatTheMatchIs() {
        assertEquals("instance", meta(completer.complete("coun", 4), "count").get("type"));
        assertEquals("class", meta(completer.complete("Traine", 6), "Trainer").get("type"));
        assertEquals("module", meta(packagesIndexed("java.ut"), "util.").get("type"));
        assertEquals("instance", meta(completer.complete("Integer.MAX_V", 13), "MAX_VALUE").get("type"));
        assertEquals("keyword", Completer.kind("while", false));
    }

    /** JShell lists packages once its background indexing of the class path is done, a few seconds after start. */
    private static Completer.Result packagesIndexed(String code) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        Completer.Result result = completer.complete(code, code.length());
        while (result.matches().isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            result = completer.complete(code, code.length());
        }
        return result;
    }

    @Test
    void inAStringTheNamesOfFilesAndFoldersComplete() {
        String code = "var p = Path.of(\"da";
        Completer.Result result = completer.complete(code, code.length());
        assertEquals(List.of("data.csv", "datasets/"), result.matches());
        assertEquals(code.indexOf('"') + 1, result.start());
        assertEquals("path", result.metadata().get(0).get("type"));
        String inFolder = "Path.of(\"datasets/w";
        assertEquals(List.of("datasets/words/"), completer.complete(inFolder, inFolder.length()).matches());
        assertEquals(List.of("data.csv", "datasets/"), completer.complete("\"", 1).matches(), "hidden files only when asked");
    }

    @Test
    void inACommentNothingCompletes() {
        assertEquals(List.of(), completer.complete("// Math.ma", 10).matches());
        assertEquals(List.of(), completer.complete("/* Math.ma", 10).matches());
        assertEquals(List.of(), completer.complete("char c = 'M", 11).matches());
    }

    @Test
    void aLaterSnippetOfTheCellCompletesAtItsPlaceInTheCell() {
        String code = "int a = 1;\nString s = \"x\";\nMath.ma";
        Completer.Result result = completer.complete(code, code.length());
        assertEquals(List.of("max("), result.matches());
        assertEquals(code.length() - 2, result.start());
    }

    @Test
    void aVariableDeclaredEarlierInTheSameCellIsKnown() {
        String code = "var builder = Trainer.builder();\nbuilder.epo";
        Completer.Result result = completer.complete(code, code.length());
        assertEquals(List.of("epochs("), result.matches());
        assertEquals(code.length() - 3, result.start());
        assertEquals("(int epochs)", meta(result, "epochs(").get("signature"));
    }

    @Test
    void parametersAreReadAfterTheMethodsName() {
        assertEquals("(int a, int b)", Completer.parameters("int Math.max(int a, int b)", "max"));
        assertEquals("(Function<? super T, ? extends R> mapper)",
                Completer.parameters("<R> Stream<R> Stream<T>.map(Function<? super T, ? extends R> mapper)", "map"));
    }
}
