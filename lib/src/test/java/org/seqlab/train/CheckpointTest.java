package org.seqlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.nn.Parameter;
import org.seqlab.nn.Parameters;

class CheckpointTest {
    @TempDir
    Path dir;

    private static Parameters model(long seed) {
        Parameters ps = new Parameters();
        ps.add("weight_ih_l0", Nd4j.randn(seed, new long[] {8, 3}).castTo(DataType.FLOAT));
        ps.add("bias_ih_l0", Nd4j.randn(seed + 1, new long[] {8}).castTo(DataType.FLOAT));
        ps.add("fc.weight", Nd4j.randn(seed + 2, new long[] {2, 2}).castTo(DataType.DOUBLE));
        return ps;
    }

    private static void assertBitIdentical(INDArray expected, INDArray actual, String what) {
        assertEquals(expected.dataType(), actual.dataType(), what);
        assertArrayEquals(expected.shape(), actual.shape(), what);
        INDArray a = expected.reshape(expected.length()), b = actual.reshape(actual.length());
        for (long i = 0; i < a.length(); i++) {
            assertEquals(Double.doubleToRawLongBits(a.getDouble(i)), Double.doubleToRawLongBits(b.getDouble(i)), what);
        }
    }

    private static Adam trainedAdam(Parameters ps, int steps) {
        Adam adam = Adam.create(ps, 0.01);
        for (int k = 0; k < steps; k++) {
            for (Parameter p : ps) p.grad().assign(Nd4j.randn(k, p.value().shape()).castTo(p.value().dataType()));
            adam.step();
        }
        return adam;
    }

    @Test
    void roundTripIsBitIdenticalForParametersOptimizerAndCounters() {
        Parameters ps = model(1);
        Adam adam = trainedAdam(ps, 3);
        Path file = dir.resolve("run.ckpt");
        Checkpoint.save(file, ps, adam, 300, 4);

        Parameters fresh = model(99);
        Adam freshAdam = Adam.create(fresh, 0.01);
        Checkpoint.Counters counters = Checkpoint.load(file, fresh, freshAdam);
        assertEquals(new Checkpoint.Counters(300, 4), counters);
        for (Parameter p : ps) assertBitIdentical(p.value(), fresh.get(p.name()).value(), p.name());
        assertEquals(3, freshAdam.steps());
        for (Map.Entry<String, INDArray> e : adam.state().entrySet()) {
            assertBitIdentical(e.getValue(), freshAdam.state().get(e.getKey()), e.getKey());
        }
    }

    @Test
    void aWriteThatFailsHalfwayLeavesThePreviousCheckpointReadable() throws IOException {
        Parameters ps = model(1);
        Path file = dir.resolve("run.ckpt");
        Checkpoint.save(file, ps, null, 10, 1);
        byte[] before = Files.readAllBytes(file);
        long half = before.length / 2;
        Map<String, INDArray> saved = new java.util.HashMap<>();
        for (Parameter p : ps) saved.put(p.name(), p.value().dup());

        for (Parameter p : ps) p.value().addi(1);
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> Checkpoint.save(file, ps, null, 20, 2, out -> new FilterOutputStream(out) {
                    long written;

                    @Override
                    public void write(int b) throws IOException {
                        if (++written > half) throw new IOException("simulated crash: disk full");
                        out.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        for (int i = 0; i < len; i++) write(b[off + i]);
                    }
                }));
        assertTrue(e.getMessage().contains("previous one is kept"), e.getMessage());

        assertArrayEquals(before, Files.readAllBytes(file));
        Parameters restored = model(5);
        assertEquals(new Checkpoint.Counters(10, 1), Checkpoint.load(file, restored, null));
        for (Parameter p : ps) {
            assertBitIdentical(saved.get(p.name()), restored.get(p.name()).value(), p.name());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "the temporary file is removed");
        }
    }

    @Test
    void aMismatchedModelIsRejectedAndLeftUnchanged() {
        Path file = dir.resolve("run.ckpt");
        Checkpoint.save(file, model(1), null, 1, 1);
        Parameters other = new Parameters();
        other.add("weight_ih_l0", Nd4j.zeros(DataType.FLOAT, 8, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.load(file, other, null));
        assertTrue(e.getMessage().contains("fc.weight"), e.getMessage());
        assertEquals(0, other.get("weight_ih_l0").value().amaxNumber().doubleValue());
    }

    @Test
    void numpyReadsTheCheckpointAsAnNpzArchive() {
        Assumptions.assumeTrue(Torch.available(), "/usr/bin/python3 with numpy and torch is not available");
        Parameters ps = model(2);
        Path file = dir.resolve("run.ckpt");
        Checkpoint.save(file, ps, trainedAdam(ps, 1), 7, 1);
        double[] out = Torch.numbers(Torch.run("import numpy as np\nz=np.load('" + file + "')\n"
                + "print(z['parameters/fc.weight'][1,0], int(z['step']), int(z['optimizer/step']))\n"));
        assertEquals(ps.get("fc.weight").value().getDouble(1, 0), out[0], 1e-15);
        assertEquals(7, out[1]);
        assertEquals(1, out[2]);
    }

    @Test
    void parametersAreStoredUnderTheirQualifiedNames() {
        Parameters inner1 = new Parameters();
        inner1.add("weight", Nd4j.rand(DataType.FLOAT, 2, 2));
        Parameters inner2 = new Parameters();
        inner2.add("weight", Nd4j.rand(DataType.FLOAT, 3));
        Parameters model = new Parameters().addAll("embedding", inner1).addAll("fc", inner2);
        Path file = dir.resolve("run.ckpt");
        Checkpoint.save(file, model, Sgd.create(model, 0.1, 0.9, 0), 1, 1);
        assertEquals(java.util.List.of("parameters/embedding.weight", "parameters/fc.weight",
                "optimizer/step", "optimizer/momentum_buffer.embedding.weight", "optimizer/momentum_buffer.fc.weight",
                "step", "epoch"), java.util.List.copyOf(Checkpoint.read(file).keySet()));
    }
}
