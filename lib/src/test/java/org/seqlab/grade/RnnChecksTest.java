package org.seqlab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.seqlab.check.GradientCheck;

class RnnChecksTest {
    /** Lesson 03's step written out: h' = tanh(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh). */
    private static INDArray step(INDArray x, INDArray h, INDArray W_ih, INDArray W_hh, INDArray b_ih, INDArray b_hh) {
        return Transforms.tanh(x.mmul(W_ih.transpose()).addiRowVector(b_ih).addi(h.mmul(W_hh.transpose())).addiRowVector(b_hh), true);
    }

    @Test
    void theExpectedStepIsTheLessonsFormula() {
        RnnChecks.Step s = RnnChecks.step(1, 2, 3, 4, DataType.DOUBLE);
        assertTrue(Judge.verdict(RnnChecks.step(s), step(s.x(), s.h(), s.W_ih(), s.W_hh(), s.b_ih(), s.b_hh())).passed());
    }

    @Test
    void eachKnownStepMistakeGetsItsHint() {
        RnnChecks.Step s = RnnChecks.step(2, 2, 3, 3, DataType.DOUBLE);
        Expect e = RnnChecks.step(s);
        assertTrue(Judge.hint(e, step(s.x(), s.h(), s.W_ih().transpose(), s.W_hh().transpose(), s.b_ih(), s.b_hh()))
                .startsWith("this is what transposed weights give"));
        INDArray zero = s.b_ih().mul(0);
        assertTrue(Judge.hint(e, step(s.x(), s.h(), s.W_ih(), s.W_hh(), zero, zero)).startsWith("the biases are missing"));
        assertTrue(Judge.hint(e, step(s.x(), s.h(), s.W_ih(), s.W_hh(), s.b_ih(), zero)).startsWith("b_hh is missing"));
        INDArray a = s.x().mmul(s.W_ih().transpose()).addiRowVector(s.b_ih()).addi(s.h().mmul(s.W_hh().transpose())).addiRowVector(s.b_hh());
        assertTrue(Judge.hint(e, a).startsWith("the non-linearity is missing"));
        assertEquals("", Judge.hint(e, a.mul(2)), "an answer that matches no known mistake gets no hint");
    }

    @Test
    void theBackwardStepMatchesFiniteDifferences() {
        RnnChecks.Backward b = RnnChecks.backward(3, 2, 3, 4, DataType.DOUBLE);
        @SuppressWarnings("unchecked")
        Map<String, INDArray> g = (Map<String, INDArray>) RnnChecks.stepBackward(b).resolveReference();
        // L = Σ h' ⊙ δh', so ∂L/∂h' = δh' and the backward step must give ∂L/∂(x, h, W_ih, W_hh, b_ih).
        INDArray x = b.x().dup(), h = b.h().dup(), W_ih = b.W_ih().dup(), W_hh = b.W_hh().dup(), b_ih = b.b_ih().dup();
        List<GradientCheck.Target> targets = new ArrayList<>(List.of(new GradientCheck.Target("dx", x, g.get("dx")),
                new GradientCheck.Target("dh", h, g.get("dh")), new GradientCheck.Target("dW_ih", W_ih, g.get("dW_ih")),
                new GradientCheck.Target("dW_hh", W_hh, g.get("dW_hh")), new GradientCheck.Target("db", b_ih, g.get("db"))));
        GradientCheck.Report report = GradientCheck.check(
                () -> step(x, h, W_ih, W_hh, b_ih, b.b_hh()).mul(b.dhNext()).sumNumber().doubleValue(), targets);
        assertTrue(report.maxRelativeError() < 1e-6, report.toString());
    }

    @Test
    void backpropagationThroughTimeMatchesFiniteDifferences() {
        RnnChecks.Sequence s = RnnChecks.sequence(4, 5, 2, 3, 4, DataType.DOUBLE);
        @SuppressWarnings("unchecked")
        Map<String, INDArray> g = (Map<String, INDArray>) RnnChecks.bptt(s).resolveReference();
        INDArray xs = s.xs().dup(), h0 = s.h0().dup(), W_ih = s.W_ih().dup(), W_hh = s.W_hh().dup(), b_ih = s.b_ih().dup();
        List<GradientCheck.Target> targets = List.of(new GradientCheck.Target("dxs", xs, g.get("dxs")),
                new GradientCheck.Target("dh0", h0, g.get("dh0")), new GradientCheck.Target("dW_ih", W_ih, g.get("dW_ih")),
                new GradientCheck.Target("dW_hh", W_hh, g.get("dW_hh")), new GradientCheck.Target("db", b_ih, g.get("db")));
        GradientCheck.Report report = GradientCheck.check(() -> {
            double loss = 0;
            INDArray h = h0;
            for (int t = 0; t < xs.size(0); t++) {
                h = step(xs.slice(t), h, W_ih, W_hh, b_ih, s.b_hh());
                loss += h.mul(s.dhs().slice(t)).sumNumber().doubleValue();     // L = Σ_t h_t ⊙ dhs[t]
            }
            return loss;
        }, targets);
        assertTrue(report.maxRelativeError() < 1e-6, report.toString());
    }

    @Test
    void aBackwardStepWithoutTheTanhDerivativeGetsItsHint() {
        RnnChecks.Backward b = RnnChecks.backward(5, 2, 3, 3, DataType.DOUBLE);
        INDArray da = b.dhNext();
        Map<String, INDArray> wrong = Map.of("dx", da.mmul(b.W_ih()), "dh", da.mmul(b.W_hh()),
                "dW_ih", da.transpose().mmul(b.x()), "dW_hh", da.transpose().mmul(b.h()), "db", da.sum(0));
        assertTrue(Judge.hint(RnnChecks.stepBackward(b), wrong).startsWith("the tanh derivative is missing"));
    }

    @Test
    void aFloat32StepIsJudgedInFloat32() {
        RnnChecks.Step s = RnnChecks.step(6, 1, 2, 2, DataType.FLOAT);
        INDArray ours = step(s.x(), s.h(), s.W_ih(), s.W_hh(), s.b_ih(), s.b_hh());
        assertTrue(Judge.verdict(RnnChecks.step(s), ours).passed());
        assertTrue(Judge.verdict(RnnChecks.step(s), ours.castTo(DataType.DOUBLE)).message().contains("Expected: FLOAT values"));
        assertEquals(DataType.FLOAT, Nd4j.zeros(DataType.FLOAT, 1).dataType());
    }
}
