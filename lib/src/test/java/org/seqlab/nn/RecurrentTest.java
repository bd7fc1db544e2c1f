package org.seqlab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.seqlab.check.GradientCheck;

class RecurrentTest {
    private static final int T = 5, B = 3, D = 2, H = 3;

    static Recurrent make(String kind, int in, int layers, long seed) {
        Random rng = new Random(seed);
        return switch (kind) {
            case "rnn" -> Recurrent.rnn(in, H, layers, rng, DataType.DOUBLE);
            case "lstm" -> Recurrent.lstm(in, H, layers, rng, DataType.DOUBLE);
            case "gru" -> Recurrent.gru(in, H, layers, rng, DataType.DOUBLE);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** Lengths 5, 3 and 1 (right padding), plus a hole at step 2 of the first sequence. */
    static INDArray mask() {
        double[][] m = new double[T][B];
        int[] lengths = {5, 3, 1};
        for (int t = 0; t < T; t++) for (int b = 0; b < B; b++) m[t][b] = t < lengths[b] ? 1 : 0;
        m[2][0] = 0;
        return Nd4j.create(m);
    }

    /** Random weights for L = Σ R ⊙ outputs + Σ_l Σ Rh_l ⊙ h_T,l (+ Rc_l ⊙ c_T,l). */
    record Loss(INDArray r, List<State> rFinal) {
        static Loss random(Recurrent net, long steps, Random rng) {
            List<State> rf = new ArrayList<>();
            for (RecurrentCell<?> c : net.cells()) {
                rf.add(new State(CellChecks.normal(rng, B, H), c.hasCellState() ? CellChecks.normal(rng, B, H) : null));
            }
            return new Loss(CellChecks.normal(rng, steps, B, H), rf);
        }

        double of(Recurrent.Output out) {
            double l = out.outputs().mul(r).sumNumber().doubleValue();
            for (int k = 0; k < rFinal.size(); k++) {
                l += out.finalStates().get(k).h().mul(rFinal.get(k).h()).sumNumber().doubleValue();
                if (rFinal.get(k).c() != null) {
                    l += out.finalStates().get(k).c().mul(rFinal.get(k).c()).sumNumber().doubleValue();
                }
            }
            return l;
        }
    }

    static List<State> randomStates(Recurrent net, Random rng) {
        List<State> s = new ArrayList<>();
        for (RecurrentCell<?> c : net.cells()) {
            s.add(new State(CellChecks.normal(rng, B, H).muli(0.5), c.hasCellState() ? CellChecks.normal(rng, B, H) : null));
        }
        return s;
    }

    static GradientCheck.Report checkDense(Recurrent net, INDArray mask, long seed) {
        Random rng = new Random(seed);
        INDArray x = CellChecks.normal(rng, T, B, net.inputSize());
        List<State> h0 = randomStates(net, rng);
        Loss loss = Loss.random(net, T, rng);
        net.parameters().zeroGrad();
        Recurrent.Output out = net.forward(x, mask, h0);
        Recurrent.Gradients g = net.backward(out.cache(), loss.r(), loss.rFinal());
        List<GradientCheck.Target> targets = new ArrayList<>(GradientCheck.targets(net.parameters()));
        targets.add(new GradientCheck.Target("x", x, g.dx()));
        for (int l = 0; l < net.numLayers(); l++) {
            targets.add(new GradientCheck.Target("h0[" + l + "]", h0.get(l).h(), g.dInitial().get(l).h()));
            if (h0.get(l).c() != null) {
                targets.add(new GradientCheck.Target("c0[" + l + "]", h0.get(l).c(), g.dInitial().get(l).c()));
            }
        }
        return GradientCheck.check(() -> loss.of(net.forward(x, mask, h0)), targets);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rnn", "lstm", "gru"})
    void bpttWithMasksMatchesFiniteDifferences(String kind) {
        GradientCheck.Report r = checkDense(make(kind, D, 1, 1), mask(), 21);
        assertTrue(r.maxRelativeError() < 1e-7, r::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rnn", "lstm", "gru"})
    void stackedLayersMatchFiniteDifferences(String kind) {
        Recurrent net = make(kind, D, 2, 2);
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
                "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1"), net.parameters().names());
        GradientCheck.Report r = checkDense(net, mask(), 22);
        assertTrue(r.maxRelativeError() < 1e-7, r::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rnn", "lstm", "gru"})
    void tokenIdsActAsOneHotVectors(String kind) {
        int v = 4;
        Recurrent net = make(kind, v, 1, 3);
        Random rng = new Random(23);
        INDArray ids = Nd4j.create(new double[][] {{0, 3, 1}, {2, 2, 0}, {3, 1, 1}, {1, 0, 2}, {0, 0, 3}});
        INDArray oneHot = Nd4j.create(DataType.DOUBLE, T, B, v);
        for (int t = 0; t < T; t++) for (int b = 0; b < B; b++) oneHot.putScalar(new long[] {t, b, ids.getLong(t, b)}, 1.0);
        List<State> h0 = randomStates(net, rng);
        Loss loss = Loss.random(net, T, rng);

        net.parameters().zeroGrad();
        Recurrent.Output dense = net.forward(oneHot, mask(), h0);
        net.backward(dense.cache(), loss.r(), loss.rFinal());
        List<INDArray> denseGrads = new ArrayList<>();
        for (Parameter p : net.parameters()) denseGrads.add(p.grad().dup());

        net.parameters().zeroGrad();
        Recurrent.Output sparse = net.forwardIds(ids, mask(), h0);
        Recurrent.Gradients g = net.backward(sparse.cache(), loss.r(), loss.rFinal());
        assertNull(g.dx());
        assertTrue(dense.outputs().equalsWithEps(sparse.outputs(), 1e-12));
        int k = 0;
        for (Parameter p : net.parameters()) assertTrue(denseGrads.get(k++).equalsWithEps(p.grad(), 1e-12), p.name());

        GradientCheck.Report r = GradientCheck.check(() -> loss.of(net.forwardIds(ids, mask(), h0)),
                GradientCheck.targets(net.parameters()));
        assertTrue(r.maxRelativeError() < 1e-7, r::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rnn", "lstm", "gru"})
    void truncatedBpttMatchesFiniteDifferencesWithEachChunksStartHeldFixed(String kind) {
        Recurrent net = make(kind, D, 2, 4);
        Random rng = new Random(24);
        INDArray x = CellChecks.normal(rng, T, B, D);
        INDArray mask = mask();
        List<State> h0 = randomStates(net, rng);
        INDArray r = CellChecks.normal(rng, T, B, H);
        int k = 2;
        // The chunk starts, computed once at the current weights: TBPTT treats them as constants.
        List<List<State>> starts = new ArrayList<>();
        net.parameters().zeroGrad();
        List<State> last = net.truncated(x, mask, h0, k, (start, out) -> {
            starts.add(start == 0 ? h0 : null);
            return r.get(NDArrayIndex.interval(start, start + out.outputs().size(0)), NDArrayIndex.all(), NDArrayIndex.all()).dup();
        });
        assertEquals(3, starts.size());
        List<State> s = h0;
        for (int a = 0; a < T; a += k) {
            starts.set(a / k, s);
            s = net.forward(chunk(x, a, k), chunk(mask, a, k), s).finalStates();
        }
        assertTrue(s.get(1).h().equalsWithEps(last.get(1).h(), 1e-14));
        DoubleSupplier loss = () -> {
            double l = 0;
            for (int a = 0; a < T; a += k) {
                l += net.forward(chunk(x, a, k), chunk(mask, a, k), starts.get(a / k)).outputs().mul(chunk(r, a, k))
                        .sumNumber().doubleValue();
            }
            return l;
        };
        GradientCheck.Report report = GradientCheck.check(loss, GradientCheck.targets(net.parameters()));
        assertTrue(report.maxRelativeError() < 1e-7, report::toString);
    }

    @Test
    void truncatedBpttWithOneChunkIsFullBptt() {
        Recurrent net = make("lstm", D, 1, 5);
        Random rng = new Random(25);
        INDArray x = CellChecks.normal(rng, T, B, D);
        INDArray r = CellChecks.normal(rng, T, B, H);
        net.parameters().zeroGrad();
        net.backward(net.forward(x, mask(), null).cache(), r, null);
        INDArray full = net.parameters().get("weight_hh_l0").grad().dup();
        net.parameters().zeroGrad();
        net.truncated(x, mask(), null, T, (start, out) -> r);
        assertTrue(full.equalsWithEps(net.parameters().get("weight_hh_l0").grad(), 1e-14));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rnn", "lstm", "gru"})
    void aPaddedBatchGivesTheSameOutputsAndGradientsAsEachSequenceAlone(String kind) {
        Recurrent net = make(kind, D, 2, 6);
        Random rng = new Random(26);
        int[] lengths = {5, 3, 1};
        INDArray mask = Nd4j.create(DataType.DOUBLE, T, B);
        for (int b = 0; b < B; b++) mask.get(NDArrayIndex.interval(0, lengths[b]), NDArrayIndex.point(b)).assign(1);
        INDArray x = CellChecks.normal(rng, T, B, D);
        INDArray r = CellChecks.normal(rng, T, B, H).muli(mask.reshape(T, B, 1).broadcast(T, B, H));
        net.parameters().zeroGrad();
        Recurrent.Output batch = net.forward(x, mask, null);
        Recurrent.Gradients gb = net.backward(batch.cache(), r, null);
        List<INDArray> batchGrads = new ArrayList<>();
        for (Parameter p : net.parameters()) batchGrads.add(p.grad().dup());

        net.parameters().zeroGrad();
        for (int b = 0; b < B; b++) {
            int n = lengths[b];
            INDArray xb = x.get(NDArrayIndex.interval(0, n), NDArrayIndex.interval(b, b + 1), NDArrayIndex.all()).dup();
            INDArray rb = r.get(NDArrayIndex.interval(0, n), NDArrayIndex.interval(b, b + 1), NDArrayIndex.all()).dup();
            Recurrent.Output alone = net.forward(xb, null, null);
            Recurrent.Gradients ga = net.backward(alone.cache(), rb, null);
            INDArray batchOut = batch.outputs().get(NDArrayIndex.interval(0, n), NDArrayIndex.interval(b, b + 1), NDArrayIndex.all());
            assertTrue(alone.outputs().equalsWithEps(batchOut, 1e-12), "outputs of sequence " + b);
            assertTrue(alone.finalState().h().equalsWithEps(batch.finalState().h().get(NDArrayIndex.interval(b, b + 1),
                    NDArrayIndex.all()), 1e-12), "final state of sequence " + b);
            INDArray dxBatch = gb.dx().get(NDArrayIndex.interval(0, n), NDArrayIndex.interval(b, b + 1), NDArrayIndex.all());
            assertTrue(ga.dx().equalsWithEps(dxBatch, 1e-12), "dx of sequence " + b);
        }
        int k = 0;
        for (Parameter p : net.parameters()) assertTrue(batchGrads.get(k++).equalsWithEps(p.grad(), 1e-12), p.name());
        INDArray padded = batch.outputs().get(NDArrayIndex.interval(1, T), NDArrayIndex.point(2), NDArrayIndex.all());
        assertEquals(0.0, padded.amaxNumber().doubleValue());
        assertEquals(0.0, gb.dx().get(NDArrayIndex.interval(1, T), NDArrayIndex.point(2), NDArrayIndex.all())
                .amaxNumber().doubleValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rnn", "lstm", "gru"})
    void float32TrainingPathAgreesWithFloat64WithinFloatPrecision(String kind) {
        Recurrent exact = make(kind, D, 2, 9);
        Random rng = new Random(28);
        Recurrent fast = switch (kind) {
            case "rnn" -> Recurrent.rnn(D, H, 2, rng);
            case "lstm" -> Recurrent.lstm(D, H, 2, rng);
            default -> Recurrent.gru(D, H, 2, rng);
        };
        for (Parameter p : exact.parameters()) fast.parameters().get(p.name()).value().assign(p.value().castTo(DataType.FLOAT));
        INDArray x = CellChecks.normal(rng, T, B, D).muli(2);
        INDArray r = CellChecks.normal(rng, T, B, H);
        exact.parameters().zeroGrad();
        fast.parameters().zeroGrad();
        Recurrent.Output a = exact.forward(x, mask(), null);
        Recurrent.Output b = fast.forward(x.castTo(DataType.FLOAT), mask(), null);
        Recurrent.Gradients ga = exact.backward(a.cache(), r, null);
        Recurrent.Gradients gb = fast.backward(b.cache(), r.castTo(DataType.FLOAT), null);
        assertEquals(DataType.FLOAT, b.outputs().dataType());
        assertTrue(a.outputs().sub(b.outputs().castTo(DataType.DOUBLE)).amaxNumber().doubleValue() < 1e-6);
        assertTrue(ga.dx().sub(gb.dx().castTo(DataType.DOUBLE)).amaxNumber().doubleValue() < 1e-5);
        for (Parameter p : exact.parameters()) {
            double err = p.grad().sub(fast.parameters().get(p.name()).grad().castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
            assertTrue(err < 1e-5, p.name() + " differs by " + err);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rnn", "lstm", "gru"})
    void unrolledStepsHoldTheSameValuesAsTheCellsOwnSteps(String kind) {
        Recurrent net = make(kind, D, 1, 10);
        Random rng = new Random(29);
        INDArray x = CellChecks.normal(rng, T, B, D);
        List<State> h0 = randomStates(net, rng);
        Recurrent.Output out = net.forward(x, null, h0);
        List<RecurrentCell.Step> steps = out.cache().steps(0);
        State s = h0.get(0);
        for (int t = 0; t < T; t++) {
            RecurrentCell.Step own = net.cells().get(0).forward(x.slice(t).dup(), s);
            for (Map.Entry<String, INDArray> e : own.values().entrySet()) {
                INDArray unrolled = steps.get(t).values().get(e.getKey());
                assertTrue(e.getValue().equalsWithEps(unrolled, 1e-12), e.getKey() + " at step " + t);
            }
            s = own.next();
        }
    }

    @Test
    void tracesAndGradientNormsCoverEveryStep() {
        Recurrent net = make("lstm", D, 1, 7);
        INDArray x = CellChecks.normal(new Random(27), T, B, D);
        Recurrent.Output out = net.forward(x);
        Map<String, INDArray> trace = out.cache().trace(0);
        assertEquals(List.of("i", "f", "g", "o", "c", "h"), List.copyOf(trace.keySet()));
        assertArrayEquals(new long[] {T, B, H}, trace.get("f").shape());
        assertTrue(trace.get("h").equalsWithEps(out.outputs(), 1e-15));
        INDArray dOut = Nd4j.zeros(DataType.DOUBLE, T, B, H);
        dOut.slice(T - 1).assign(1);
        Recurrent.Gradients g = net.backward(out.cache(), dOut, null);
        double[] norms = g.gradientNorms(0);
        assertEquals(T, norms.length);
        assertEquals(Math.sqrt(B * H), norms[T - 1], 1e-12);
        assertTrue(norms[0] > 0 && norms[0] < norms[T - 1], java.util.Arrays.toString(norms));
        assertEquals(List.of("r", "z", "n", "h"), List.copyOf(make("gru", D, 1, 1).forward(x).cache().trace(0).keySet()));
    }

    @Test
    void aLossOnTheFinalStateAloneNeedsNoOutputGradient() {
        Recurrent net = make("lstm", D, 2, 9);
        INDArray x = CellChecks.normal(new Random(28), T, B, D);
        // dL/dh_T = 1 on the top layer's final state, nothing anywhere else.
        List<State> dFinalFirst = List.of(new State(Nd4j.zeros(DataType.DOUBLE, B, H), Nd4j.zeros(DataType.DOUBLE, B, H)),
                new State(Nd4j.ones(DataType.DOUBLE, B, H), Nd4j.zeros(DataType.DOUBLE, B, H)));
        Recurrent.Gradients explicit = net.backward(net.forward(x).cache(), Nd4j.zeros(DataType.DOUBLE, T, B, H), dFinalFirst);
        Map<String, INDArray> expected = new java.util.LinkedHashMap<>();
        for (Parameter p : net.parameters()) expected.put(p.name(), p.grad().dup());
        net.parameters().zeroGrad();
        Recurrent.Gradients implicit = net.backward(net.forward(x).cache(), null, dFinalFirst);
        assertTrue(explicit.dx().equalsWithEps(implicit.dx(), 0), "dx differs");
        for (Parameter p : net.parameters()) assertTrue(expected.get(p.name()).equalsWithEps(p.grad(), 0), p.name());
        assertTrue(implicit.dx().norm2Number().doubleValue() > 0, "the final state's gradient did not reach x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.backward(net.forward(x).cache(), null, null));
        assertTrue(e.getMessage().contains("both are null"), e.getMessage());
    }

    @Test
    void badInputIsRejectedWithExpectedAndActualShapes() {
        Recurrent net = make("gru", D, 1, 8);
        INDArray x = Nd4j.create(DataType.DOUBLE, T, B, D + 1);
        assertEquals("x must be [T, B, D=2] but is [5, 3, 3]",
                assertThrows(IllegalArgumentException.class, () -> net.forward(x)).getMessage());
        INDArray good = Nd4j.create(DataType.DOUBLE, T, B, D);
        assertEquals("mask must be [T=5, B=3] but is [3, 5]", assertThrows(IllegalArgumentException.class,
                () -> net.forward(good, Nd4j.ones(DataType.DOUBLE, B, T), null)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> net.forwardIds(Nd4j.create(new double[][] {{0, 2}}), null, null)).getMessage().contains("[0, 2)"));
        INDArray nan = good.dup();
        nan.putScalar(new long[] {1, 1, 1}, Double.NaN);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> net.forward(nan)).getMessage().contains("NaN"));
        Recurrent.Output out = net.forward(good);
        assertEquals("dOutputs must be [T=5, B=3, H=3] but is [5, 3, 2]", assertThrows(IllegalArgumentException.class,
                () -> net.backward(out.cache(), Nd4j.create(DataType.DOUBLE, T, B, 2), null)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> net.forward(good, Nd4j.ones(DataType.DOUBLE, T, B).muli(0.5), null)).getMessage().contains("0.5"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rnn", "lstm", "gru"})
    void aLaterPassReusesTheWorkspaceButNeverChangesWhatAnEarlierPassReturned(String kind) {
        Recurrent net = make(kind, D, 2, 11);
        Random rng = new Random(30);
        INDArray x1 = CellChecks.normal(rng, T, B, D);
        INDArray x2 = CellChecks.normal(rng, T, B, D);
        INDArray r = CellChecks.normal(rng, T, B, H);
        Recurrent.Output first = net.forward(x1, mask(), null);
        INDArray outputs = first.outputs().dup();
        INDArray finalH = first.finalState().h().dup();
        Map<String, INDArray> trace = first.cache().trace(1);
        INDArray gate = trace.values().iterator().next().dup();
        Recurrent.Gradients g1 = net.backward(first.cache(), r, null);
        INDArray dx = g1.dx().dup();
        INDArray dh = g1.dh().get(0).dup();
        assertTrue(first.cache().isCurrent());

        Recurrent.Output second = net.forward(x2, null, null);
        assertTrue(second.cache().isCurrent());
        assertTrue(!first.cache().isCurrent());
        net.backward(second.cache(), r, null);
        assertEquals(outputs, first.outputs());
        assertEquals(finalH, first.finalState().h());
        assertEquals(gate, trace.values().iterator().next());
        assertEquals(dx, g1.dx());
        assertEquals(dh, g1.dh().get(0));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.backward(first.cache(), r, null));
        assertTrue(e.getMessage().startsWith("this cache is from forward pass 1 of the Recurrent, whose workspace "
                + "pass 2 has reused; call backward(cache, ...) before the next forward call"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> first.cache().trace(0));
        // The same input again gives the same numbers from the reused workspace.
        assertEquals(outputs, net.forward(x1, mask(), null).outputs());
    }

    static INDArray chunk(INDArray a, int from, int k) {
        long to = Math.min(a.size(0), from + k);
        return a.rank() == 2 ? a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup()
                : a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all()).dup();
    }
}
