package org.seqlab.grader;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * nbgrader's cell metadata (schema version 3) and its checksum, as nbgrader's {@code utils.py} defines them, so that
 * nbgrader's own tools accept the notebooks this grader releases.
 *
 * <pre>
 *   metadata.nbgrader = {schema_version: 3, grade, solution, locked, grade_id, points (grade cells),
 *                        checksum and cell_type (released files only)}
 * </pre>
 */
final class Nbgrader {
    /** The schema version nbgrader 0.9 writes and checks. */
    static final int SCHEMA_VERSION = 3;
    /** What a grade id may contain. */
    static final String GRADE_ID = "^[a-zA-Z0-9_\\-]*$";

    private Nbgrader() {}

    /** The cell's {@code metadata.nbgrader}, or null. */
    static JsonObject meta(Notebook.Cell cell) {
        JsonElement m = cell.metadata().get("nbgrader");
        return m != null && m.isJsonObject() ? m.getAsJsonObject() : null;
    }

    private static boolean flag(Notebook.Cell cell, String name) {
        JsonObject m = meta(cell);
        return m != null && m.has(name) && m.get(name).isJsonPrimitive() && m.get(name).getAsBoolean();
    }

    /** nbgrader's {@code is_grade}: a cell whose tests give points. */
    static boolean isGrade(Notebook.Cell cell) {
        return flag(cell, "grade");
    }

    /** nbgrader's {@code is_solution}: a cell the student writes. */
    static boolean isSolution(Notebook.Cell cell) {
        return flag(cell, "solution");
    }

    /** nbgrader's {@code is_locked}: not a solution, and a grade cell or marked locked. */
    static boolean isLocked(Notebook.Cell cell) {
        if (meta(cell) == null || isSolution(cell)) {
            return false;
        }
        return isGrade(cell) || flag(cell, "locked");
    }

    /** True for the cells nbgrader tracks: grade, solution or locked. */
    static boolean isTracked(Notebook.Cell cell) {
        return isGrade(cell) || isSolution(cell) || isLocked(cell);
    }

    /** The cell's grade id, or null. */
    static String gradeId(Notebook.Cell cell) {
        JsonObject m = meta(cell);
        return m != null && m.has("grade_id") && m.get("grade_id").isJsonPrimitive() ? m.get("grade_id").getAsString() : null;
    }

    /** The points of a grade cell (0 for any other). */
    static double points(Notebook.Cell cell) {
        JsonObject m = meta(cell);
        return isGrade(cell) && m.has("points") ? m.get("points").getAsDouble() : 0;
    }

    /**
     * nbgrader's {@code compute_checksum}: the MD5 of the cell's source, its type, whether it is a grade, solution
     * and locked cell (Python's {@code True}/{@code False}), its grade id, and for a grade cell its points as Python
     * writes a float.
     */
    static String checksum(Notebook.Cell cell) {
        StringBuilder m = new StringBuilder();
        m.append(cell.source());
        m.append(cell.type());
        m.append(python(isGrade(cell)));
        m.append(python(isSolution(cell)));
        m.append(python(isLocked(cell)));
        m.append(gradeId(cell));
        if (isGrade(cell)) {
            m.append(pythonFloat(points(cell)));
        }
        return DigestUtils.md5Hex(m.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String python(boolean b) {
        return b ? "True" : "False";
    }

    /** {@code str(float(x))} in Python for the values points take (whole numbers and short decimals). */
    static String pythonFloat(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e16) {
            return (long) x + ".0";
        }
        return Double.toString(x);
    }
}
