package org.seqlab.kernel;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Where each JShell snippet came from: the cell (by its execution count, {@code In [n]}) and the line of that
 * cell where the snippet starts, so a stack frame or a compiler message can name the learner's own line.
 *
 * <p>IJava splits a cell into snippets and JShell numbers lines within each snippet; JShell compiles each
 * snippet into a class {@code REPL.$JShell$N} whose own line numbers count the lines JShell wraps around it.
 * This class maps both back to the cell. All its methods use JShell and must run on the thread that evaluates
 * cells.
 */
final class CellSources {
    /** A line of a cell: its execution count, the line number (from 1) and that line's text. */
    record Place(int cell, int line, String text) {}

    private record Origin(int cell, int firstLine, String[] lines) {
        Place at(int snippetLine) {
            int line = firstLine + snippetLine - 1;
            return new Place(cell, line, line >= 1 && line <= lines.length ? lines[line - 1] : "");
        }
    }

    /** The class JShell compiles a snippet into ({@code REPL.$JShell$12}, recompiled as {@code $JShell$12B}, ...). */
    private static final Pattern SNIPPET_CLASS = Pattern.compile("REPL\\.\\$JShell\\$\\d+[A-Z]*");

    private record Wrapped(String id, SourceCodeAnalysis.SnippetWrapper wrapper) {}

    private final Map<String, Origin> origins = new HashMap<>();
    /** The wrappers of the snippets with an origin, by class name; built when a frame asks, reset by each cell. */
    private Map<String, Wrapped> wrappers;
    private final Set<String> seen = new HashSet<>();
    private int cell;
    private String code = "";

    /** Notes the cell about to run; snippets that exist already belong to earlier cells or to start-up. */
    void cellStarts(JShell shell, int cell, String code) {
        this.cell = cell;
        this.code = code;
        wrappers = null;
        shell.snippets().forEach(s -> seen.add(s.id()));
    }

    /** Finds the snippets the cell created in its code, in the order IJava evaluated them. */
    void cellEnds(JShell shell) {
        wrappers = null;
        List<Snippet> created = shell.snippets().filter(s -> !seen.contains(s.id())).toList();
        String[] lines = code.split("\n", -1);
        int cursor = 0;
        for (Snippet s : created) {
            seen.add(s.id());
            int at = locate(s.source(), cursor);
            if (at < 0) {
                continue;
            }
            cursor = at + 1;
            origins.put(s.id(), new Origin(cell, lineOf(code, at) - leadingNewlines(s.source()), lines));
        }
    }

    /**
     * The cell line of a snippet's line, as JShell reports them in its own stack frames ({@code #12:3}).
     *
     * @return the place, or null for a snippet not typed in a cell (start-up, a loaded file)
     */
    Place place(String snippetId, int snippetLine) {
        Origin origin = origins.get(snippetId);
        return origin == null || snippetLine < 1 ? null : origin.at(snippetLine);
    }

    /** The cell line of a frame of the code JShell compiled from a cell, or null for any other frame. */
    Place place(JShell shell, StackTraceElement frame) {
        Matcher m = SNIPPET_CLASS.matcher(frame.getClassName());
        if (!m.lookingAt() || frame.getLineNumber() < 1) {
            return null;
        }
        if (wrappers == null) {
            wrappers = new HashMap<>();
            SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
            shell.snippets().filter(s -> origins.containsKey(s.id())).forEach(s -> {
                SourceCodeAnalysis.SnippetWrapper w = analysis.wrapper(s);
                wrappers.put(w.fullClassName(), new Wrapped(s.id(), w));
            });
        }
        Wrapped wrapped = wrappers.get(m.group());
        if (wrapped == null) {
            return null;
        }
        int position = sourcePosition(wrapped.wrapper(), frame.getLineNumber());
        return position < 0 ? null : place(wrapped.id(), lineOf(wrapped.wrapper().source(), position));
    }

    /** Whether a frame belongs to code JShell compiled from snippets (all of it in package {@code REPL}). */
    static boolean isSnippetFrame(StackTraceElement frame) {
        return frame.getClassName().startsWith("REPL.");
    }

    /** The simple name JShell's wrapper hides: {@code REPL.$JShell$12$Inner} is {@code Inner}, the wrapper itself "". */
    static String snippetClassName(String className) {
        Matcher m = SNIPPET_CLASS.matcher(className);
        if (!m.lookingAt()) {
            return className;
        }
        String rest = className.substring(m.end());
        return rest.startsWith("$") ? rest.substring(1).replace('$', '.') : rest;
    }

    /** A snippet class's name as a prefix of a member or nested class: {@code REPL.$JShell$12B.} or {@code ...$12$}. */
    private static final Pattern SNIPPET_PREFIX = Pattern.compile("REPL\\.\\$JShell\\$\\d+[A-Z]*[.$]");

    /**
     * A message with JShell's wrapper names taken out, as the learner wrote the names: Java's helpful
     * NullPointerException says {@code because "REPL.$JShell$12.model" is null}, which reads {@code "model"}.
     */
    static String snippetNames(String message) {
        return message == null ? null : SNIPPET_PREFIX.matcher(message).replaceAll("");
    }

    /** The source position of the first character of wrapped line {@code line} that comes from the snippet. */
    private static int sourcePosition(SourceCodeAnalysis.SnippetWrapper wrapper, int line) {
        String wrapped = wrapper.wrapped();
        int start = 0;
        for (int l = 1; l < line; l++) {
            start = wrapped.indexOf('\n', start) + 1;
            if (start == 0) {
                return -1;
            }
        }
        int end = wrapped.indexOf('\n', start);
        end = end < 0 ? wrapped.length() : end;
        for (int p = start; p < end; p++) {
            if (Character.isWhitespace(wrapped.charAt(p))) {
                continue;
            }
            // Text JShell added maps to some source position too; a character of the snippet maps to itself.
            int s = wrapper.wrappedToSourcePosition(p);
            if (s >= 0 && s < wrapper.source().length() && wrapper.source().charAt(s) == wrapped.charAt(p)) {
                return s;
            }
        }
        return -1;
    }

    /** Where a snippet's first non-blank line starts in the cell, searching from {@code from}; -1 if absent. */
    private int locate(String source, int from) {
        String body = source.stripLeading();
        int newline = body.indexOf('\n');
        String first = (newline < 0 ? body : body.substring(0, newline)).strip();
        if (first.endsWith(";")) {
            first = first.substring(0, first.length() - 1);
        }
        return first.isEmpty() ? -1 : code.indexOf(first, from);
    }

    private static int leadingNewlines(String source) {
        int n = 0;
        for (int i = 0; i < source.length() && Character.isWhitespace(source.charAt(i)); i++) {
            if (source.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /** The line (from 1) holding position {@code at} of {@code text}. */
    static int lineOf(String text, int at) {
        int line = 1;
        for (int i = 0; i < at && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
