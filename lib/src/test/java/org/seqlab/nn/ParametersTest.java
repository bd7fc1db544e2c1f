package org.seqlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ParametersTest {
    @TempDir
    Path dir;

    @Test
    void setCopiesAnArrayOfTheSameShapeCastToTheParametersType() {
        Parameter p = new Parameter("weight_hh_l0", Nd4j.zeros(DataType.FLOAT, 2, 3));
        p.set(Nd4j.create(new double[][] {{1, 2, 3}, {4, 5, 6}}));
        assertEquals(DataType.FLOAT, p.value().dataType());
        assertEquals(6.0f, p.value().getFloat(1, 2));
    }

    @Test
    void setRefusesAnotherShapeNamingBothAndWritesNothing() {
        // ND4J's assign would copy the [5, 2] array's ten values into a four-value buffer and corrupt native memory.
        Parameter p = new Parameter("weight_ih_l0", Nd4j.zeros(DataType.DOUBLE, 2, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.set(Nd4j.ones(DataType.DOUBLE, 2, 5).transpose()));
        assertEquals("weight_ih_l0 is [2, 2]; cannot set it from an array of shape [5, 2]", e.getMessage());
        assertEquals(0.0, p.value().sumNumber().doubleValue());
    }

    @Test
    void saveThenLoadRestoresEveryValueUnderItsPyTorchName() {
        Recurrent a = Recurrent.lstm(3, 4, 2, new Random(1));
        a.parameters().save(dir);
        assertTrue(Files.exists(dir.resolve("weight_hh_l1.npy")));
        Recurrent b = Recurrent.lstm(3, 4, 2, new Random(2));
        b.parameters().load(dir);
        for (Parameter p : a.parameters()) assertEquals(p.value(), b.parameters().get(p.name()).value(), p.name());
    }

    @Test
    void subModulesThatBothOwnAWeightSaveToSeparateFilesUnderQualifiedNames() {
        Parameters model = new Parameters()
                .addAll("embedding", Embedding.create(5, 3, new Random(1)).parameters())
                .addAll("fc", Linear.create(3, 5, new Random(2)).parameters());
        model.save(dir);
        assertTrue(Files.exists(dir.resolve("embedding.weight.npy")) && Files.exists(dir.resolve("fc.weight.npy")));
        Parameters copy = new Parameters()
                .addAll("embedding", Embedding.create(5, 3, new Random(3)).parameters())
                .addAll("fc", Linear.create(3, 5, new Random(4)).parameters());
        copy.load(dir);
        for (String name : model.names()) assertEquals(model.get(name).value(), copy.get(name).value(), name);
    }

    @Test
    void loadingAFileOfTheWrongShapeNamesBothShapesAndChangesNothing() {
        Recurrent.gru(3, 4, 1, new Random(1)).parameters().save(dir);
        Recurrent other = Recurrent.gru(3, 5, 1, new Random(2));
        INDArray before = other.parameters().get("weight_ih_l0").value().dup();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.parameters().load(dir));
        assertTrue(e.getMessage().contains("[15, 3]") && e.getMessage().contains("[12, 3]"), e.getMessage());
        assertEquals(before, other.parameters().get("weight_ih_l0").value());
    }

    @Test
    void aMissingFileIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Linear.create(2, 3, new Random(1)).parameters().load(dir));
        assertTrue(e.getMessage().contains("weight.npy"), e.getMessage());
    }

    @Test
    void numpyReadsWhatWeWriteAndWeReadWhatNumpyWrites() throws Exception {
        Assumptions.assumeTrue(python("import numpy") == 0, "skipped: /usr/bin/python3 cannot import numpy");
        Parameters p = new Parameters();
        p.add("fc.weight", Nd4j.create(new float[][] {{1.5f, -2f, 3f}, {4f, 5f, 6.25f}}));
        p.add("bias", Nd4j.create(new double[] {0.125, -7}));
        p.save(dir);
        String d = dir.toString();
        int rc = python("import numpy as np\n"
                + "w = np.load('" + d + "/fc.weight.npy'); b = np.load('" + d + "/bias.npy')\n"
                + "assert w.dtype == np.float32 and w.shape == (2, 3) and w[1, 2] == 6.25 and w[0, 1] == -2, w\n"
                + "assert b.dtype == np.float64 and b.shape == (2,) and b[0] == 0.125, b\n"
                + "np.save('" + d + "/fc.weight.npy', (w * 2).astype(np.float32))\n"
                + "np.save('" + d + "/bias.npy', b + 1)\n");
        assertEquals(0, rc, "numpy could not read the files or check their values");
        p.load(dir);
        assertEquals(Nd4j.create(new float[][] {{3f, -4f, 6f}, {8f, 10f, 12.5f}}), p.get("fc.weight").value());
        assertEquals(Nd4j.create(new double[] {1.125, -6}), p.get("bias").value());
        assertEquals(DataType.DOUBLE, p.get("bias").value().dataType());
    }

    @Test
    void weightsSavedTransposedOrBigEndianByNumpyLoadAsNumpyHoldsThem() throws Exception {
        Assumptions.assumeTrue(python("import numpy") == 0, "skipped: /usr/bin/python3 cannot import numpy");
        Parameters p = new Parameters();
        p.add("weight", Nd4j.create(DataType.FLOAT, 2, 3));
        p.add("bias", Nd4j.create(DataType.DOUBLE, 2));
        String d = dir.toString();
        assertEquals(0, python("import numpy as np\n"
                + "np.save('" + d + "/weight.npy', np.array([[1, 4], [2, 5], [3, 6]], dtype='>f4').T)\n"
                + "np.save('" + d + "/bias.npy', np.array([0.5, -1.5], dtype='>f8'))\n"));
        p.load(dir);
        assertEquals(Nd4j.create(new float[][] {{1, 2, 3}, {4, 5, 6}}), p.get("weight").value());
        assertEquals(Nd4j.create(new double[] {0.5, -1.5}), p.get("bias").value());
    }

    @Test
    void aFileThatIsNotANumberArrayIsNamedAndChangesNothing() throws Exception {
        Assumptions.assumeTrue(python("import numpy") == 0, "skipped: /usr/bin/python3 cannot import numpy");
        Parameters p = new Parameters();
        p.add("bias", Nd4j.create(new double[] {1, 2}));
        p.add("weight", Nd4j.create(new double[] {3, 4}));
        String d = dir.toString();
        assertEquals(0, python("import numpy as np\n"
                + "np.save('" + d + "/bias.npy', np.array([7.0, 8.0]))\n"
                + "np.save('" + d + "/weight.npy', np.array([1 + 1j, 2]))\n"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.load(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("weight.npy") + " holds complex128"), e.getMessage());
        assertEquals(Nd4j.create(new double[] {1, 2}), p.get("bias").value());
    }

    private static int python(String code) {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", code).inheritIO().start();
            return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (Exception e) {
            return -1;
        }
    }
}
