package org.seqlab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    private static final Comparison.Tolerance TOL = Comparison.Tolerance.DOUBLE;

    private static Value.Arr arr(String dtype, long[] shape, double... data) {
        return new Value.Arr(dtype, shape, data);
    }

    @Test
    void equalArraysWithinToleranceMatch() {
        assertNull(Comparison.compare(arr("DOUBLE", new long[] {2}, 1, 2), arr("DOUBLE", new long[] {2}, 1 + 1e-12, 2), TOL));
    }

    @Test
    void aShapeMismatchNamesBothShapes() {
        Comparison.Difference d = Comparison.compare(arr("DOUBLE", new long[] {2, 3}, new double[6]),
                arr("DOUBLE", new long[] {3, 2}, new double[6]), TOL);
        assertEquals("Failed test case: c. Expected: shape [2, 3] Got: shape [3, 2]", d.message("c"));
    }

    @Test
    void theFirstDifferingIndexIsNamedRowMajor() {
        Comparison.Difference d = Comparison.compare(arr("DOUBLE", new long[] {2, 3}, 0, 1, 2, 3, 4, 5),
                arr("DOUBLE", new long[] {2, 3}, 0, 1, 2, 3, 4.5, 6), TOL);
        assertEquals("Failed test case: c. Expected: 4.0 Got: 4.5 at index [1, 1], the first that differs (shape [2, 3])",
                d.message("c"));
    }

    @Test
    void aFloat32AnswerToAFloat64QuestionFails() {
        Comparison.Difference d = Comparison.compare(arr("DOUBLE", new long[] {1}, 1), arr("FLOAT", new long[] {1}, 1), TOL);
        assertTrue(d.message("c").contains("Expected: DOUBLE values Got: FLOAT values"), d.message("c"));
    }

    @Test
    void javaArraysCarryNoFloatingTypeChoice() {
        assertNull(Comparison.compare(arr("DOUBLE", new long[] {2}, 1, 2), arr("double[]", new long[] {2}, 1, 2), TOL));
    }

    @Test
    void integersAreComparedExactly() {
        assertEquals("Expected: 2136 Got: 2137",
                Comparison.compare(new Value.Num(2136, true), new Value.Num(2137, true), new Comparison.Tolerance(1, 1))
                        .message("c").replaceFirst(".*\\. ", ""));
    }

    @Test
    void nanMatchesOnlyNan() {
        Value nan = new Value.Num(Double.NaN, false);
        assertNull(Comparison.compare(nan, nan, TOL));
        assertTrue(Comparison.compare(nan, new Value.Num(0, false), TOL) != null);
        assertTrue(Comparison.compare(new Value.Num(0, false), nan, TOL) != null);
    }

    @Test
    void aComponentThatDiffersIsNamed() {
        Map<String, Value> expected = new LinkedHashMap<>();
        expected.put("dx", new Value.Num(1, false));
        expected.put("dW_hh", arr("DOUBLE", new long[] {2}, 1, 2));
        Map<String, Value> got = new LinkedHashMap<>(expected);
        got.put("dW_hh", arr("DOUBLE", new long[] {2}, 1, 3));
        String message = Comparison.compare(new Value.Struct("map", expected), new Value.Struct("StepGrads", got), TOL)
                .message("backward");
        assertTrue(message.startsWith("Failed test case: backward (dW_hh). Expected: 2.0 Got: 3.0 at index [1]"), message);
    }

    @Test
    void aMissingComponentIsNamed() {
        Value expected = new Value.Struct("map", Map.of("db", new Value.Num(1, false)));
        Value got = new Value.Struct("Grads", Map.of());
        assertTrue(Comparison.compare(expected, got, TOL).message("c").contains("no component named db"));
    }

    @Test
    void anExceptionIsTheAnswerItGave() {
        String message = Comparison.compare(arr("DOUBLE", new long[] {2, 4}, new double[8]),
                new Value.Thrown("UnsupportedOperationException", "rnn_step: not implemented yet"), TOL).message("c");
        assertEquals("Failed test case: c. Expected: an array of shape [2, 4] (DOUBLE) Got: an exception, "
                + "UnsupportedOperationException: rnn_step: not implemented yet", message);
    }

    @Test
    void anExpectedExceptionMatchesByType() {
        assertNull(Comparison.compare(new Value.Thrown("IllegalArgumentException", ""),
                new Value.Thrown("IllegalArgumentException", "length 4 is not in 0..3"), TOL));
        assertTrue(Comparison.compare(new Value.Thrown("IllegalArgumentException", ""), arr("DOUBLE", new long[] {1}, 0), TOL)
                .message("c").contains("Expected: an exception, IllegalArgumentException"));
    }

    @Test
    void listsCompareItemByItem() {
        Value a = new Value.Seq(List.of(new Value.Num(1, false), new Value.Num(2, false)));
        Value b = new Value.Seq(List.of(new Value.Num(1, false), new Value.Num(5, false)));
        assertTrue(Comparison.compare(a, b, TOL).message("c").startsWith("Failed test case: c ([1]). Expected: 2.0 Got: 5.0"));
        assertTrue(Comparison.compare(a, new Value.Seq(List.of()), TOL).message("c").contains("Expected: 2 items Got: 0 items"));
    }

    @Test
    void numbersPrintToSevenSignificantDigits() {
        assertEquals("0.4621172", Comparison.format(0.46211715726000974, false));
        assertEquals("1.0e-8", Comparison.format(1e-8, false));
        assertEquals("3.0", Comparison.format(3, false));
        assertEquals("3", Comparison.format(3, true));
    }
}
