package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The text helpers; the mapping of real snippets to cell lines is checked through JShell in CellErrorsTest. */
class CellSourcesTest {
    @Test
    void linesCountFromOne() {
        assertEquals(1, CellSources.lineOf("a\nb\nc", 0));
        assertEquals(2, CellSources.lineOf("a\nb\nc", 2));
        assertEquals(3, CellSources.lineOf("a\nb\nc", 4));
    }

    @Test
    void snippetClassesAreNamedWithoutJShellsWrapper() {
        assertEquals("", CellSources.snippetClassName("REPL.$JShell$12"));
        assertEquals("Bad", CellSources.snippetClassName("REPL.$JShell$12$Bad"));
        assertEquals("Bad.Inner", CellSources.snippetClassName("REPL.$JShell$12$Bad$Inner"));
        assertEquals("Bad", CellSources.snippetClassName("REPL.$JShell$12C$Bad"), "a recompiled snippet");
        assertEquals("", CellSources.snippetClassName("REPL.$JShell$12C"));
        assertEquals("java.util.List", CellSources.snippetClassName("java.util.List"));
    }

    @Test
    void onlyJShellsClassesAreSnippetFrames() {
        assertTrue(CellSources.isSnippetFrame(new StackTraceElement("REPL.$JShell$3", "do_it$", null, 1)));
        assertFalse(CellSources.isSnippetFrame(new StackTraceElement("org.seqlab.nn.Recurrent", "forward", null, 1)));
    }

    @Test
    void anUnknownSnippetHasNoPlace() {
        assertNull(new CellSources().place("42", 1));
    }
}
