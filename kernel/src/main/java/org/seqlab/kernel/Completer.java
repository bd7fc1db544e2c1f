package org.seqlab.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Suggestion;

/**
 * TAB completion (Jupyter's {@code complete_request}) with what ipykernel adds for each match in the reply's
 * {@code _jupyter_types_experimental} metadata: its kind and, for a method or constructor, its parameter lists.
 *
 * <ul>
 *   <li>In code, JShell suggests the names ({@link SourceCodeAnalysis#completionSuggestions}); names that only
 *       JShell uses internally are left out, overloads appear once, names of the expected type come first. A
 *       method's {@code signature} lists every overload's parameters, {@code "(int a, int b) | (long a, long b)"};
 *       its kind is {@code function}, a constructor's after {@code new} is {@code class}.</li>
 *   <li>Inside a string literal, as in IPython, the names of files and folders in the kernel's working folder
 *       (or the folder the string names) that start with what the string holds so far; a folder ends in
 *       {@code /}. Inside a comment, nothing.</li>
 * </ul>
 *
 * <p>Uses JShell, so it runs on the kernel's {@link JShellOwner} thread.
 */
final class Completer {
    /** At most this many methods get their signatures looked up per request (each lookup costs JShell a few ms). */
    static final int MAX_SIGNATURES = 40;

    /** Java's keywords and literals, which JShell suggests among names. */
    private static final Set<String> KEYWORDS = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "continue", "default",
            "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "if", "implements",
            "import", "instanceof", "int", "interface", "long", "new", "package", "private", "protected", "public",
            "return", "short", "static", "super", "switch", "synchronized", "this", "throw", "throws", "try", "var",
            "void", "volatile", "while", "record", "yield", "true", "false", "null");

    /**
     * A reply's content.
     *
     * @param matches  the texts that may replace {@code code[start, end)}
     * @param metadata ipykernel's {@code _jupyter_types_experimental}: one entry per match, in order
     */
    record Result(List<String> matches, int start, int end, List<Map<String, Object>> metadata) {
        static Result none(int cursor) {
            return new Result(List.of(), cursor, cursor, List.of());
        }
    }

    private final SourceCodeAnalysis analysis;
    private final SignatureHelp signatures;
    private final Path workingDir;

    /** @param workingDir the folder relative paths in a string start from (the kernel's working folder) */
    Completer(SourceCodeAnalysis analysis, Path workingDir) {
        this.analysis = analysis;
        this.signatures = new SignatureHelp(analysis);
        this.workingDir = workingDir;
    }

    /** The completions of {@code code} at {@code cursor}. */
    Result complete(String code, int cursor) {
        int at = Math.max(0, Math.min(cursor, code.length()));
        LastSnippet snippet = LastSnippet.of(analysis, code.substring(0, at));
        Lexical.Place place = Lexical.placeAtEnd(snippet.text());
        if (place.inString()) {
            int contentStart = snippet.offset() + place.stringStart();
            return paths(code.substring(contentStart, at), contentStart, at);
        }
        if (!place.inCode()) {
            return Result.none(at);
        }
        int[] anchor = new int[1];
        String context = snippet.text();
        int contextStart = snippet.offset();
        List<Suggestion> suggestions = analysis.completionSuggestions(context, context.length(), anchor);
        if (suggestions.isEmpty() && snippet.offset() > 0) {
            // JShell reads a whole cell as one method body: names declared earlier in the cell are known there.
            context = code.substring(0, at);
            contextStart = 0;
            suggestions = analysis.completionSuggestions(context, at, anchor);
        }
        int start = contextStart + anchor[0];
        List<String> typed = new ArrayList<>();
        List<String> others = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Suggestion s : suggestions) {
            String text = s.continuation();
            if (text.startsWith("$") || !seen.add(text)) continue;
            (s.matchesType() ? typed : others).add(text);
        }
        List<String> matches = new ArrayList<>(typed);
        matches.addAll(others);
        String before = context.substring(0, anchor[0]);
        boolean afterNew = before.stripTrailing().matches("(?s).*\\bnew");
        List<Map<String, Object>> metadata = new ArrayList<>();
        int lookedUp = 0;
        for (String match : matches) {
            String type = kind(match, afterNew);
            String signature = "";
            if (match.endsWith("(") && lookedUp < MAX_SIGNATURES) {
                lookedUp++;
                signature = parameterLists(before + match, match.substring(0, match.length() - 1));
            } else if (match.endsWith("()")) {
                signature = "()";
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("start", start);
            item.put("end", at);
            item.put("text", match);
            item.put("type", type);
            item.put("signature", signature);
            metadata.add(item);
        }
        return new Result(matches, start, at, metadata);
    }

    /** The kind ipykernel would give: function, class, module (a package), keyword or instance. */
    static String kind(String match, boolean afterNew) {
        if (match.endsWith("(") || match.endsWith("()")) {
            return afterNew ? "class" : "function";
        }
        if (match.endsWith(".")) return "module";
        if (KEYWORDS.contains(match)) return "keyword";
        boolean constant = match.equals(match.toUpperCase()) && match.length() > 1;
        return Character.isUpperCase(match.charAt(0)) && !constant ? "class" : "instance";
    }

    /** Every overload's parameter list, {@code "(int a, int b) | (long a, long b)"}, or "" when none is found. */
    private String parameterLists(String call, String name) {
        List<String> lists = new ArrayList<>();
        for (SignatureHelp.Found f : signatures.find(call, call.length(), false)) {
            String params = parameters(f.signature(), name);
            if (params != null && !lists.contains(params)) lists.add(params);
        }
        return String.join(" | ", lists);
    }

    /** The parenthesised parameters after {@code name} in a signature, or null. */
    static String parameters(String signature, String name) {
        int open = signature.lastIndexOf(name + "(");
        if (open < 0) {
            open = signature.indexOf('(');
            if (open < 0) return null;
        } else {
            open += name.length();
        }
        int depth = 0;
        for (int i = open; i < signature.length(); i++) {
            char c = signature.charAt(i);
            if (c == '(') depth++;
            else if (c == ')' && --depth == 0) return signature.substring(open, i + 1);
        }
        return null;
    }

    /** Files and folders whose path starts with {@code typed}, the string's content so far. */
    private Result paths(String typed, int start, int end) {
        int slash = typed.lastIndexOf('/');
        String folderPart = slash < 0 ? "" : typed.substring(0, slash + 1);
        String namePart = typed.substring(slash + 1);
        Path folder = folderPart.isEmpty() ? workingDir : workingDir.resolve(folderPart);
        List<String> matches = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> entries = Files.list(folder)) {
                entries.map(p -> p.getFileName().toString() + (Files.isDirectory(p) ? "/" : ""))
                        .filter(n -> n.startsWith(namePart) && (namePart.startsWith(".") || !n.startsWith(".")))
                        .sorted()
                        .forEach(n -> matches.add(folderPart + n));
            } catch (IOException e) {
                return Result.none(end);
            }
        }
        List<Map<String, Object>> metadata = new ArrayList<>();
        for (String m : matches) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("start", start);
            item.put("end", end);
            item.put("text", m);
            item.put("type", "path");
            item.put("signature", "");
            metadata.add(item);
        }
        return new Result(matches, start, end, metadata);
    }
}
