package org.seqlab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

class ClipChecksTest {
    @Test
    void clippingScalesEveryTensorByOneFactorOnlyAboveTheLimit() {
        ClipChecks.Gradients g = ClipChecks.gradients(1, 3.0, DataType.DOUBLE, new long[] {2, 3}, new long[] {3});
        ClipChecks.Clipped c = (ClipChecks.Clipped) ClipChecks.clip(g, 1.0).resolveReference();
        double norm = Math.sqrt(g.tensors().stream().mapToDouble(t -> t.mul(t).sumNumber().doubleValue()).sum());
        assertEquals(norm, c.norm(), 1e-12);
        assertEquals(g.tensors().get(1).getDouble(2) / (norm + 1e-6), c.grads().get(1).getDouble(2), 1e-12);
        ClipChecks.Clipped small = (ClipChecks.Clipped) ClipChecks.clip(g, 1e6).resolveReference();
        assertEquals(g.tensors().get(0), small.grads().get(0));
    }

    @Test
    void perTensorClippingGetsItsHint() {
        ClipChecks.Gradients g = ClipChecks.gradients(2, 3.0, DataType.DOUBLE, new long[] {4}, new long[] {2, 2});
        List<INDArray> mine = g.grads();
        double norm = Math.sqrt(mine.stream().mapToDouble(t -> t.mul(t).sumNumber().doubleValue()).sum());
        for (INDArray t : mine) {
            double n = t.norm2Number().doubleValue();
            t.muli(1.0 / (n + 1e-6));
        }
        assertTrue(Judge.hint(ClipChecks.clip(g, 1.0), new ClipChecks.Clipped(norm, mine)).startsWith("each tensor was clipped"));
    }

    @Test
    void theReachIsTheNormOfTheGradientThroughTheStates() {
        int T = 6, B = 2, H = 3;
        ClipChecks.Reach r = ClipChecks.reach(3, T, B, H, 1.5, DataType.DOUBLE);
        double[] reach = (double[]) ClipChecks.gradientNormOverLag(r).resolveReference();
        assertEquals(r.dhT().norm2Number().doubleValue(), reach[0], 1e-12);
        // ∂L/∂h_{T−k} for L = Σ h_T ⊙ dhT, with h_{t} = tanh(a_t) and a_t depending on h_{t−1} through h W_hhᵀ:
        // perturb h_{T−k} and run the remaining steps with the inputs' share fixed (a_t − h_{t−1} W_hhᵀ).
        for (int k : new int[] {1, 3, T - 1}) {
            int t0 = T - 1 - k;
            INDArray start = r.hs().slice(t0).dup();
            List<INDArray> inputShare = new ArrayList<>();
            for (int t = t0 + 1; t < T; t++) {
                INDArray h = r.hs().slice(t), prev = r.hs().slice(t - 1);
                inputShare.add(Transforms.atanh(h, true).subi(prev.mmul(r.W_hh().transpose())));
            }
            double numericNorm = numericGradient(start, inputShare, r).norm2Number().doubleValue();
            assertEquals(numericNorm, reach[k], 1e-6 * Math.max(1, numericNorm), "lag " + k);
        }
    }

    private static INDArray numericGradient(INDArray start, List<INDArray> inputShare, ClipChecks.Reach r) {
        INDArray g = start.like();
        double eps = 1e-6;
        for (long i = 0; i < start.length(); i++) {
            double old = start.getDouble(i);
            start.putScalar(i, old + eps);
            double up = run(start, inputShare, r);
            start.putScalar(i, old - eps);
            double down = run(start, inputShare, r);
            start.putScalar(i, old);
            g.putScalar(i, (up - down) / (2 * eps));
        }
        return g;
    }

    private static double run(INDArray start, List<INDArray> inputShare, ClipChecks.Reach r) {
        INDArray h = start;
        for (INDArray u : inputShare) {
            h = Transforms.tanh(h.mmul(r.W_hh().transpose()).add(u), true);
        }
        return h.mul(r.dhT()).sumNumber().doubleValue();
    }

    @Test
    void transposedRecurrentWeightsGetTheirHint() {
        ClipChecks.Reach r = ClipChecks.reach(4, 5, 2, 3, 1.5, DataType.DOUBLE);
        ClipChecks.Reach transposed = new ClipChecks.Reach(r.W_hh().transpose().dup(), r.hs(), r.dhT());
        double[] wrong = (double[]) ClipChecks.gradientNormOverLag(transposed).resolveReference();
        assertTrue(Judge.hint(ClipChecks.gradientNormOverLag(r), wrong).startsWith("this is what W_hhᵀ gives"));
    }
}
