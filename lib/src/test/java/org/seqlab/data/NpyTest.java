package org.seqlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Npy} against files numpy wrote ({@code npy_cases.py}): every supported data type in both byte orders, C
 * and Fortran order, scalars and empty arrays load with numpy's shape and values; the files it cannot read give a
 * message naming the file and what it holds; and numpy reads what {@link Npy#write} wrote. Needs
 * {@code /usr/bin/python3} with numpy ({@code python3-numpy}, which {@code ./course test} installs).
 */
class NpyTest {
    static final String PYTHON = "/usr/bin/python3";

    @TempDir
    static Path cases;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeCasesWithNumpy() throws Exception {
        Assumptions.assumeTrue(canImportNumpy(),
                "skipped: " + PYTHON + " cannot import numpy (apt-get install python3-numpy)");
        Path script = Paths.get(NpyTest.class.getResource("npy_cases.py").toURI());
        python(script.toString(), cases.toString());
    }

    static boolean canImportNumpy() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import numpy").redirectErrorStream(true).start();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** Runs python with the arguments and returns its output; fails the test if python fails. */
    static String python(String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = PYTHON;
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "python did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void everyDataTypeByteOrderAndLayoutNumpyWritesLoadsWithItsShapeAndValues() throws Exception {
        List<String> lines = Files.readAllLines(cases.resolve("manifest.txt"));
        assertTrue(lines.size() > 150, "only " + lines.size() + " cases");
        int bigEndian = 0;
        int fortran = 0;
        for (String line : lines) {
            String[] f = line.split(";", -1);
            INDArray a = Npy.read(cases.resolve(f[0]));
            long[] shape = f[3].isEmpty() ? new long[0] : Arrays.stream(f[3].split(",")).mapToLong(Long::parseLong).toArray();
            assertArrayEquals(shape, a.shape(), f[0]);
            assertEquals(expectedType(f[1]), a.dataType(), f[0]);
            assertEquals('c', a.ordering(), f[0]);
            double[] expected = f[4].isEmpty() ? new double[0] : Arrays.stream(f[4].split(" ")).mapToDouble(Double::parseDouble).toArray();
            double[] actual = a.isEmpty() ? new double[0]
                    : a.castTo(DataType.DOUBLE).dup('c').reshape(a.length()).toDoubleVector();
            assertArrayEquals(expected, actual, 0.0, f[0]);
            if (f[1].startsWith(">")) bigEndian++;
            if (f[2].equals("True")) fortran++;
        }
        assertTrue(bigEndian > 40 && fortran > 40, bigEndian + " big-endian, " + fortran + " Fortran-order cases");
    }

    private static DataType expectedType(String descr) {
        return Map.ofEntries(Map.entry("f2", DataType.HALF), Map.entry("f4", DataType.FLOAT),
                Map.entry("f8", DataType.DOUBLE), Map.entry("i1", DataType.BYTE), Map.entry("u1", DataType.UBYTE),
                Map.entry("i2", DataType.SHORT), Map.entry("u2", DataType.UINT16), Map.entry("i4", DataType.INT),
                Map.entry("u4", DataType.UINT32), Map.entry("i8", DataType.LONG), Map.entry("u8", DataType.UINT64),
                Map.entry("b1", DataType.BOOL)).get(descr.substring(1));
    }

    @Test
    void aTransposeSavedInFortranOrderLoadsAsNumpyShowsIt() {
        INDArray a = Npy.read(cases.resolve("transposed.npy"));
        assertEquals(Nd4j.create(new double[][] {{1, 2, 3}, {4, 5, 6}}), a);
    }

    @Test
    void aBigEndianFileLoadsInsteadOfStoppingTheJvm() {
        INDArray a = Npy.read(cases.resolve("f8_big_C_2x3.npy"));
        assertEquals(Nd4j.create(new double[][] {{-3.25, -1.75, -0.25}, {1.25, 2.75, 4.25}}), a);
    }

    @Test
    void dataTypesSeqlabCannotReadAreNamedWithTheFile() {
        assertMessage("complex.npy", "holds complex128 (little-endian) ('<c16'), which Seqlab cannot read");
        assertMessage("strings.npy", "holds unicode strings of 3 characters (little-endian) ('<U3')");
        assertMessage("objects.npy", "holds Python objects ('|O')");
        assertMessage("records.npy", "holds a structured array (records with named fields)");
        assertMessage("dates.npy", "holds datetime64 (little-endian) ('<M8[D]')");
        assertMessage("archive.npz", "is not a NumPy .npy file: it starts with bytes 50 4b 03 04");
    }

    private static void assertMessage(String file, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.read(cases.resolve(file)));
        assertTrue(e.getMessage().startsWith(cases.resolve(file).toString()), e.getMessage());
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void aTruncatedFileSaysHowMuchDataIsMissing() throws Exception {
        byte[] whole = Files.readAllBytes(cases.resolve("f4_little_C_2x3x4.npy"));
        Path cut = dir.resolve("cut.npy");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.read(cut));
        assertEquals(cut + " is truncated: its header announces float32 (little-endian) [2, 3, 4], which is 96 bytes "
                + "of data, but only 91 follow", e.getMessage());
        Path inHeader = dir.resolve("header.npy");
        Files.write(inHeader, Arrays.copyOf(whole, 40));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Npy.read(inHeader)).getMessage()
                .contains("is truncated: its .npy header announces"));
    }

    @Test
    void garbageGivesAJavaExceptionNeverACrash() throws Exception {
        Random rng = new Random(7);
        byte[] whole = Files.readAllBytes(cases.resolve("f8_big_F_2x3x4.npy"));
        for (int trial = 0; trial < 300; trial++) {
            byte[] b = whole.clone();
            if (trial % 3 == 0) {
                b = new byte[rng.nextInt(200)];
                rng.nextBytes(b);
            } else {
                for (int k = 0; k < 1 + rng.nextInt(4); k++) b[8 + rng.nextInt(120)] = (byte) rng.nextInt(256);
            }
            Path f = dir.resolve("garbage" + trial + ".npy");
            Files.write(f, b);
            try {
                Npy.read(f);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
            }
        }
        Path empty = dir.resolve("empty.npy");
        Files.write(empty, new byte[0]);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Npy.read(empty)).getMessage()
                .contains("(none: the file is empty)"));
        Path text = dir.resolve("text.npy");
        Files.write(text, (new String(new byte[] {(byte) 0x93}, "ISO-8859-1") + "NUMPY\u0001\u0000\u0010\u0000not a dict here!")
                .getBytes("ISO-8859-1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Npy.read(text)).getMessage()
                .contains("has a malformed .npy header (not a Python dict): not a dict here!"));
    }

    @Test
    void numpyReadsWhatSeqlabWrites() throws Exception {
        Map<String, INDArray> arrays = new java.util.LinkedHashMap<>();
        arrays.put("f8", Nd4j.create(new double[][] {{1.5, -2}, {3, 1e-300}}));
        arrays.put("f4", Nd4j.create(new float[] {0.1f, -7f, 3e38f}, new long[] {3}, 'c'));
        arrays.put("f4view", Nd4j.create(new double[][] {{1, 2, 3}, {4, 5, 6}}).castTo(DataType.FLOAT).transpose());
        arrays.put("f2", Nd4j.create(new float[] {0.5f, -65504f, 0x1p-14f, 0x3p-24f}, new long[] {2, 2}, 'c').castTo(DataType.HALF));
        arrays.put("i8", Nd4j.createFromArray(new long[] {-5, 1L << 40}));
        arrays.put("i4", Nd4j.createFromArray(new int[][] {{-1, 2}, {3, 4}}));
        arrays.put("b1", Nd4j.createFromArray(new boolean[] {true, false, true}));
        arrays.put("scalar", Nd4j.scalar(DataType.LONG, 42L));
        arrays.put("empty", Nd4j.create(DataType.FLOAT, 0, 4));
        StringBuilder expected = new StringBuilder();
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            Npy.write(e.getValue(), dir.resolve(e.getKey() + ".npy"));
            INDArray back = Npy.read(dir.resolve(e.getKey() + ".npy"));
            assertEquals(e.getValue().dataType(), back.dataType(), e.getKey());
            assertArrayEquals(e.getValue().shape(), back.shape(), e.getKey());
            assertTrue(e.getValue().equalsWithEps(back, 0), e.getKey());
        }
        String out = python("-c", "import numpy as np, sys\n"
                + "for n in ['f8','f4','f4view','f2','i8','i4','b1','scalar','empty']:\n"
                + "    a = np.load(sys.argv[1] + '/' + n + '.npy')\n"
                + "    print(n, a.dtype.str, a.shape, a.ravel().tolist())\n", dir.toString());
        assertEquals(String.join("\n",
                "f8 <f8 (2, 2) [1.5, -2.0, 3.0, 1e-300]",
                "f4 <f4 (3,) [0.10000000149011612, -7.0, 3.0000000054977558e+38]",
                "f4view <f4 (3, 2) [1.0, 4.0, 2.0, 5.0, 3.0, 6.0]",
                "f2 <f2 (2, 2) [0.5, -65504.0, 6.103515625e-05, 1.7881393432617188e-07]",
                "i8 <i8 (2,) [-5, 1099511627776]",
                "i4 <i4 (2, 2) [-1, 2, 3, 4]",
                "b1 |b1 (3,) [True, False, True]",
                "scalar <i8 () [42]",
                "empty <f4 (0, 4) []") + "\n", out);
    }
}
