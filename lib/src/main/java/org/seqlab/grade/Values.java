package org.seqlab.grade;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns what a notebook's code returns into a {@link Value}: ND4J arrays with their shape and data type, Java
 * arrays, numbers, strings, records and maps component by component, lists item by item.
 */
public final class Values {
    private Values() {}

    /** The value of {@code o}; anything not listed above becomes its {@code toString()}. */
    public static Value of(Object o) {
        if (o == null) {
            return new Value.Null();
        } else if (o instanceof Value v) {
            return v;
        } else if (o instanceof INDArray a) {
            return array(a);
        } else if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) {
            return new Value.Num(((Number) o).doubleValue(), true);
        } else if (o instanceof Number n) {
            return new Value.Num(n.doubleValue(), false);
        } else if (o instanceof Boolean b) {
            return new Value.Bool(b);
        } else if (o instanceof CharSequence || o instanceof Character || o instanceof Enum<?>) {
            return new Value.Text(o.toString());
        } else if (o.getClass().isArray()) {
            return javaArray(o);
        } else if (o instanceof Map<?, ?> m) {
            Map<String, Value> fields = new LinkedHashMap<>();
            m.forEach((k, v) -> fields.put(String.valueOf(k), of(v)));
            return new Value.Struct("map", fields);
        } else if (o instanceof Iterable<?> items) {
            List<Value> list = new ArrayList<>();
            items.forEach(item -> list.add(of(item)));
            return new Value.Seq(list);
        } else if (o.getClass().isRecord()) {
            return record(o);
        }
        return new Value.Text(String.valueOf(o));
    }

    /** The value of whatever {@code t} is: its simple class name and message. */
    public static Value thrown(Throwable t) {
        return new Value.Thrown(t.getClass().getSimpleName(), t.getMessage() == null ? "" : t.getMessage());
    }

    private static Value array(INDArray a) {
        long[] shape = a.shape();
        long n = a.length();
        double[] data = null;
        if (n <= Value.MAX_ELEMENTS) {
            data = n == 0 ? new double[0] : Nd4j.toFlattened('c', a.castTo(DataType.DOUBLE)).toDoubleVector();
        }
        return new Value.Arr(a.dataType().name(), shape, data);
    }

    /** A rectangular Java array of numbers becomes one {@link Value.Arr}; anything else a {@link Value.Seq}. */
    private static Value javaArray(Object o) {
        Class<?> element = o.getClass();
        int rank = 0;
        while (element.isArray()) {
            element = element.getComponentType();
            rank++;
        }
        if (element.isPrimitive() && element != char.class) {
            long[] shape = rectangularShape(o, rank);
            if (shape != null) {
                long n = 1;
                for (long s : shape) {
                    n *= s;
                }
                double[] data = null;
                if (n <= Value.MAX_ELEMENTS) {
                    data = new double[(int) n];
                    flatten(o, data, new int[] {0});
                }
                return new Value.Arr(element.getName() + "[]", shape, data);
            }
        }
        List<Value> items = new ArrayList<>();
        for (int k = 0; k < Array.getLength(o); k++) {
            items.add(of(Array.get(o, k)));
        }
        return new Value.Seq(items);
    }

    private static long[] rectangularShape(Object o, int rank) {
        long[] shape = new long[rank];
        Object level = o;
        for (int d = 0; d < rank; d++) {
            shape[d] = Array.getLength(level);
            if (d < rank - 1) {
                if (shape[d] == 0) {
                    return null;
                }
                level = Array.get(level, 0);
            }
        }
        return sameShape(o, shape, 0) ? shape : null;
    }

    private static boolean sameShape(Object o, long[] shape, int d) {
        if (o == null || Array.getLength(o) != shape[d]) {
            return false;
        }
        if (d == shape.length - 1) {
            return true;
        }
        for (int k = 0; k < shape[d]; k++) {
            if (!sameShape(Array.get(o, k), shape, d + 1)) {
                return false;
            }
        }
        return true;
    }

    private static void flatten(Object o, double[] out, int[] at) {
        Class<?> type = o.getClass().getComponentType();
        int n = Array.getLength(o);
        for (int k = 0; k < n; k++) {
            if (type.isArray()) {
                flatten(Array.get(o, k), out, at);
            } else if (type == boolean.class) {
                out[at[0]++] = Array.getBoolean(o, k) ? 1 : 0;
            } else {
                out[at[0]++] = Array.getDouble(o, k);
            }
        }
    }

    private static Value record(Object o) {
        Map<String, Value> fields = new LinkedHashMap<>();
        for (RecordComponent c : o.getClass().getRecordComponents()) {
            Method accessor = c.getAccessor();
            try {
                // A record declared in a notebook cell lives in JShell's own, non-public class.
                accessor.setAccessible(true);
                fields.put(c.getName(), of(accessor.invoke(o)));
            } catch (ReflectiveOperationException | RuntimeException e) {
                fields.put(c.getName(), thrown(e));
            }
        }
        return new Value.Struct(o.getClass().getSimpleName(), fields);
    }
}
