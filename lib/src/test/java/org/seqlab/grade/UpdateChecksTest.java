package org.seqlab.grade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UpdateChecksTest {
    @Test
    void theLongestRunCountsOnesAndKeepsItsMaximum() {
        double[][] states = UpdateChecks.states(UpdateChecks::longestRun, new double[] {0, 0}, new double[] {1, 1, 0, 1, 1, 1, 0});
        assertArrayEquals(new double[] {2, 2}, states[1]);
        assertArrayEquals(new double[] {0, 2}, states[2]);
        assertArrayEquals(new double[] {3, 3}, states[5]);
        assertArrayEquals(new double[] {0, 3}, states[6]);
    }

    @Test
    void aRunThatAZeroDoesNotEndGetsItsHint() {
        assertTrue(Judge.hint(UpdateChecks.update(new double[] {2, 3}, 0), new double[] {2, 3}).startsWith("a 0 must end the run"));
        assertTrue(Judge.hint(UpdateChecks.update(new double[] {3, 3}, 1), new double[] {4, 3}).startsWith("the longest run m must"));
    }

    @Test
    void traceMistakesInTimeGetTheirHints() {
        double[] xs = {1, 0, 1, 1};
        Expect e = UpdateChecks.trace((h, x) -> new double[] {h[0] + x}, new double[] {0}, xs);
        assertTrue(Judge.verdict(e, new double[][] {{1}, {1}, {2}, {3}}).passed());
        assertTrue(Judge.hint(e, new double[][] {{0}, {1}, {1}, {2}, {3}}).startsWith("the trace holds h_1 .. h_T"));
        assertTrue(Judge.hint(e, new double[][] {{0}, {1}, {1}, {2}}).startsWith("the trace stops one step early"));
        assertTrue(Judge.hint(e, new double[][] {{3}, {3}, {3}, {3}}).startsWith("every row is the same array"));
    }
}
