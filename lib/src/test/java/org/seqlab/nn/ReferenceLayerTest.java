package org.seqlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reference path (each cell's own {@code forward} and {@code backward}, step by step) and the fast path (the
 * cell's loops over unrolled buffers) give the same numbers for the library's three cells: outputs, final
 * states, every step's gates and ∂L/∂h_t, ∂L/∂x, ∂L/∂s_0 and every parameter's gradient — with masks, initial
 * states, two layers and token ids.
 */
class ReferenceLayerTest {
    private static final int T = 5, B = 3, D = 2, H = 3;

    /** Runs forward and backward on {@code net} and returns everything they produced, by name. */
    private static Map<String, INDArray> run(Recurrent net, INDArray x, boolean ids, List<State> h0,
                                             RecurrentTest.Loss loss) {
        net.parameters().zeroGrad();
        Recurrent.Output out = ids ? net.forwardIds(x, RecurrentTest.mask(), h0) : net.forward(x, RecurrentTest.mask(), h0);
        Recurrent.Gradients g = net.backward(out.cache(), loss.r(), loss.rFinal());
        Map<String, INDArray> all = new java.util.LinkedHashMap<>();
        all.put("outputs", out.outputs());
        if (g.dx() != null) all.put("dx", g.dx());
        for (int l = 0; l < net.numLayers(); l++) {
            all.put("h_T[" + l + "]", out.finalStates().get(l).h());
            all.put("dh_0[" + l + "]", g.dInitial().get(l).h());
            all.put("dh_t[" + l + "]", g.dh().get(l));
            if (net.cells().get(l).hasCellState()) {
                all.put("c_T[" + l + "]", out.finalStates().get(l).c());
                all.put("dc_0[" + l + "]", g.dInitial().get(l).c());
            }
            List<RecurrentCell.Step> steps = out.cache().steps(l);
            for (int t = 0; t < T; t++) {
                for (Map.Entry<String, INDArray> e : steps.get(t).values().entrySet()) {
                    // At padded steps the fast path's record holds the kept state, the reference path's the
                    // cell's own new state; compare the real steps.
                    INDArray real = e.getValue().mulColumnVector(RecurrentTest.mask().getRow(t).reshape(B, 1)
                            .castTo(e.getValue().dataType()));
                    all.put(e.getKey() + "_" + t + "[" + l + "]", real);
                }
            }
        }
        for (String name : net.parameters().names()) all.put("grad " + name, net.parameters().get(name).grad().dup());
        return all;
    }

    private static void assertSame(Map<String, INDArray> fast, Map<String, INDArray> reference, double tolerance) {
        assertEquals(fast.keySet(), reference.keySet());
        for (String k : fast.keySet()) {
            double err = fast.get(k).castTo(DataType.DOUBLE).sub(reference.get(k).castTo(DataType.DOUBLE))
                    .amaxNumber().doubleValue();
            assertTrue(err <= tolerance, k + " differs between the fast and the reference path by " + err);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rnn", "lstm", "gru"})
    void bothPathsGiveTheSameNumbersInFloat64WithMasksInitialStatesAndTwoLayers(String kind) {
        Recurrent fast = RecurrentTest.make(kind, D, 2, 41);
        Recurrent reference = fast.withReferencePath();
        assertTrue(fast.usesFastPath(0) && fast.usesFastPath(1));
        assertFalse(reference.usesFastPath(0) || reference.usesFastPath(1));
        Random rng = new Random(42);
        INDArray x = CellChecks.normal(rng, T, B, D);
        List<State> h0 = RecurrentTest.randomStates(fast, rng);
        RecurrentTest.Loss loss = RecurrentTest.Loss.random(fast, T, rng);
        assertSame(run(fast, x, false, h0, loss), run(reference, x, false, h0, loss), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rnn", "lstm", "gru"})
    void bothPathsGiveTheSameNumbersForTokenIds(String kind) {
        Recurrent fast = RecurrentTest.make(kind, 4, 1, 43);
        INDArray ids = Nd4j.create(new double[][] {{0, 3, 1}, {2, 2, 0}, {3, 1, 1}, {1, 0, 2}, {0, 0, 3}});
        Random rng = new Random(44);
        RecurrentTest.Loss loss = RecurrentTest.Loss.random(fast, T, rng);
        assertSame(run(fast, ids, true, null, loss), run(fast.withReferencePath(), ids, true, null, loss), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rnn", "lstm", "gru"})
    void bothPathsAgreeInFloat32ToFloat32Rounding(String kind) {
        Random init = new Random(45);
        Recurrent fast = switch (kind) {
            case "rnn" -> Recurrent.rnn(D, H, 2, init);
            case "lstm" -> Recurrent.lstm(D, H, 2, init);
            default -> Recurrent.gru(D, H, 2, init);
        };
        Random rng = new Random(46);
        INDArray x = CellChecks.normal(rng, T, B, D).muli(2).castTo(DataType.FLOAT);
        List<State> h0 = new ArrayList<>();
        for (State s : RecurrentTest.randomStates(fast, rng)) {
            h0.add(new State(s.h().castTo(DataType.FLOAT), s.c() == null ? null : s.c().castTo(DataType.FLOAT)));
        }
        RecurrentTest.Loss d = RecurrentTest.Loss.random(fast, T, rng);
        List<State> rFinal = new ArrayList<>();
        for (State s : d.rFinal()) {
            rFinal.add(new State(s.h().castTo(DataType.FLOAT), s.c() == null ? null : s.c().castTo(DataType.FLOAT)));
        }
        RecurrentTest.Loss loss = new RecurrentTest.Loss(d.r().castTo(DataType.FLOAT), rFinal);
        assertSame(run(fast, x, false, h0, loss), run(fast.withReferencePath(), x, false, h0, loss), 2e-5);
    }
}
