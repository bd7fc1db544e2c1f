package org.seqlab.grader;

import java.util.List;
import java.util.Map;

/**
 * One student's grade: every test case's verdict, the points per test cell, and what happened on the way.
 *
 * @param studentId   the submission's name ({@code <student_id>.ipynb} or {@code <student_id>/})
 * @param assignment  the assignment's name
 * @param graded      false when the notebook could not be read at all (it scores 0)
 * @param status      {@code graded}, with what the grader had to do in brackets, or {@code not graded: <reason>}
 * @param notes       what the feedback says about the notebook and the run, one sentence each
 * @param cases       every test case, in notebook order
 * @param scores      points earned per test cell grade id, in notebook order
 * @param max         the assignment's points
 * @param millis      wall time of grading this student
 * @param cells       the solution and own cells that ran, for the feedback
 * @param timestamp   the submission's time from its {@code timestamp.txt}, or ""
 * @param timing      where the time went
 */
record StudentResult(String studentId, String assignment, boolean graded, String status, List<String> notes,
                     List<CaseResult> cases, Map<String, Double> scores, double max, long millis,
                     List<CellLog> cells, String timestamp, Timing timing) {
    /**
     * One test case's verdict.
     *
     * @param number  Gradescope's test number, {@code exercise.case}
     * @param message "" when it passed, else the verdict's text
     */
    record CaseResult(String testId, String exercise, String name, String number, double points, boolean hidden,
                      boolean passed, String message) {
        double score() {
            return passed ? points : 0;
        }
    }

    /** A cell of the learner's that ran (or did not), for the feedback. */
    record CellLog(String gradeId, String role, String code, String outcome, String text) {}

    /**
     * Milliseconds spent starting kernels, replaying cells after restarts, and running cells; kernels started.
     */
    record Timing(long start, long replay, long run, int kernels) {
        static final Timing NONE = new Timing(0, 0, 0, 0);
    }

    double total() {
        return scores.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
