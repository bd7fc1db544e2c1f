package org.seqlab.kernel;

import jdk.jshell.SourceCodeAnalysis;

/**
 * The snippet a cursor is in: JShell's completion and documentation read one snippet, but a cell holds many
 * ({@code int a = 1;} on one line, {@code Math.max(} on the next). JShell's own splitting
 * ({@link SourceCodeAnalysis#analyzeCompletion}) skips the snippets before the cursor that are complete.
 *
 * @param text   the code from the start of the cursor's snippet up to the cursor
 * @param offset where that snippet starts in the cell
 */
record LastSnippet(String text, int offset) {
    /** The last snippet of {@code prefix}, the cell's code up to the cursor; it may itself be complete. */
    static LastSnippet of(SourceCodeAnalysis analysis, String prefix) {
        int offset = 0;
        String rest = prefix;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            if (!info.completeness().isComplete() || info.remaining().isBlank()) {
                break;
            }
            offset += rest.length() - info.remaining().length();
            rest = info.remaining();
        }
        return new LastSnippet(rest, offset);
    }
}
