package org.seqlab.grade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class ValueTest {
    record Pair(double[] h, int count) {}

    private static Value roundTrip(Value v) {
        return Value.fromJson(v.toJson());
    }

    @Test
    void anNdArrayKeepsItsShapeTypeAndRowMajorOrder() {
        Value.Arr a = (Value.Arr) Values.of(Nd4j.create(new double[][] {{1, 2, 3}, {4, 5, 6}}).transpose());
        assertEquals("DOUBLE", a.dtype());
        assertArrayEquals(new long[] {3, 2}, a.shape());
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, a.data());
        assertEquals("FLOAT", ((Value.Arr) Values.of(Nd4j.zeros(DataType.FLOAT, 2))).dtype());
    }

    @Test
    void rectangularJavaArraysBecomeOneArrayAndRaggedOnesAList() {
        Value.Arr a = (Value.Arr) Values.of(new double[][] {{1, 2}, {3, 4}, {5, 6}});
        assertArrayEquals(new long[] {3, 2}, a.shape());
        assertEquals("double[]", a.dtype());
        assertInstanceOf(Value.Seq.class, Values.of(new double[][] {{1, 2}, {3}}));
        assertEquals(new Value.Num(3, true), Values.of(3L));
    }

    @Test
    void recordsAndMapsBecomeNamedComponents() {
        Value.Struct s = (Value.Struct) Values.of(new Pair(new double[] {1, 2}, 3));
        assertEquals(List.of("h", "count"), List.copyOf(s.fields().keySet()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dx", 1.5);
        assertEquals(new Value.Num(1.5, false), ((Value.Struct) Values.of(m)).fields().get("dx"));
    }

    @Test
    void everyKindSurvivesJson() {
        Map<String, Value> fields = new LinkedHashMap<>();
        fields.put("a", new Value.Arr("FLOAT", new long[] {2}, new double[] {Double.NaN, Double.NEGATIVE_INFINITY}));
        fields.put("t", new Value.Text("é"));
        fields.put("b", new Value.Bool(true));
        fields.put("e", new Value.Thrown("IllegalStateException", "boom"));
        fields.put("n", new Value.Null());
        fields.put("s", new Value.Seq(List.of(new Value.Num(2, true))));
        Value v = new Value.Struct("Grads", fields);
        assertEquals(v, roundTrip(v));
    }

    @Test
    void aHugeArrayTravelsWithoutItsElements() {
        Value.Arr a = (Value.Arr) Values.of(new double[Value.MAX_ELEMENTS + 1]);
        assertNull(a.data());
        assertNull(((Value.Arr) roundTrip(a)).data());
    }
}
