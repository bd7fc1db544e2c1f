package org.seqlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
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
 * {@link Recurrent} against PyTorch's {@code nn.RNN/LSTM/GRU} (two layers, a right-padded batch as a packed
 * sequence, float64): the same weights, via {@code .npy} files, must give the same outputs, final states and
 * gradients. Skipped, with the reason, when {@code /usr/bin/python3} cannot import torch.
 */
class RecurrentTorchTest {
    static final String PYTHON = "/usr/bin/python3";
    static final int T = 6, B = 3, D = 4, H = 5, L = 2;

    @TempDir
    Path dir;

    static boolean canImport(String module) {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import " + module).redirectErrorStream(true).start();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rnn", "lstm", "gru"})
    void outputsStatesAndGradientsMatchPyTorch(String kind) throws Exception {
        Assumptions.assumeTrue(new File(PYTHON).canExecute() && canImport("torch"),
                "skipped: " + PYTHON + " cannot import torch (apt-get install python3-torch to run this comparison)");
        Random rng = new Random(31);
        Recurrent net = switch (kind) {
            case "rnn" -> Recurrent.rnn(D, H, L, rng, DataType.DOUBLE);
            case "lstm" -> Recurrent.lstm(D, H, L, rng, DataType.DOUBLE);
            default -> Recurrent.gru(D, H, L, rng, DataType.DOUBLE);
        };
        boolean lstm = kind.equals("lstm");
        int[] lengths = {6, 2, 4};
        INDArray mask = Nd4j.create(DataType.DOUBLE, T, B);
        for (int b = 0; b < B; b++) for (int t = 0; t < lengths[b]; t++) mask.putScalar(t, b, 1.0);
        INDArray x = CellChecks.normal(rng, T, B, D);
        INDArray h0 = CellChecks.normal(rng, L, B, H).muli(0.5);
        INDArray c0 = CellChecks.normal(rng, L, B, H);
        INDArray r = CellChecks.normal(rng, T, B, H);
        INDArray rh = CellChecks.normal(rng, L, B, H);
        INDArray rc = CellChecks.normal(rng, L, B, H);
        net.parameters().save(dir);
        write("x", x);
        write("h0", h0);
        write("c0", c0);
        write("r", r);
        write("rh", rh);
        write("rc", rc);
        write("lengths", Nd4j.createFromArray(lengths).castTo(DataType.LONG));
        runPython(kind);

        List<State> initial = new ArrayList<>();
        List<State> dFinal = new ArrayList<>();
        for (int l = 0; l < L; l++) {
            initial.add(new State(h0.slice(l).dup(), lstm ? c0.slice(l).dup() : null));
            dFinal.add(new State(rh.slice(l).dup(), lstm ? rc.slice(l).dup() : null));
        }
        net.parameters().zeroGrad();
        Recurrent.Output out = net.forward(x, mask, initial);
        Recurrent.Gradients g = net.backward(out.cache(), r, dFinal);

        assertClose("out", read("out"), out.outputs());
        for (int l = 0; l < L; l++) {
            assertClose("hn[" + l + "]", read("hn").slice(l), out.finalStates().get(l).h());
            assertClose("dh0[" + l + "]", read("dh0").slice(l), g.dInitial().get(l).h());
            if (lstm) {
                assertClose("cn[" + l + "]", read("cn").slice(l), out.finalStates().get(l).c());
                assertClose("dc0[" + l + "]", read("dc0").slice(l), g.dInitial().get(l).c());
            }
        }
        assertClose("dx", read("dx"), g.dx());
        for (Parameter p : net.parameters()) assertClose("grad " + p.name(), read("grad_" + p.name()), p.grad());
    }

    private void runPython(String kind) throws Exception {
        Path script = Paths.get(getClass().getResource("torch_reference.py").toURI());
        Process p = new ProcessBuilder(PYTHON, script.toString(), kind, dir.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "torch_reference.py did not finish");
        assertEquals(0, p.exitValue(), log);
    }

    private void write(String name, INDArray a) throws Exception {
        Npy.write(a, dir.resolve(name + ".npy"));
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
