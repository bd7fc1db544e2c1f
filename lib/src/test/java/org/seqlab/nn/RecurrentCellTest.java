package org.seqlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.seqlab.check.GradientCheck;
import org.seqlab.data.Sequence;
import org.seqlab.data.SequenceBatch;
import org.seqlab.data.Batcher;
import org.seqlab.models.CharLanguageModel;
import org.seqlab.train.FitResult;
import org.seqlab.train.StopReason;
import org.seqlab.train.Trainer;

/**
 * What a learner does in lessons 05–06: writes a cell of their own against {@link RecurrentCell}, and
 * {@link Recurrent} unrolls it (masks, initial states, stacking, token ids, truncated BPTT) and {@code Trainer}
 * trains it. The cell here is a minimal gated unit (Zhou et al. 2016), written the way the javadoc says.
 */
class RecurrentCellTest {
    private static final int T = 5, B = 3, D = 2, H = 3;

    /**
     * A minimal gated unit: one gate f both forgets and writes.
     *
     * <pre>
     *   f  = σ(W_f x + U_f h + b_f)
     *   n  = tanh(W_n x + U_n (f ⊙ h) + b_n)
     *   h' = (1 − f) ⊙ h + f ⊙ n
     * </pre>
     */
    static final class MinimalGatedUnit implements RecurrentCell<MinimalGatedUnit.Step> {
        record Step(State prev, State next, INDArray f, INDArray n) implements RecurrentCell.Step {
            @Override
            public Map<String, INDArray> values() {
                return Map.of("f", f, "n", n, "h", next.h());
            }
        }

        final Parameters params = new Parameters();
        final Parameter wF, uF, bF, wN, uN, bN;

        MinimalGatedUnit(int inputSize, int hiddenSize, Random rng, DataType dtype) {
            double k = 1 / Math.sqrt(hiddenSize);
            wF = params.add("W_f", Init.uniform(rng, dtype, -k, k, hiddenSize, inputSize));
            uF = params.add("U_f", Init.uniform(rng, dtype, -k, k, hiddenSize, hiddenSize));
            bF = params.add("b_f", Init.uniform(rng, dtype, -k, k, hiddenSize));
            wN = params.add("W_n", Init.uniform(rng, dtype, -k, k, hiddenSize, inputSize));
            uN = params.add("U_n", Init.uniform(rng, dtype, -k, k, hiddenSize, hiddenSize));
            bN = params.add("b_n", Init.uniform(rng, dtype, -k, k, hiddenSize));
        }

        @Override
        public int inputSize() {
            return (int) wF.value().size(1);
        }

        @Override
        public int hiddenSize() {
            return (int) uF.value().size(0);
        }

        @Override
        public Parameters parameters() {
            return params;
        }

        @Override
        public Step forward(INDArray x, State prev) {
            INDArray h = prev.h();
            INDArray f = Transforms.sigmoid(x.mmul(wF.value().transpose()).addi(h.mmul(uF.value().transpose()))
                    .addiRowVector(bF.value()), false);
            INDArray n = Transforms.tanh(x.mmul(wN.value().transpose()).addi(f.mul(h).mmul(uN.value().transpose()))
                    .addiRowVector(bN.value()), false);
            INDArray hNext = f.rsub(1.0).muli(h).addi(f.mul(n));
            return new Step(prev, State.of(hNext), f, n);
        }

        @Override
        public StepGrad backward(Step s, INDArray x, State dNext) {
            INDArray dh = dNext.h();
            INDArray h = s.prev().h();
            INDArray f = s.f();
            INDArray n = s.n();
            INDArray fh = f.mul(h);
            INDArray dAn = dh.mul(f).muli(n.mul(n).rsubi(1.0));          // δa_n = δh' ⊙ f ⊙ (1 − n²)
            INDArray dFh = dAn.mmul(uN.value());                         // δ(f ⊙ h) = δa_n U_n
            INDArray df = dh.mul(n.sub(h)).addi(dFh.mul(h));              // δf = δh' ⊙ (n − h) + δ(f⊙h) ⊙ h
            INDArray dAf = df.muli(f.rsub(1.0).muli(f));                 // δa_f = δf ⊙ f(1 − f)
            wN.grad().addi(dAn.transpose().mmul(x));
            uN.grad().addi(dAn.transpose().mmul(fh));
            bN.grad().addi(dAn.sum(0));
            wF.grad().addi(dAf.transpose().mmul(x));
            uF.grad().addi(dAf.transpose().mmul(h));
            bF.grad().addi(dAf.sum(0));
            INDArray dx = dAn.mmul(wN.value()).addi(dAf.mmul(wF.value()));
            INDArray dhPrev = dh.mul(f.rsub(1.0)).addi(dFh.mul(f)).addi(dAf.mmul(uF.value()));
            return new StepGrad(dx, State.of(dhPrev));
        }
    }

