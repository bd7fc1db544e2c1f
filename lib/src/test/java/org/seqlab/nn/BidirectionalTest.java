package org.seqlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.seqlab.check.GradientCheck;

class BidirectionalTest {
    private static final int T = 5, B = 3, D = 2, H = 3;
    private static final int[] LENGTHS = {5, 3, 1};

    private static INDArray mask() {
        double[][] m = new double[T][B];
        for (int t = 0; t < T; t++) for (int b = 0; b < B; b++) m[t][b] = t < LENGTHS[b] ? 1 : 0;
        return Nd4j.create(m);
    }

    private static Recurrent stack(String kind, int layers, Random rng) {
        return switch (kind) {
            case "rnn" -> Recurrent.rnn(D, H, layers, rng, DataType.DOUBLE);
            case "lstm" -> Recurrent.lstm(D, H, layers, rng, DataType.DOUBLE);
            default -> Recurrent.gru(D, H, layers, rng, DataType.DOUBLE);
        };
    }

    private static Bidirectional make(String kind, int layers, long seed) {
        Random rng = new Random(seed);
        return Bidirectional.of(stack(kind, layers, rng), stack(kind, layers, rng));
    }

    /** L = Σ R ⊙ outputs + Σ R_last ⊙ last, every parameter and x checked against finite differences. */
    @ParameterizedTest
    @ValueSource(strings = {"rnn", "lstm", "gru"})
    void backwardMatchesFiniteDifferencesWithPadding(String kind) {
        for (int layers = 1; layers <= 2; layers++) {
            Bidirectional bi = make(kind, layers, 3 + layers);
            Random rng = new Random(9);
            INDArray x = Init.normal(rng, DataType.DOUBLE, 1.0, T, B, D);
            INDArray r = Init.normal(rng, DataType.DOUBLE, 1.0, T, B, 2 * H);
            INDArray rLast = Init.normal(rng, DataType.DOUBLE, 1.0, B, 2 * H);
            INDArray mask = mask();
            bi.parameters().zeroGrad();
            Bidirectional.Output out = bi.forward(x, mask);
            INDArray dx = bi.backward(out, r, rLast);
            List<GradientCheck.Target> targets = new ArrayList<>(GradientCheck.targets(bi.parameters()));
            targets.add(new GradientCheck.Target("x", x, dx));
            GradientCheck.Report report = GradientCheck.check(() -> {
                Bidirectional.Output o = bi.forward(x, mask);
                return o.outputs().mul(r).sumNumber().doubleValue() + o.last().mul(rLast).sumNumber().doubleValue();
            }, targets);
            assertTrue(report.maxRelativeError() < 1e-7, kind + ", " + layers + " layers\n" + report);
        }
    }

    @Test
    void theReverseHalfIsTheReverseStackReadingEachSequenceBackFromItsOwnLastStep() {
        Random rng = new Random(5);
        Recurrent f = stack("gru", 1, rng), rev = stack("gru", 1, rng);
        Bidirectional bi = Bidirectional.of(f, rev);
        INDArray x = Init.normal(rng, DataType.DOUBLE, 1.0, T, B, D);
        Bidirectional.Output out = bi.forward(x, mask());
        assertEquals(List.of(T, B, 2 * H), List.of((int) out.outputs().size(0), (int) out.outputs().size(1),
                (int) out.outputs().size(2)));
        for (int b = 0; b < B; b++) {
            int n = LENGTHS[b];
            INDArray backwards = Nd4j.zeros(DataType.DOUBLE, n, D);
            for (int t = 0; t < n; t++) {                                              // x_L … x_1
                backwards.putRow(t, x.get(NDArrayIndex.point(n - 1 - t), NDArrayIndex.point(b), NDArrayIndex.all()));
            }
            backwards = backwards.reshape(n, 1, D);
            Recurrent.Output alone = rev.forward(backwards, null, null);
            for (int t = 0; t < T; t++) {
                for (int j = 0; j < H; j++) {
                    double expected = t < n ? alone.outputs().getDouble(n - 1 - t, 0, j) : 0.0;
                    assertEquals(expected, out.outputs().getDouble(t, b, H + j), 1e-12, "b=" + b + ", t=" + t);
                }
            }
            for (int j = 0; j < H; j++) {
                assertEquals(alone.finalState().h().getDouble(0, j), out.last().getDouble(b, H + j), 1e-12);
                assertEquals(out.outputs().getDouble(n - 1, b, j), out.last().getDouble(b, j), 1e-12);
            }
        }
    }

    @Test
    void parametersAreNamedAsPyTorchNamesThem() {
        Bidirectional bi = make("lstm", 1, 1);
        List<String> names = bi.parameters().names();
        assertTrue(names.contains("weight_ih_l0") && names.contains("weight_ih_l0_reverse")
                && names.contains("bias_hh_l0_reverse"), names.toString());
        assertEquals(8, names.size());
    }

    @Test
    void oneStackUsedTwiceOrPaddingBeforeARealStepIsRefused() {
        Recurrent one = stack("gru", 1, new Random(1));
        assertThrows(IllegalArgumentException.class, () -> Bidirectional.of(one, one));
        Bidirectional bi = make("gru", 1, 2);
        INDArray holes = mask();
        holes.putScalar(2, 0, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bi.forward(Init.normal(new Random(3), DataType.DOUBLE, 1.0, T, B, D), holes));
        assertTrue(e.getMessage().contains("padding at the end only"), e.getMessage());
    }
}
