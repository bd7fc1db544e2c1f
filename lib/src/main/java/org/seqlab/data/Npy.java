package org.seqlab.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * NumPy's {@code .npy} format, read and written in Java: what {@code np.save} writes and {@code np.load} reads,
 * so arrays and weights move between Seqlab, NumPy and PyTorch.
 *
 * <pre>
 *   INDArray w = Npy.read(Path.of("weight_hh_l0.npy"));   // np.save("weight_hh_l0.npy", W) in Python
 *   Npy.write(w, Path.of("copy.npy"));                    // np.load("copy.npy") in Python
 * </pre>
 *
 * <p>The header is read and checked before any data: either byte order ({@code '<f8'}, {@code '>f8'}), C or
 * Fortran order ({@code 'fortran_order': True}, what {@code np.save(f, W.T)} writes) and the common data
 * types load correctly: float16/32/64, signed and unsigned integers of 8 to 64 bits, bool. The result is
 * always a C-order array with NumPy's shape and values. Anything else — another data type (complex, strings,
 * objects, records), a truncated file, a file that is not {@code .npy} — is an {@link IllegalArgumentException}
 * naming the file and what it holds. The data never goes to ND4J's native reader, which aborts the whole JVM
 * (and a notebook's kernel with it) on a big-endian file.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /**
     * What a header says: the data type, the byte order, the layout and the shape.
     *
     * @param descr NumPy's type string, as {@code '<f8'}
     * @param dtype the ND4J data type the values load as
     * @param order the byte order of the values
     * @param fortranOrder whether the values are stored column-major
     * @param shape the array's shape ({@code []} for a scalar)
     * @param dataOffset where the values start in the file
     */
    public record Header(String descr, DataType dtype, ByteOrder order, boolean fortranOrder, long[] shape,
                         int dataOffset) {
        /** The number of elements. */
        public long count() {
            long n = 1;
            for (long s : shape) n = Math.multiplyExact(n, s);
            return n;
        }

        /** Bytes per element. */
        public int itemSize() {
            return Integer.parseInt(descr.substring(2));
        }

        @Override
        public String toString() {
            return describe(descr) + " " + Arrays.toString(shape) + (fortranOrder ? " in Fortran order" : "");
        }
    }

    /** Reads a {@code .npy} file; see the class comment for what it accepts. */
    public static INDArray read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        return read(bytes, file.toString());
    }

    /**
     * Reads {@code .npy} bytes ({@code source} names them in errors, as a file or an archive entry).
     *
     * @throws IllegalArgumentException if the bytes are not a {@code .npy} array of a supported type, or too few
     */
    public static INDArray read(byte[] bytes, String source) {
        Header h = header(bytes, source);
        long count;
        long needed;
        try {
            count = h.count();
            needed = Math.multiplyExact(count, h.itemSize());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(source + " announces an impossible shape " + Arrays.toString(h.shape()));
        }
        long available = bytes.length - (long) h.dataOffset();
        if (available < needed) {
            throw new IllegalArgumentException(source + " is truncated: its header announces " + h + ", which is "
                    + needed + " bytes of data, but only " + available + " follow");
        }
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(source + " holds " + h + ": more than 2^31 elements");
        }
        if (count == 0) return Nd4j.create(h.dtype(), h.shape());
        ByteBuffer data = ByteBuffer.wrap(bytes, h.dataOffset(), (int) needed).slice().order(h.order());
        INDArray flat = values(data, h, (int) count);
        if (h.shape().length == 0) return scalar(flat, h.dtype());
        long[] cShape = h.fortranOrder() ? reversed(h.shape()) : h.shape();
        INDArray a = flat.reshape('c', cShape);
        if (h.fortranOrder() && h.shape().length > 1) {
            int[] axes = new int[cShape.length];
            for (int k = 0; k < axes.length; k++) axes[k] = axes.length - 1 - k;
            a = a.permute(axes).dup('c');
        }
        return a;
    }

    /**
     * Reads and checks the header only.
     *
     * @throws IllegalArgumentException naming {@code source} and what is wrong
     */
    public static Header header(byte[] bytes, String source) {
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            String start = hex(bytes, 8);
            String hint = bytes.length >= 2 && bytes[0] == 'P' && bytes[1] == 'K'
                    ? " (a zip archive: an .npz file holds several .npy arrays; read one of its entries)" : "";
            throw new IllegalArgumentException(source + " is not a NumPy .npy file: it starts with bytes " + start
                    + hint + ", not the .npy signature 93 4e 55 4d 50 59 (\\x93NUMPY)");
        }
        int major = bytes[6] & 0xff;
        int lengthBytes = switch (major) {
            case 1 -> 2;
            case 2, 3 -> 4;
            default -> throw new IllegalArgumentException(source + " is a .npy file of format version " + major
                    + "." + (bytes[7] & 0xff) + "; Seqlab reads versions 1.0, 2.0 and 3.0");
        };
        if (bytes.length < 8 + lengthBytes) {
            throw new IllegalArgumentException(source + " is truncated inside its .npy header");
        }
        ByteBuffer length = ByteBuffer.wrap(bytes, 8, lengthBytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = lengthBytes == 2 ? length.getShort() & 0xffffL : length.getInt() & 0xffffffffL;
        int start = 8 + lengthBytes;
        if (start + headerLength > bytes.length) {
            throw new IllegalArgumentException(source + " is truncated: its .npy header announces " + headerLength
                    + " bytes but the file has " + (bytes.length - start) + " after the signature");
        }
        String text = new String(bytes, start, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).strip();
        if (!text.startsWith("{") || !text.endsWith("}")) {
            throw new IllegalArgumentException(source + " has a malformed .npy header (not a Python dict): "
                    + abbreviate(text));
        }
        Matcher descr = DESCR.matcher(text);
        Matcher fortran = FORTRAN.matcher(text);
        Matcher shape = SHAPE.matcher(text);
        if (!descr.find()) {
            String kind = text.contains("'descr': [") || text.contains("'descr':[")
                    ? "a structured array (records with named fields), which Seqlab cannot read"
                    : "no data type ('descr') it understands";
            throw new IllegalArgumentException(source + " holds " + kind + "; its header is " + abbreviate(text));
        }
        if (!fortran.find() || !shape.find()) {
            throw new IllegalArgumentException(source + " has a malformed .npy header (it needs 'descr', "
                    + "'fortran_order' and 'shape'): " + abbreviate(text));
        }
        String d = descr.group(1);
        DataType dtype = dtypeOf(d, source);
        ByteOrder order = switch (d.charAt(0)) {
            case '<', '|' -> ByteOrder.LITTLE_ENDIAN;
            case '>' -> ByteOrder.BIG_ENDIAN;
            default -> ByteOrder.nativeOrder();
        };
        return new Header(d, dtype, order, fortran.group(1).equals("True"), parseShape(shape.group(1), text, source),
                (int) (start + headerLength));
    }

    /** Writes {@code a} as a version 1.0 {@code .npy} file (little-endian, C order, its own data type). */
    public static void write(INDArray a, Path file) {
        try {
            Files.write(file, toBytes(a));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /** {@code a} as the bytes of a {@code .npy} file (little-endian, C order, its own data type). */
    public static byte[] toBytes(INDArray a) {
        String descr = descrOf(a.dataType());
        long[] dims = a.shape();
        StringBuilder shape = new StringBuilder("(");
        for (int k = 0; k < dims.length; k++) shape.append(k == 0 ? "" : ", ").append(dims[k]);
        shape.append(dims.length == 1 ? ",)" : ")");
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        int item = Integer.parseInt(descr.substring(2));
        int n = Math.toIntExact(a.length());
        ByteBuffer out = ByteBuffer.allocate(10 + header.length() + n * item).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        out.put(header.getBytes(StandardCharsets.ISO_8859_1));
        if (n == 0) return out.array();
        INDArray c = a.dup('c');
        switch (a.dataType()) {
            case DOUBLE -> out.asDoubleBuffer().put(c.data().asDouble(), 0, n);
            case FLOAT -> out.asFloatBuffer().put(c.data().asFloat(), 0, n);
            case HALF -> {
                float[] v = c.castTo(DataType.FLOAT).data().asFloat();
                for (int i = 0; i < n; i++) out.putShort(Half.fromFloat(v[i]));
            }
            case LONG, UINT64 -> out.asLongBuffer().put(c.data().asLong(), 0, n);
            default -> {
                long[] v = c.castTo(DataType.LONG).data().asLong();
                for (int i = 0; i < n; i++) {
                    switch (item) {
                        case 4 -> out.putInt((int) v[i]);
                        case 2 -> out.putShort((short) v[i]);
                        default -> out.put((byte) v[i]);
                    }
                }
            }
        }
        return out.array();
    }

    /** IEEE 754 half precision (binary16), which {@code java.lang.Float} converts only from Java 20. */
    static final class Half {
        private Half() {}

        static float toFloat(short bits) {
            int h = bits & 0xffff;
            int sign = (h >>> 15) << 31;
            int exponent = (h >>> 10) & 0x1f;
            int mantissa = h & 0x3ff;
            if (exponent == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));   // inf, NaN
            if (exponent != 0) return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
            float subnormal = mantissa * 0x1p-24f;                                                     // or zero
            return sign == 0 ? subnormal : -subnormal;
        }

        static short fromFloat(float f) {
            int bits = Float.floatToRawIntBits(f);
            int sign = (bits >>> 16) & 0x8000;
            if (Float.isNaN(f)) return (short) (sign | 0x7e00);
            float abs = Math.abs(f);
            if (abs >= 65520f) return (short) (sign | 0x7c00);                                       // overflow: inf
            if (abs < 0x1p-14f) return (short) (sign | Math.round(abs * 0x1p24f));                    // subnormal
            int e = Math.getExponent(abs);
            float scaled = Math.scalb(abs, -e) - 1f;                                                  // [0, 1)
            int mantissa = Math.round(scaled * 1024f);
            int exponent = e + 15;
            if (mantissa == 1024) {
                mantissa = 0;
                exponent++;
            }
            return (short) (sign | (exponent << 10) | mantissa);
        }
    }

    /** A rank-0 array holding {@code flat}'s one value. */
    private static INDArray scalar(INDArray flat, DataType t) {
        return switch (t) {
            case BOOL -> Nd4j.scalar(flat.getDouble(0) != 0);
            case DOUBLE, FLOAT, HALF -> Nd4j.scalar(t, flat.getDouble(0));
            default -> Nd4j.scalar(t, flat.getLong(0));
        };
    }

    private static INDArray values(ByteBuffer data, Header h, int n) {
        DataType t = h.dtype();
        switch (t) {
            case DOUBLE -> {
                double[] v = new double[n];
                data.asDoubleBuffer().get(v);
                return Nd4j.create(v, new long[] {n}, DataType.DOUBLE);
            }
            case FLOAT -> {
                float[] v = new float[n];
                data.asFloatBuffer().get(v);
                return Nd4j.create(v, new long[] {n}, 'c');
            }
            case HALF -> {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) v[i] = Half.toFloat(data.getShort(2 * i));
                return Nd4j.create(v, new long[] {n}, 'c').castTo(DataType.HALF);
            }
            case LONG -> {
                long[] v = new long[n];
                data.asLongBuffer().get(v);
                return Nd4j.createFromArray(v);
            }
            case UINT64 -> {
                long[] v = new long[n];
                data.asLongBuffer().get(v);
                for (long x : v) {
                    if (x < 0) throw new IllegalArgumentException("uint64 values of 2^63 and above cannot be read");
                }
                return Nd4j.createFromArray(v).castTo(DataType.UINT64);
            }
            case INT -> {
                int[] v = new int[n];
                data.asIntBuffer().get(v);
                return Nd4j.createFromArray(v);
            }
            case UINT32 -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) v[i] = data.getInt(4 * i) & 0xffffffffL;
                return Nd4j.createFromArray(v).castTo(DataType.UINT32);
            }
            case SHORT -> {
                short[] v = new short[n];
                data.asShortBuffer().get(v);
                return Nd4j.createFromArray(v);
            }
            case UINT16 -> {
                int[] v = new int[n];
                for (int i = 0; i < n; i++) v[i] = data.getShort(2 * i) & 0xffff;
                return Nd4j.createFromArray(v).castTo(DataType.UINT16);
            }
            case BYTE -> {
                byte[] v = new byte[n];
                data.get(v);
                return Nd4j.createFromArray(v);
            }
            case UBYTE -> {
                int[] v = new int[n];
                for (int i = 0; i < n; i++) v[i] = data.get(i) & 0xff;
                return Nd4j.createFromArray(v).castTo(DataType.UBYTE);
            }
            case BOOL -> {
                boolean[] v = new boolean[n];
                for (int i = 0; i < n; i++) v[i] = data.get(i) != 0;
                return Nd4j.createFromArray(v);
            }
            default -> throw new IllegalStateException(t.toString());
        }
    }

    private static DataType dtypeOf(String descr, String source) {
        if (descr.length() >= 3 && "<>|=".indexOf(descr.charAt(0)) >= 0) {
            String kind = descr.substring(1);
            DataType t = switch (kind) {
                case "f2" -> DataType.HALF;
                case "f4" -> DataType.FLOAT;
                case "f8" -> DataType.DOUBLE;
                case "i1" -> DataType.BYTE;
                case "u1" -> DataType.UBYTE;
                case "i2" -> DataType.SHORT;
                case "u2" -> DataType.UINT16;
                case "i4" -> DataType.INT;
                case "u4" -> DataType.UINT32;
                case "i8" -> DataType.LONG;
                case "u8" -> DataType.UINT64;
                case "b1" -> DataType.BOOL;
                default -> null;
            };
            if (t != null) return t;
        }
        throw new IllegalArgumentException(source + " holds " + describe(descr) + " ('" + descr + "'), which Seqlab "
                + "cannot read: it reads float16/32/64, signed and unsigned integers of 8 to 64 bits and bool. "
                + "Convert it in Python first, for example np.save(f, a.astype(np.float32))");
    }

    private static String descrOf(DataType t) {
        return switch (t) {
            case DOUBLE -> "<f8";
            case FLOAT -> "<f4";
            case HALF -> "<f2";
            case LONG -> "<i8";
            case UINT64 -> "<u8";
            case INT -> "<i4";
            case UINT32 -> "<u4";
            case SHORT -> "<i2";
            case UINT16 -> "<u2";
            case BYTE -> "|i1";
            case UBYTE -> "|u1";
            case BOOL -> "|b1";
            default -> throw new IllegalArgumentException("cannot write data type " + t + " as .npy; cast it to "
                    + "FLOAT or DOUBLE first");
        };
    }

    /** NumPy's name for a type string, as {@code float64 (big-endian)}. */
    static String describe(String descr) {
        if (descr.length() < 2) return "data type '" + descr + "'";
        String order = switch (descr.charAt(0)) {
            case '>' -> " (big-endian)";
            case '<' -> " (little-endian)";
            default -> "";
        };
        String body = "<>|=".indexOf(descr.charAt(0)) >= 0 ? descr.substring(1) : descr;
        String size = body.replaceAll("[^0-9]", "");
        int bits = size.isEmpty() ? 0 : Integer.parseInt(size) * 8;
        String name = switch (body.isEmpty() ? ' ' : body.charAt(0)) {
            case 'f' -> "float" + bits;
            case 'i' -> "int" + bits;
            case 'u' -> "uint" + bits;
            case 'b' -> "bool";
            case 'c' -> "complex" + bits;
            case 'U' -> "unicode strings of " + size + " characters";
            case 'S' -> "byte strings of " + size + " bytes";
            case 'O' -> "Python objects";
            case 'M' -> "datetime64";
            case 'm' -> "timedelta64";
            case 'V' -> "raw void records";
            default -> "data type '" + descr + "'";
        };
        return name + (body.startsWith("b") || body.startsWith("O") ? "" : order);
    }

    private static long[] parseShape(String inside, String text, String source) {
        List<Long> dims = new ArrayList<>();
        for (String part : inside.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) continue;
            if (p.endsWith("L")) p = p.substring(0, p.length() - 1);
            try {
                long v = Long.parseLong(p);
                if (v < 0) throw new NumberFormatException();
                dims.add(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(source + " has a malformed .npy header (shape): " + abbreviate(text));
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    private static long[] reversed(long[] shape) {
        long[] r = new long[shape.length];
        for (int k = 0; k < r.length; k++) r[k] = shape[shape.length - 1 - k];
        return r;
    }

    private static String hex(byte[] bytes, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(n, bytes.length); i++) s.append(i == 0 ? "" : " ").append(String.format("%02x", bytes[i]));
        return bytes.length == 0 ? "(none: the file is empty)" : s.toString();
    }

    private static String abbreviate(String text) {
        String t = text.replaceAll("[\\p{Cntrl}&&[^\n]]", "?");
        return t.length() <= 160 ? t : t.substring(0, 160) + "…";
    }
}
