package org.seqlab.grader;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A student's {@code feedback.html}: the score, what the grader noticed, every test case by exercise (public and
 * hidden: names and verdicts, never hidden test code), and the student's own cells with what they printed.
 * One self-contained page, no scripts.
 */
final class Feedback {
    private Feedback() {}

    static String html(StudentResult r) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(esc(r.assignment() + " · " + r.studentId())).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}")
                .append("table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}")
                .append("td,th{border-bottom:1px solid #ddd;padding:.35em .5em;text-align:left;vertical-align:top}")
                .append(".pass{color:#1a7f37}.fail{color:#cf222e}pre{background:#f6f8fa;padding:.6em;overflow-x:auto;white-space:pre-wrap}")
                .append(".hidden{color:#666;font-size:.9em}\n</style>\n</head>\n<body>\n");
        b.append("<h1>").append(esc(r.assignment())).append("</h1>\n<p><strong>").append(esc(r.studentId())).append("</strong>: ")
                .append(Csv.number(r.total())).append(" of ").append(Csv.number(r.max())).append(" points (")
                .append(esc(r.status())).append(")</p>\n");
        if (!r.notes().isEmpty()) {
            b.append("<h2>Notes</h2>\n<ul>\n");
            for (String n : r.notes()) {
                b.append("<li>").append(esc(n)).append("</li>\n");
            }
            b.append("</ul>\n");
        }
        Map<String, List<StudentResult.CaseResult>> byTest = new LinkedHashMap<>();
        r.cases().forEach(c -> byTest.computeIfAbsent(c.testId(), k -> new java.util.ArrayList<>()).add(c));
        for (var e : byTest.entrySet()) {
            List<StudentResult.CaseResult> cases = e.getValue();
            double points = cases.stream().mapToDouble(StudentResult.CaseResult::points).sum();
            b.append("<h2>").append(esc(cases.get(0).exercise())).append(" <span class=\"hidden\">(")
                    .append(esc(e.getKey())).append(")</span>: ").append(Csv.number(r.scores().getOrDefault(e.getKey(), 0.0)))
                    .append(" of ").append(Csv.number(points)).append("</h2>\n<table>\n<tr><th>#</th><th>test case</th><th>points</th><th>verdict</th></tr>\n");
            for (StudentResult.CaseResult c : cases) {
                b.append("<tr><td>").append(esc(c.number())).append("</td><td>").append(esc(c.name()))
                        .append(c.hidden() ? " <span class=\"hidden\">(hidden)</span>" : "").append("</td><td>")
                        .append(Csv.number(c.score())).append(" / ").append(Csv.number(c.points())).append("</td><td>");
                if (c.passed()) {
                    b.append("<span class=\"pass\">passed</span>");
                } else {
                    b.append("<span class=\"fail\">failed</span><pre>").append(esc(c.message())).append("</pre>");
                }
                b.append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
        if (!r.cells().isEmpty()) {
            b.append("<h2>Your cells</h2>\n");
            for (StudentResult.CellLog c : r.cells()) {
                b.append("<h3>").append(esc(c.gradeId())).append(" <span class=\"hidden\">(").append(esc(c.role()))
                        .append(": ").append(esc(c.outcome())).append(")</span></h3>\n<pre>").append(esc(c.code())).append("</pre>\n");
                if (!c.text().isBlank()) {
                    b.append("<p>It printed:</p>\n<pre>").append(esc(c.text())).append("</pre>\n");
                }
            }
        }
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : Ansi.strip(s).toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
