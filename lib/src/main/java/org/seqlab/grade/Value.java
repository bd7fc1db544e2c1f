package org.seqlab.grade;

import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A value a test case looks at: what the learner's code returned, or what it should have returned.
 *
 * <p>Values travel from the kernel to the grader as JSON text ({@link #toJson()}, {@link #fromJson}) and are compared
 * there by {@link Comparison}, so this type and those two use no ND4J: the grader compares without native code.
 * {@link Values#of} turns the Java objects a notebook returns (an {@code INDArray}, a {@code double[]}, a record,
 * a map, a number) into values.
 */
public sealed interface Value {
    /** Arrays longer than this travel without their elements (a runaway allocation should not flood the grader). */
    int MAX_ELEMENTS = 1 << 20;

    /** A number; {@code integral} for {@code int}/{@code long} results, compared exactly. */
    record Num(double value, boolean integral) implements Value {}

    /**
     * An array of numbers: an {@code INDArray} or a Java array, row-major.
     *
     * @param dtype ND4J's data type name ({@code DOUBLE}, {@code FLOAT}, {@code INT}, ...), or the Java array
     *              type for a Java array ({@code double[]}, {@code int[]}, whatever its rank)
     * @param shape the shape, {@code [n]} for a Java vector
     * @param data  the elements in row-major order, or null when the array had more than {@link #MAX_ELEMENTS}
     */
    record Arr(String dtype, long[] shape, double[] data) implements Value {
        /** Number of elements, the product of the shape. */
        public long length() {
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            return n;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Arr a && dtype.equals(a.dtype) && Arrays.equals(shape, a.shape)
                    && Arrays.equals(data, a.data);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return dtype + Arrays.toString(shape) + (data == null ? "(too large)" : Arrays.toString(data));
        }
    }

    /** A string. */
    record Text(String value) implements Value {}

    /** A boolean. */
    record Bool(boolean value) implements Value {}

    /** Named parts in order: a record's components or a map's entries; {@code type} is the record's name or "map". */
    record Struct(String type, Map<String, Value> fields) implements Value {}

    /** A list or a Java array of non-numbers, in order. */
    record Seq(List<Value> items) implements Value {}

    /** The code under test threw instead of returning: the exception's simple class name and message. */
    record Thrown(String exception, String message) implements Value {}

    /** {@code null}. */
    record Null() implements Value {}

    /** This value as JSON text: an object with a {@code "kind"} and the fields of its kind. */
    default String toJson() {
        return ValueJson.node(this).toString();
    }

    /** This value as a JSON tree (for a message that carries values among other fields). */
    default ObjectNode toJsonNode() {
        return ValueJson.node(this);
    }

    /**
     * Reads what {@link #toJson()} wrote.
     *
     * @throws IllegalArgumentException when the text is not JSON or not a value's object
     */
    static Value fromJson(String json) {
        return ValueJson.value(ValueJson.parse(json));
    }

    /** Reads a value's object from a JSON tree (see {@link #toJsonNode()}). */
    static Value fromJson(JsonNode json) {
        return ValueJson.value(json);
    }

    /** A short description for a verdict: a number, a shape with its type, a string, an exception. */
    default String describe() {
        if (this instanceof Num n) {
            return Comparison.format(n.value(), n.integral());
        } else if (this instanceof Arr a) {
            if (a.length() <= 6 && a.data() != null) {
                return Arrays.stream(a.data()).mapToObj(d -> Comparison.format(d, isIntegral(a.dtype())))
                        .collect(Collectors.joining(", ", "[", "]")) + (a.shape().length > 1 ? " of shape " + shape(a.shape()) : "");
            }
            return "an array of shape " + shape(a.shape()) + " (" + a.dtype() + ")";
        } else if (this instanceof Text t) {
            return "\"" + t.value() + "\"";
        } else if (this instanceof Bool b) {
            return Boolean.toString(b.value());
        } else if (this instanceof Struct s) {
            return s.type() + " with " + String.join(", ", s.fields().keySet());
        } else if (this instanceof Seq s) {
            return "a list of " + s.items().size();
        } else if (this instanceof Thrown t) {
            return "an exception, " + t.exception() + (t.message() == null || t.message().isEmpty() ? "" : ": " + t.message());
        }
        return "null";
    }

    /** A shape as the course writes it: {@code [2, 4]}. */
    static String shape(long[] shape) {
        return Arrays.toString(shape);
    }

    /** True for integer data types, whose elements are compared exactly. */
    static boolean isIntegral(String dtype) {
        return switch (dtype) {
            case "INT", "LONG", "SHORT", "BYTE", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32",
                 "INT64", "BOOL", "int[]", "long[]", "short[]", "byte[]", "boolean[]" -> true;
            default -> false;
        };
    }



}
