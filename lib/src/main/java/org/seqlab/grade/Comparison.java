package org.seqlab.grade;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Map;

/**
 * Compares what came with what was expected and says where they first differ, in the words a verdict uses.
 *
 * <p>Arrays must have the same shape, the same floating-point type when both are ND4J arrays (a float64 input
 * asks for a float64 answer), and elements within {@link Tolerance} of each other, as NumPy's {@code allclose}:
 * {@code |got − expected| ≤ atol + rtol·|expected|}. Integers are compared exactly, records and maps component
 * by component, lists item by item. No ND4J here: the grader runs this on values read back from JSON.
 */
public final class Comparison {
    private Comparison() {}

    /**
     * How close two floating-point numbers must be: {@code |got − expected| ≤ atol + rtol·|expected|}.
     *
     * @param rtol relative tolerance
     * @param atol absolute tolerance
     */
    public record Tolerance(double rtol, double atol) {
        /** Float32 answers: about four significant digits survive a different order of operations. */
        public static final Tolerance FLOAT = new Tolerance(1e-4, 1e-5);
        /** Float64 answers: a different order of operations changes the last few digits only. */
        public static final Tolerance DOUBLE = new Tolerance(1e-7, 1e-10);

        /** The tolerance for answers whose expected value is {@code expected}: looser when it holds float32. */
        public static Tolerance forValue(Value expected) {
            return containsFloat(expected) ? FLOAT : DOUBLE;
        }

        private static boolean containsFloat(Value v) {
            if (v instanceof Value.Arr a) {
                return a.dtype().equals("FLOAT") || a.dtype().equals("HALF") || a.dtype().equals("BFLOAT16");
            } else if (v instanceof Value.Struct s) {
                return s.fields().values().stream().anyMatch(Tolerance::containsFloat);
            } else if (v instanceof Value.Seq s) {
                return s.items().stream().anyMatch(Tolerance::containsFloat);
            }
            return false;
        }

        boolean close(double expected, double got) {
            if (Double.isNaN(expected) || Double.isNaN(got)) {
                return Double.isNaN(expected) && Double.isNaN(got);
            }
            if (Double.isInfinite(expected) || Double.isInfinite(got)) {
                return expected == got;
            }
            return Math.abs(got - expected) <= atol + rtol * Math.abs(expected);
        }
    }

    /**
     * Where two values first differ.
     *
     * @param where    the component or item that differs ({@code "dW_hh"}, {@code "[2]"}), or "" for the whole value
     * @param expected what was expected there, in words
     * @param got      what came there, in words
     * @param detail   the index and shape of the first differing element, or ""
     */
    public record Difference(String where, String expected, String got, String detail) {
        /** The learner-facing line: {@code Failed test case: <case>. Expected: … Got: …}. */
        public String message(String caseName) {
            return "Failed test case: " + caseName + (where.isEmpty() ? "" : " (" + where + ")") + ". Expected: "
                    + expected + " Got: " + got + (detail.isEmpty() ? "" : " " + detail);
        }

        Difference within(String component) {
            return new Difference(where.isEmpty() ? component : component + (where.startsWith("[") ? "" : ".") + where,
                    expected, got, detail);
        }
    }

    /** True when {@code got} matches {@code expected} within {@code tolerance}. */
    public static boolean matches(Value expected, Value got, Tolerance tolerance) {
        return compare(expected, got, tolerance) == null;
    }

