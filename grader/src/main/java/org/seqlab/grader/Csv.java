package org.seqlab.grader;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The class's CSV files: {@code grades.csv} with nbgrader's export columns, {@code scores.csv} with one column per
 * test cell, and the roster nbgrader imports ({@code id,first_name,last_name,email}).
 */
final class Csv {
    /** nbgrader's {@code CsvExportPlugin} columns, in its order. */
    static final List<String> GRADES_COLUMNS = List.of("assignment", "duedate", "timestamp", "student_id", "last_name",
            "first_name", "email", "raw_score", "late_submission_penalty", "score", "max_score");

    private Csv() {}

    /** A student of the roster. */
    record Student(String id, String firstName, String lastName, String email) {}

    /** Reads a roster with nbgrader's columns ({@code id} required; the names and email optional). */
    static Map<String, Student> roster(Path file) throws IOException {
        Map<String, Student> students = new LinkedHashMap<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                if (!r.isMapped("id")) {
                    throw new IllegalArgumentException("the roster " + file + " needs an id column (nbgrader's: id,first_name,last_name,email)");
                }
                String id = r.get("id").strip();
                students.put(id, new Student(id, get(r, "first_name"), get(r, "last_name"), get(r, "email")));
            }
        }
        return students;
    }

    private static String get(CSVRecord r, String column) {
        return r.isMapped(column) && r.isSet(column) ? r.get(column).strip() : "";
    }

    /**
     * Writes {@code grades.csv}: one row per student, sorted by id, numbers as Python prints floats (as nbgrader's
     * export does), a student of the roster without a submission with 0.
     */
    static void grades(Path file, String assignment, String duedate, List<StudentResult> results, Map<String, Student> roster,
                       double maxScore) throws IOException {
        Map<String, StudentResult> byId = new java.util.TreeMap<>();
        results.forEach(r -> byId.put(r.studentId(), r));
        java.util.TreeSet<String> ids = new java.util.TreeSet<>(byId.keySet());
        ids.addAll(roster.keySet());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            csv.printRecord(GRADES_COLUMNS);
            for (String id : ids) {
                StudentResult r = byId.get(id);
                Student s = roster.getOrDefault(id, new Student(id, "", "", ""));
                double raw = r == null ? 0 : r.total();
                double penalty = 0;
                csv.printRecord(assignment, duedate, r == null ? "" : r.timestamp(), id, s.lastName(), s.firstName(), s.email(),
                        number(raw), number(penalty), number(Math.max(0, raw - penalty)), number(maxScore));
            }
        }
    }

    /** Writes {@code scores.csv}: the points of each test cell, the total, the percentage and the grading status. */
    static void scores(Path file, List<String> testIds, List<StudentResult> results, Map<String, Student> roster,
                       double maxScore) throws IOException {
        Map<String, StudentResult> byId = new java.util.TreeMap<>();
        results.forEach(r -> byId.put(r.studentId(), r));
        java.util.TreeSet<String> ids = new java.util.TreeSet<>(byId.keySet());
        ids.addAll(roster.keySet());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            List<String> header = new ArrayList<>();
            header.add("student_id");
            header.addAll(testIds);
            header.addAll(List.of("total_points_earned", "percent_correct", "grading_status"));
            csv.printRecord(header);
            for (String id : ids) {
                StudentResult r = byId.get(id);
                List<String> row = new ArrayList<>();
                row.add(id);
                for (String t : testIds) {
                    row.add(number(r == null ? 0 : r.scores().getOrDefault(t, 0.0)));
                }
                double total = r == null ? 0 : r.total();
                row.add(number(total));
                row.add(String.format(java.util.Locale.ROOT, "%.1f", maxScore == 0 ? 0 : 100 * total / maxScore));
                row.add(r == null ? "no submission" : r.status());
                csv.printRecord(row);
            }
        }
    }

    /** A number as Python's {@code str(float)} writes it for scores: {@code 3.0}, {@code 2.5}. */
    static String number(double x) {
        return Nbgrader.pythonFloat(x);
    }
}
