package org.seqlab.grader;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the student version of a source notebook, as nbgrader's {@code generate_assignment} does: solution regions
 * replaced (indentation kept) by {@code // YOUR CODE HERE} and a statement that compiles and fails clearly, hidden
 * tests removed, outputs cleared, grade and locked cells made read-only, and every tracked cell given nbgrader's
 * checksum and its cell type.
 */
final class Release {
    static final String YOUR_CODE = "// YOUR CODE HERE";
    static final String YOUR_ANSWER = "YOUR ANSWER HERE";

    private Release() {}

    /** The student version of {@code a}. */
    static Notebook of(Assignment a) {
        Notebook nb = a.source().copy();
        nb.metadata().remove("celltoolbar");
        for (Notebook.Cell cell : nb.cells()) {
            cell.clearOutputs();
            String id = Nbgrader.gradeId(cell);
            if (Nbgrader.isSolution(cell)) {
                cell.source(cell.isCode() ? stubCode(cell.source(), id) : stubText(cell.source()));
            }
            if (Nbgrader.isGrade(cell)) {
                cell.source(withoutHiddenTests(cell.source()));
            }
            JsonObject meta = cell.metadata();
            if (Nbgrader.isSolution(cell)) {
                meta.addProperty("deletable", false);
            } else if (Nbgrader.isGrade(cell) || Nbgrader.isLocked(cell)) {
                meta.addProperty("deletable", false);
                meta.addProperty("editable", false);
            }
            if (Nbgrader.isTracked(cell)) {
                JsonObject nbgrader = Nbgrader.meta(cell);
                nbgrader.addProperty("checksum", Nbgrader.checksum(cell));
                nbgrader.addProperty("cell_type", cell.type());
            }
        }
        return nb;
    }

    /** The statement that stands for an unwritten solution: it compiles and says which exercise is missing. */
    static String notImplemented(String gradeId) {
        return "throw new UnsupportedOperationException(\"" + gradeId + ": not implemented yet\");";
    }

    /**
     * Replaces each solution region by the stub; a cell without a region is replaced whole. Where code follows the
     * region in the same block, a bare {@code throw} would make it unreachable (a compile error), so the stub is
     * guarded: {@code if (true) throw …;}.
     */
    static String stubCode(String source, String gradeId) {
        if (!source.contains(Assignment.BEGIN_SOLUTION)) {
            return YOUR_CODE + "\n" + notImplemented(gradeId);
        }
        String[] lines = source.split("\n", -1);
        List<String> out = new ArrayList<>();
        for (int k = 0; k < lines.length; k++) {
            String line = lines[k];
            if (!line.contains(Assignment.BEGIN_SOLUTION)) {
                out.add(line);
                continue;
            }
            String indent = indentOf(line);
            int end = k + 1;
            while (end < lines.length && !lines[end].contains(Assignment.END_SOLUTION)) {
                if (lines[end].contains(Assignment.BEGIN_SOLUTION)) {
                    throw new IllegalArgumentException(gradeId + ": nested " + Assignment.BEGIN_SOLUTION);
                }
                end++;
            }
            if (end == lines.length) {
                throw new IllegalArgumentException(gradeId + ": " + Assignment.BEGIN_SOLUTION + " without " + Assignment.END_SOLUTION);
            }
            out.add(indent + YOUR_CODE);
            out.add(indent + (codeFollows(lines, end + 1, indent) ? "if (true) " : "") + notImplemented(gradeId));
            k = end;
        }
        return String.join("\n", out);
    }

    /** True when a statement at {@code indent} follows before the enclosing block closes. */
    private static boolean codeFollows(String[] lines, int from, String indent) {
        for (int k = from; k < lines.length; k++) {
            String line = lines[k];
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("//")) {
                continue;
            }
            return indentOf(line).length() >= indent.length() && !trimmed.startsWith("}");
        }
        return false;
    }

    /** A written answer's region becomes nbgrader's text stub. */
    static String stubText(String source) {
        if (!source.contains(Assignment.BEGIN_SOLUTION)) {
            return YOUR_ANSWER;
        }
        Matcher m = Pattern.compile("(?s)[^\n]*" + Assignment.BEGIN_SOLUTION + ".*?" + Assignment.END_SOLUTION + "[^\n]*")
                .matcher(source);
        return m.replaceAll(YOUR_ANSWER);
    }

    /** The test cell without its hidden regions (the marker lines go too). */
    static String withoutHiddenTests(String source) {
        String[] lines = source.split("\n", -1);
        List<String> out = new ArrayList<>();
        boolean hidden = false;
        for (String line : lines) {
            if (line.contains(Assignment.BEGIN_HIDDEN)) {
                if (hidden) {
                    throw new IllegalArgumentException("nested " + Assignment.BEGIN_HIDDEN);
                }
                hidden = true;
            } else if (line.contains(Assignment.END_HIDDEN)) {
                hidden = false;
            } else if (!hidden) {
                out.add(line);
            }
        }
        if (hidden) {
            throw new IllegalArgumentException(Assignment.BEGIN_HIDDEN + " without " + Assignment.END_HIDDEN);
        }
        return String.join("\n", out);
    }

    private static String indentOf(String line) {
        int k = 0;
        while (k < line.length() && Character.isWhitespace(line.charAt(k))) {
            k++;
        }
        return line.substring(0, k);
    }
}
