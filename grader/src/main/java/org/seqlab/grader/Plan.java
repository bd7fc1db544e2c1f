package org.seqlab.grader;

import java.util.List;

/**
 * The cells a grader runs for one notebook, in order: state cells (setup, solutions, a learner's own cells) first,
 * then the test cells, so that hidden tests reach the kernel only after every cell of the submission has run.
 *
 * @param cells the cells in notebook order
 */
record Plan(List<Step> cells) {
    /** What a cell is to the grader. */
    enum Role { SETUP, SOLUTION, EXTRA, TEST }

    /**
     * One cell to run.
     *
     * @param gradeId    its grade id, or a name such as {@code "extra-3"} for a learner's own cell
     * @param role       what it is
     * @param code       the code to run
     * @param unanswered for a solution cell, true when it still holds the released stub (it is not run)
     */
    record Step(String gradeId, Role role, String code, boolean unanswered) {}

    List<Step> stateCells() {
        return cells.stream().filter(s -> s.role() != Role.TEST).toList();
    }

    List<Step> testCells() {
        return cells.stream().filter(s -> s.role() == Role.TEST).toList();
    }
}