    static MinimalGatedUnit mgu(int in, long seed) {
        return new MinimalGatedUnit(in, H, new Random(seed), DataType.DOUBLE);
    }

    @Test
    void theLearnersBackwardStepMatchesFiniteDifferences() {
        GradientCheck.Report r = CellChecks.checkStep(mgu(D, 1), B, 31);
        assertTrue(r.maxRelativeError() < 1e-7, r::toString);
    }

    @Test
    void recurrentUnrollsALearnersCellThroughItsOwnStepsWithMasksAndInitialStates() {
        Recurrent net = Recurrent.of(mgu(D, 2));
        assertFalse(net.usesFastPath(0));
        assertEquals(List.of("W_f", "U_f", "b_f", "W_n", "U_n", "b_n"), net.parameters().names());
        GradientCheck.Report r = RecurrentTest.checkDense(net, RecurrentTest.mask(), 32);
        assertTrue(r.maxRelativeError() < 1e-7, r::toString);
    }

    @Test
    void aStackOfLearnersCellsIsNamedPerLayerAndMatchesFiniteDifferences() {
        Recurrent net = Recurrent.of(mgu(D, 3), mgu(H, 4));
        assertEquals("W_f_l0", net.parameters().names().get(0));
        assertEquals("W_f_l1", net.parameters().names().get(6));
        GradientCheck.Report r = RecurrentTest.checkDense(net, RecurrentTest.mask(), 33);
        assertTrue(r.maxRelativeError() < 1e-7, r::toString);
    }

    @Test
    void paddedStepsLeaveTheStateOfALearnersCellUnchangedAndGiveZeroOutputs() {
        Recurrent net = Recurrent.of(mgu(D, 5));
        INDArray x = CellChecks.normal(new Random(34), T, B, D);
        INDArray mask = RecurrentTest.mask();                // sequence 2 has one real step; sequence 0 a hole at t = 2
        Recurrent.Output out = net.forward(x, mask, null);
        List<RecurrentCell.Step> steps = out.cache().steps(0);
        Recurrent.Output firstStep = net.forward(x.get(NDArrayIndex.interval(0, 1)).dup(), null, null);
        assertTrue(out.finalState().h().getRow(2).equalsWithEps(firstStep.finalState().h().getRow(2), 1e-15));
        assertTrue(steps.get(3).prev().h().getRow(0).equalsWithEps(steps.get(2).prev().h().getRow(0), 0));
        assertEquals(0.0, out.outputs().get(NDArrayIndex.point(2), NDArrayIndex.point(0)).amaxNumber().doubleValue());
        assertEquals(0.0, out.outputs().get(NDArrayIndex.interval(1, T), NDArrayIndex.point(2)).amaxNumber().doubleValue());
    }

    @Test
    void tokenIdsReachALearnersCellAsOneHotVectors() {
        int v = 4;
        Recurrent net = Recurrent.of(mgu(v, 6));
        INDArray ids = Nd4j.create(new double[][] {{0, 3, 1}, {2, 2, 0}, {3, 1, 1}, {1, 0, 2}, {0, 0, 3}});
        INDArray oneHot = Nd4j.create(DataType.DOUBLE, T, B, v);
        for (int t = 0; t < T; t++) for (int b = 0; b < B; b++) oneHot.putScalar(new long[] {t, b, ids.getLong(t, b)}, 1.0);
        INDArray r = CellChecks.normal(new Random(35), T, B, H);
        net.parameters().zeroGrad();
        Recurrent.Output dense = net.forward(oneHot, RecurrentTest.mask(), null);
        net.backward(dense.cache(), r, null);
        INDArray denseGrad = net.parameters().get("W_f").grad().dup();
        net.parameters().zeroGrad();
        Recurrent.Output sparse = net.forwardIds(ids, RecurrentTest.mask(), null);
        Recurrent.Gradients g = net.backward(sparse.cache(), r, null);
        assertNull(g.dx());
        assertTrue(dense.outputs().equalsWithEps(sparse.outputs(), 1e-15));
        assertTrue(denseGrad.equalsWithEps(net.parameters().get("W_f").grad(), 1e-15));
    }

