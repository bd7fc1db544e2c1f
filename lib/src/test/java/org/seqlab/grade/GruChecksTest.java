package org.seqlab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class GruChecksTest {
    private static final int[] RZN = {0, 1, 2};

    @Test
    void theExpectedStepIsTheEquationsWrittenOut() {
        GruChecks.Step s = GruChecks.step(1, 2, 3, 4, DataType.DOUBLE);
        assertTrue(Judge.verdict(GruChecks.forward(s), GruChecks.manual(s, RZN, false, false, true)).passed());
        GruChecks.Step f = GruChecks.step(2, 3, 2, 3, DataType.FLOAT);
        assertTrue(Judge.verdict(GruChecks.forward(f), GruChecks.manual(f, RZN, false, false, true)).passed());
    }

    @Test
    void eachKnownForwardMistakeGetsItsHint() {
        GruChecks.Step s = GruChecks.step(3, 2, 3, 3, DataType.DOUBLE);
        Expect e = GruChecks.forward(s);
        assertTrue(Judge.hint(e, GruChecks.manual(s, RZN, true, false, true)).startsWith("the update gate's roles are swapped"));
        assertTrue(Judge.hint(e, GruChecks.manual(s, RZN, false, true, true)).startsWith("the reset gate multiplies"));
        assertTrue(Judge.hint(e, GruChecks.manual(s, new int[] {1, 0, 2}, false, false, true)).startsWith("the gates are in the wrong order"));
        assertTrue(Judge.hint(e, GruChecks.manual(s, RZN, false, false, false)).startsWith("the candidate is missing its tanh"));
        INDArray other = GruChecks.manual(s, RZN, false, false, true).mul(2);
        assertEquals("", Judge.hint(e, other));
        assertTrue(!Judge.verdict(e, other).passed());
    }

    @Test
    void theParameterCountIsPyTorchs() {
        // nn.GRU(input_size=3, hidden_size=5): weight_ih [15, 3], weight_hh [15, 5], bias_ih [15], bias_hh [15] = 150
        assertTrue(Judge.verdict(GruChecks.parameterCount(3, 5), 150L).passed());
        GruChecks.Step s = GruChecks.step(4, 1, 7, 6, DataType.FLOAT);
        assertTrue(Judge.verdict(GruChecks.parameterCount(7, 6), GruChecks.cell(s).parameters().count()).passed());
        Expect e = GruChecks.parameterCount(3, 5);
        assertTrue(Judge.hint(e, 3L * (15 + 25 + 5)).startsWith("PyTorch's GRU has two bias vectors"));
        assertTrue(Judge.hint(e, 4L * (15 + 25 + 10)).startsWith("that is an LSTM's count"));
        assertTrue(!Judge.verdict(e, 151L).passed());
    }

    @Test
    void theBudgetIsTheLargestHiddenSizeWithinTheLstmsCount() {
        // LSTM D = 2, H = 32: 4·32·36 = 4,608 parameters; GRU H = 37: 3·37·41 = 4,551; H = 38: 3·38·42 = 4,788
        assertTrue(Judge.verdict(GruChecks.hiddenForLstmBudget(2, 32), 37L).passed());
        assertTrue(Judge.hint(GruChecks.hiddenForLstmBudget(2, 32), 38L).startsWith("that hidden size is one over"));
        assertTrue(Judge.hint(GruChecks.hiddenForLstmBudget(2, 32), 32L).startsWith("that is the LSTM's own"));
        for (long D : new long[] {1, 2, 65, 300}) {
            for (long h : new long[] {1, 7, 64, 256}) {
                long got = (Long) GruChecks.hiddenForLstmBudget(D, h).resolveReference();
                long lstm = 4 * h * (D + h + 2);
                assertTrue(3 * got * (D + got + 2) <= lstm && 3 * (got + 1) * (D + got + 3) > lstm, D + ", " + h + " -> " + got);
            }
        }
    }
}