    /** The first difference between {@code expected} and {@code got}, or null when they match. */
    public static Difference compare(Value expected, Value got, Tolerance tolerance) {
        if (expected instanceof Value.Thrown e) {
            if (got instanceof Value.Thrown g && g.exception().equals(e.exception())) {
                return null;
            }
            return new Difference("", "an exception, " + e.exception(), got.describe(), "");
        }
        if (got instanceof Value.Thrown) {
            return new Difference("", expected.describe(), got.describe(), "");
        }
        if (expected instanceof Value.Arr e) {
            if (got instanceof Value.Num g && e.length() == 1 && e.data() != null) {
                return compareNumbers(e.data()[0], g.value(), false, tolerance);
            }
            return got instanceof Value.Arr g ? compareArrays(e, g, tolerance)
                    : new Difference("", "an array of shape " + Value.shape(e.shape()), got.describe(), "");
        }
        if (expected instanceof Value.Num e) {
            if (got instanceof Value.Num g) {
                return compareNumbers(e.value(), g.value(), e.integral(), tolerance);
            }
            if (got instanceof Value.Arr g && g.length() == 1 && g.data() != null) {
                return compareNumbers(e.value(), g.data()[0], e.integral(), tolerance);
            }
            return new Difference("", e.describe(), got.describe(), "");
        }
        if (expected instanceof Value.Struct e) {
            if (!(got instanceof Value.Struct g)) {
                return new Difference("", e.describe(), got.describe(), "");
            }
            for (Map.Entry<String, Value> field : e.fields().entrySet()) {
                Value other = g.fields().get(field.getKey());
                if (other == null) {
                    return new Difference(field.getKey(), field.getValue().describe(),
                            "nothing: no component named " + field.getKey(), "");
                }
                Difference d = compare(field.getValue(), other, tolerance);
                if (d != null) {
                    return d.within(field.getKey());
                }
            }
            return null;
        }
        if (expected instanceof Value.Seq e) {
            if (!(got instanceof Value.Seq g)) {
                return new Difference("", e.describe(), got.describe(), "");
            }
            if (g.items().size() != e.items().size()) {
                return new Difference("", e.items().size() + " items", g.items().size() + " items", "");
            }
            for (int k = 0; k < e.items().size(); k++) {
                Difference d = compare(e.items().get(k), g.items().get(k), tolerance);
                if (d != null) {
                    return d.within("[" + k + "]");
                }
            }
            return null;
        }
        return expected.equals(got) ? null : new Difference("", expected.describe(), got.describe(), "");
    }

    private static Difference compareNumbers(double e, double g, boolean integral, Tolerance tolerance) {
        boolean same = integral ? e == g : tolerance.close(e, g);
        return same ? null : new Difference("", format(e, integral), format(g, integral), "");
    }

    private static Difference compareArrays(Value.Arr e, Value.Arr g, Tolerance tolerance) {
        if (!Arrays.equals(e.shape(), g.shape())) {
            return new Difference("", "shape " + Value.shape(e.shape()), "shape " + Value.shape(g.shape()), "");
        }
        if (isFloating(e.dtype()) && isFloating(g.dtype()) && !e.dtype().equals(g.dtype())) {
            return new Difference("", e.dtype() + " values", g.dtype() + " values",
                    "(compute in the data type of the inputs)");
        }
        if (g.data() == null || e.data() == null) {
            return new Difference("", "an array of shape " + Value.shape(e.shape()),
                    "an array too large to compare", "");
        }
        boolean integral = Value.isIntegral(e.dtype()) && Value.isIntegral(g.dtype());
        for (int k = 0; k < e.data().length; k++) {
            boolean same = integral ? e.data()[k] == g.data()[k] : tolerance.close(e.data()[k], g.data()[k]);
            if (!same) {
                return new Difference("", format(e.data()[k], integral), format(g.data()[k], integral),
                        "at index " + Arrays.toString(index(k, e.shape())) + ", the first that differs (shape "
                                + Value.shape(e.shape()) + ")");
            }
        }
        return null;
    }

    /** Only ND4J's floating types take part in the data-type check; Java arrays carry no such choice. */
    private static boolean isFloating(String dtype) {
        return dtype.equals("DOUBLE") || dtype.equals("FLOAT") || dtype.equals("HALF") || dtype.equals("BFLOAT16");
    }

    /** The row-major multi-index of flat position {@code k}. */
    static long[] index(long k, long[] shape) {
        long[] index = new long[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = shape[d] == 0 ? 0 : k % shape[d];
            k = shape[d] == 0 ? 0 : k / shape[d];
        }
        return index;
    }

    /** A number as a verdict prints it: integers whole, others to seven significant digits. */
    static String format(double d, boolean integral) {
        if (integral && Math.rint(d) == d && Math.abs(d) < 1e18) {
            return Long.toString((long) d);
        }
        if (!Double.isFinite(d)) {
            return Double.toString(d);
        }
        if (d == 0) {
            return "0.0";
        }
        BigDecimal rounded = new BigDecimal(d).round(new MathContext(7)).stripTrailingZeros();
        double magnitude = Math.abs(d);
        if (magnitude >= 1e-4 && magnitude < 1e7) {
            String plain = rounded.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String[] parts = rounded.toString().split("E");
        String mantissa = parts[0].contains(".") ? parts[0] : parts[0] + ".0";
        return parts.length == 1 ? mantissa : mantissa + "e" + parts[1].replace("+", "");
    }
}
