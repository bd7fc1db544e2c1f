package org.seqlab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.check.GradientCheck;

class LstmChecksTest {
    private static final int[] IFGO = {0, 1, 2, 3};

    @Test
    void theExpectedStepIsTheEquationsWrittenOut() {
        LstmChecks.Step s = LstmChecks.step(1, 2, 3, 4, DataType.DOUBLE);
        assertTrue(Judge.verdict(LstmChecks.forward(s), LstmChecks.manual(s, IFGO, true, true)).passed());
    }

    @Test
    void eachKnownForwardMistakeGetsItsHint() {
        LstmChecks.Step s = LstmChecks.step(2, 2, 3, 3, DataType.DOUBLE);
        Expect e = LstmChecks.forward(s);
        assertTrue(Judge.hint(e, LstmChecks.manual(s, new int[] {0, 1, 3, 2}, true, true)).startsWith("the gates are in the wrong order"));
        assertTrue(Judge.hint(e, LstmChecks.manual(s, IFGO, false, true)).startsWith("the old cell state is missing"));
        assertTrue(Judge.hint(e, LstmChecks.manual(s, IFGO, true, false)).startsWith("the tanh on the cell state is missing"));
        Map<String, INDArray> other = LstmChecks.manual(s, IFGO, true, true);
        other.put("c", other.get("c").mul(2));
        assertEquals("", Judge.hint(e, other));
    }

    @Test
    void theBackwardStepMatchesFiniteDifferences() {
        LstmChecks.Backward b = LstmChecks.backward(3, 2, 3, 4, DataType.DOUBLE);
        @SuppressWarnings("unchecked")
        Map<String, INDArray> g = (Map<String, INDArray>) LstmChecks.backward(b).resolveReference();
        LstmChecks.Step s = b.step();
        INDArray x = s.x().dup(), h = s.h().dup(), c = s.c().dup(), W_ih = s.W_ih().dup(), W_hh = s.W_hh().dup(), b_ih = s.b_ih().dup();
        LstmChecks.Step live = new LstmChecks.Step(x, h, c, W_ih, W_hh, b_ih, s.b_hh());
        // L = Σ h' ⊙ δh' + Σ c' ⊙ δc', so the backward step must give ∂L/∂(x, h, c, W_ih, W_hh, b_ih).
        GradientCheck.Report report = GradientCheck.check(() -> {
            Map<String, INDArray> out = LstmChecks.manual(live, IFGO, true, true);
            return out.get("h").mul(b.dhNext()).sumNumber().doubleValue() + out.get("c").mul(b.dcNext()).sumNumber().doubleValue();
        }, List.of(new GradientCheck.Target("dx", x, g.get("dx")), new GradientCheck.Target("dh", h, g.get("dh")),
                new GradientCheck.Target("dc", c, g.get("dc")), new GradientCheck.Target("dW_ih", W_ih, g.get("dW_ih")),
                new GradientCheck.Target("dW_hh", W_hh, g.get("dW_hh")), new GradientCheck.Target("db", b_ih, g.get("db"))));
        assertTrue(report.maxRelativeError() < 1e-6, report.toString());
    }

    @Test
    void droppingTheCellGradientFromTheNextStepGetsItsHint() {
        LstmChecks.Backward b = LstmChecks.backward(4, 2, 3, 4, DataType.DOUBLE);
        Expect e = LstmChecks.backward(b);
        @SuppressWarnings("unchecked")
        Map<String, INDArray> dropped = (Map<String, INDArray>) LstmChecks.backward(
                new LstmChecks.Backward(b.step(), b.dhNext(), b.dcNext().mul(0))).resolveReference();
        assertTrue(Judge.hint(e, dropped).startsWith("δc' from the next step is missing"));
    }
}