    @Test
    void truncatedBpttRunsALearnersCellChunkByChunk() {
        Recurrent net = Recurrent.of(mgu(D, 7));
        INDArray x = CellChecks.normal(new Random(36), T, B, D);
        INDArray r = CellChecks.normal(new Random(37), T, B, H);
        net.parameters().zeroGrad();
        net.backward(net.forward(x, RecurrentTest.mask(), null).cache(), r, null);
        INDArray full = net.parameters().get("U_n").grad().dup();
        net.parameters().zeroGrad();
        List<State> last = net.truncated(x, RecurrentTest.mask(), null, T, (start, out) -> r);
        assertTrue(full.equalsWithEps(net.parameters().get("U_n").grad(), 1e-14));
        List<Integer> starts = new ArrayList<>();
        net.truncated(x, RecurrentTest.mask(), null, 2, (start, out) -> {
            starts.add(start);
            return RecurrentTest.chunk(r, start, 2);
        });
        assertEquals(List.of(0, 2, 4), starts);
        assertTrue(last.get(0).h().equalsWithEps(net.forward(x, RecurrentTest.mask(), null).finalState().h(), 1e-15));
    }

    @Test
    void theTrainerTrainsALanguageModelBuiltOnALearnersCell() {
        // "abcabc...": each next character is determined by the current one.
        int[] ids = new int[97];
        for (int k = 0; k < ids.length; k++) ids[k] = k % 3;
        List<SequenceBatch> batches = new ArrayList<>();
        for (int start = 0; start + 9 < ids.length; start += 8) {
            List<Sequence> seqs = new ArrayList<>();
            for (int b = 0; b < 2; b++) {
                int from = Math.min(start + b, ids.length - 9);
                seqs.add(Sequence.tokens(java.util.Arrays.copyOfRange(ids, from, from + 8),
                        java.util.Arrays.copyOfRange(ids, from + 1, from + 9)));
            }
            batches.add(Batcher.batch(seqs));
        }
        CharLanguageModel model = CharLanguageModel.builder(3).cell(MinimalGatedUnit::new).hiddenSize(8).seed(1)
                .build();
        assertTrue(model.parameters().names().contains("rnn.U_n"), model.parameters().names().toString());
        double before = Trainer.builder().model(model).build().evaluate(batches).get("loss");
        FitResult result = Trainer.builder().model(model).learningRate(0.05).epochs(4).build().fit(batches);
        assertEquals(StopReason.COMPLETED, result.reason());
        double after = result.history().steps().get(result.history().steps().size() - 1).loss();
        assertTrue(after < 0.5 * before, "loss " + before + " -> " + after);
    }

    @Test
    void aCellThatReturnsAStateOfTheWrongShapeIsNamedInTheError() {
        RecurrentCell<MinimalGatedUnit.Step> broken = new RecurrentCell<>() {
            final MinimalGatedUnit inner = mgu(D, 8);

            public int inputSize() {
                return D;
            }

            public int hiddenSize() {
                return H;
            }

            public Parameters parameters() {
                return inner.parameters();
            }

            public MinimalGatedUnit.Step forward(INDArray x, State prev) {
                MinimalGatedUnit.Step s = inner.forward(x, prev);
                return new MinimalGatedUnit.Step(prev, State.of(s.next().h().transpose()), s.f(), s.n());
            }

            public StepGrad backward(MinimalGatedUnit.Step s, INDArray x, State dNext) {
                return inner.backward(s, x, dNext);
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Recurrent.of(broken).forward(Nd4j.zeros(DataType.DOUBLE, T, 2, D)));
        assertTrue(e.getMessage().contains("forward's next state at step 0: h must be [B=2, H=3] but is [3, 2]"),
                e.getMessage());
    }

    @Test
    void anInputOfTheOtherFloatTypeNamesBothTypesAndTheFix() {
        Recurrent net = Recurrent.of(mgu(D, 9));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.forward(Nd4j.zeros(DataType.FLOAT, T, B, D)));
        assertEquals("x is FLOAT (float32) but the recurrent layer computes in DOUBLE (float64), and the two do not "
                + "mix: convert it with x.castTo(DataType.DOUBLE), or build the recurrent layer with DataType.FLOAT",
                e.getMessage());
    }
}
