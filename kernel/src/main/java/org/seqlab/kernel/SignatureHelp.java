package org.seqlab.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Documentation;

/**
 * What Shift-Tab shows (Jupyter's {@code inspect_request}): the signatures of the method, constructor, class or
 * variable at the cursor, each with the first sentence of its javadoc, or with the whole javadoc at the second
 * detail level.
 *
 * <p>JShell finds the element and its comment ({@link SourceCodeAnalysis#documentation}); this class decides
 * where to ask. The cursor may be anywhere in a name ({@code Math.m|ax(1, 2)}), after it ({@code Math.max|},
 * a method named without its parenthesis), after the parenthesis or among the arguments ({@code Math.max(1, |}),
 * or on a class or variable name ({@code var t = Trai|ner.builder()}). JShell reads the code only up to the place it is asked
 * about, so a cursor inside a name is first moved to the name's end. Uses JShell, so it runs on the kernel's
 * {@link JShellOwner} thread.
 */
final class SignatureHelp {
    /**
     * One element found: its signature as JShell writes it ({@code int Math.max(int a, int b)}) and its javadoc
     * as raw comment text, or null without sources.
     */
    record Found(String signature, String javadoc) {}

    private final SourceCodeAnalysis analysis;

    SignatureHelp(SourceCodeAnalysis analysis) {
        this.analysis = analysis;
    }

    /**
     * The inspection of {@code code} at {@code cursor} as a MIME bundle ({@code text/plain} and {@code text/html}),
     * or null when nothing is there to document.
     *
     * @param detail false for the first javadoc sentence of each element, true for the whole javadoc
     */
    Map<String, String> inspect(String code, int cursor, boolean detail) {
        List<Found> found = find(code, cursor, true);
        if (found.isEmpty()) {
            return null;
        }
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/plain", plain(found, detail));
        bundle.put("text/html", html(found, detail));
        return bundle;
    }

    /** The elements documented at {@code cursor}: see the class comment for where the cursor may be. */
    List<Found> find(String code, int cursor, boolean javadoc) {
        int at = Math.max(0, Math.min(cursor, code.length()));
        int start = at;
        while (start > 0 && Character.isJavaIdentifierPart(code.charAt(start - 1))) start--;
        int end = at;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) end++;
        boolean onName = start < end && Character.isJavaIdentifierStart(code.charAt(start));
        if (onName) {
            int next = end;
            while (next < code.length() && Character.isWhitespace(code.charAt(next))) next++;
            if (next < code.length() && code.charAt(next) == '(') {
                List<Found> invoked = ask(code.substring(0, next + 1), javadoc);
                if (!invoked.isEmpty()) return invoked;
            }
            List<Found> named = ask(code.substring(0, end), javadoc);
            if (!named.isEmpty()) return named;
            List<Found> method = ask(code.substring(0, end) + "(", javadoc);
            if (!method.isEmpty()) return method;
            // JShell documents a class or package name only on its own, not inside a declaration or call.
            int qualified = start;
            while (qualified > 1 && code.charAt(qualified - 1) == '.'
                    && Character.isJavaIdentifierPart(code.charAt(qualified - 2))) {
                qualified--;
                while (qualified > 0 && Character.isJavaIdentifierPart(code.charAt(qualified - 1))) qualified--;
            }
            if (qualified > 0 || end < code.length()) {
                List<Found> type = ask(code.substring(qualified, end), javadoc);
                if (!type.isEmpty()) return type;
            }
        }
        return ask(code.substring(0, at), javadoc);
    }

    /**
     * JShell's documentation at the end of {@code prefix}, asked of the snippet the end is in; when that finds
     * nothing and the cell has earlier snippets, asked of the whole prefix, which JShell reads as one method body,
     * so that a variable declared earlier in the same cell is known ({@code var t = ...;\n t.epochs(}).
     */
    private List<Found> ask(String prefix, boolean javadoc) {
        if (prefix.isBlank()) {
            return List.of();
        }
        LastSnippet snippet = LastSnippet.of(analysis, prefix);
        List<Found> found = documentation(snippet.text(), javadoc);
        if (found.isEmpty() && snippet.offset() > 0) {
            found = documentation(prefix, javadoc);
        }
        return found;
    }

    private List<Found> documentation(String code, boolean javadoc) {
        List<Found> found = new ArrayList<>();
        for (Documentation d : analysis.documentation(code, code.length(), javadoc)) {
            found.add(new Found(d.signature(), d.javadoc()));
        }
        return found;
    }

    /** Each signature on its line, its first javadoc sentence (or whole javadoc) indented under it. */
    static String plain(List<Found> found, boolean detail) {
        StringBuilder out = new StringBuilder();
        for (Found f : found) {
            if (out.length() > 0) out.append(detail ? "\n\n" : "\n");
            out.append(f.signature());
            String text = text(f, detail);
            if (!text.isEmpty()) {
                String indent = detail ? "\n\n" : "\n    ";
                out.append(indent).append(detail ? text : text.replace("\n", "\n    "));
            }
        }
        return out.toString();
    }

    static String html(List<Found> found, boolean detail) {
        StringBuilder out = new StringBuilder();
        for (Found f : found) {
            out.append("<p><code>").append(escape(f.signature())).append("</code>");
            String text = text(f, detail);
            if (!text.isEmpty()) {
                out.append(detail ? "</p><pre>" : "<br>").append(escape(text)).append(detail ? "</pre><p>" : "");
            }
            out.append("</p>");
        }
        return out.toString().replace("<p></p>", "");
    }

    private static String text(Found f, boolean detail) {
        if (f.javadoc() == null) return "";
        Javadoc doc = Javadoc.parse(f.javadoc());
        return detail ? doc.fullText() : doc.firstSentence();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
