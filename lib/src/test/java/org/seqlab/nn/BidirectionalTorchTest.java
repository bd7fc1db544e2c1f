package org.seqlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.data.Npy;

/**
 * {@link Bidirectional} of one layer against PyTorch's {@code nn.RNN/LSTM/GRU(bidirectional=True)} on a
 * right-padded batch packed as PyTorch packs it, float64: the same weights must give the same outputs, last states
 * and gradients. Skipped, with the reason, when {@code /usr/bin/python3} cannot import torch.
 */
class BidirectionalTorchTest {
    static final int T = 6, B = 3, D = 4, H = 5;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"rnn", "lstm", "gru"})
    void outputsLastStatesAndGradientsMatchPyTorch(String kind) throws Exception {
        Assumptions.assumeTrue(new File(RecurrentTorchTest.PYTHON).canExecute()
                && RecurrentTorchTest.canImport("torch"), "skipped: " + RecurrentTorchTest.PYTHON
                + " cannot import torch (apt-get install python3-torch to run this comparison)");
        Random rng = new Random(17);
        Recurrent[] stacks = new Recurrent[2];
        for (int i = 0; i < 2; i++) {
            stacks[i] = switch (kind) {
                case "rnn" -> Recurrent.rnn(D, H, 1, rng, DataType.DOUBLE);
                case "lstm" -> Recurrent.lstm(D, H, 1, rng, DataType.DOUBLE);
                default -> Recurrent.gru(D, H, 1, rng, DataType.DOUBLE);
            };
        }
        Bidirectional bi = Bidirectional.of(stacks[0], stacks[1]);
        int[] lengths = {6, 2, 4};
        INDArray mask = Nd4j.create(DataType.DOUBLE, T, B);
        for (int b = 0; b < B; b++) for (int t = 0; t < lengths[b]; t++) mask.putScalar(t, b, 1.0);
        INDArray x = CellChecks.normal(rng, T, B, D);
        INDArray r = CellChecks.normal(rng, T, B, 2 * H);
        INDArray rLast = CellChecks.normal(rng, B, 2 * H);
        bi.parameters().save(dir);
        Npy.write(x, dir.resolve("x.npy"));
        Npy.write(r, dir.resolve("r.npy"));
        Npy.write(rLast, dir.resolve("rlast.npy"));
        Npy.write(Nd4j.createFromArray(lengths).castTo(DataType.LONG), dir.resolve("lengths.npy"));
        runPython(kind);

        bi.parameters().zeroGrad();
        Bidirectional.Output out = bi.forward(x, mask);
        INDArray dx = bi.backward(out, r, rLast);
        assertClose("out", read("out"), out.outputs());
        assertClose("last", read("last"), out.last());
        assertClose("dx", read("dx"), dx);
        for (String name : bi.parameters().names()) {
            assertClose("grad " + name, read("grad_" + name), bi.parameters().get(name).grad());
        }
    }

    private void runPython(String kind) throws Exception {
        Path script = Paths.get(getClass().getResource("bidirectional_reference.py").toURI());
        Process p = new ProcessBuilder(RecurrentTorchTest.PYTHON, script.toString(), kind, dir.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "bidirectional_reference.py did not finish");
        assertEquals(0, p.exitValue(), log);
    }

    private INDArray read(String name) {
        assertTrue(Files.exists(dir.resolve(name + ".npy")), name + ".npy was not written");
        return Npy.read(dir.resolve(name + ".npy")).castTo(DataType.DOUBLE);
    }

    private static void assertClose(String what, INDArray expected, INDArray actual) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what);
        double err = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(err < 1e-10, what + " differs from PyTorch by " + err);
    }
}
