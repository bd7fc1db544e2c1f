package org.seqlab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class RawTest {
    @Test
    void writesThroughTheMemoryChangeTheArrayAndAReshapeSharesIt() {
        INDArray a = Nd4j.zeros(DataType.FLOAT, 2, 3);
        Raw.of(a).set(4, 7);
        assertEquals(7f, a.getFloat(1, 1));
        Raw.floatsOf(a.reshape(6)).put(5, 2f);
        assertEquals(2f, a.getFloat(1, 2));
        Raw.of(a).write(0, new double[] {1.5, 2.5}, 2);
        assertEquals(2.5f, a.getFloat(0, 1));
    }

    @Test
    void float32MemoryRoundsOnceOnTheWayInAndReadsBackExactly() {
        INDArray a = Nd4j.zeros(DataType.FLOAT, 3);
        Raw r = Raw.of(a);
        r.write(0, new double[] {0.1, 1.0 / 3, 1e-45}, 3);
        double[] back = new double[3];
        r.read(0, back, 3);
        assertArrayEquals(new double[] {(float) 0.1, (float) (1.0 / 3), (float) 1e-45}, back, 0);
        INDArray d = Nd4j.zeros(DataType.DOUBLE, 1);
        Raw.of(d).set(0, 0.1);
        assertEquals(0.1, d.getDouble(0), 0, "float64 memory keeps every bit");
    }

    @Test
    void slicesTransposesAndIntegerArraysHaveNoRawMemoryOfTheirOwn() {
        INDArray a = Nd4j.rand(DataType.DOUBLE, 3, 4);
        assertFalse(Raw.isDense(a.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all())));
        assertFalse(Raw.isDense(a.transpose()));
        assertNull(Raw.floatsOf(a), "float64 has no float32 view");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Raw.of(a.transpose()));
        assertTrue(e.getMessage().contains("[4, 3]") && e.getMessage().contains("order f"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Raw.of(Nd4j.zeros(DataType.INT, 3)));
    }

    @Test
    void readableAndContiguousCopyWhatTheyCannotUseInPlace() {
        INDArray a = Nd4j.rand(DataType.DOUBLE, 3, 4);
        assertEquals(a.getDouble(1, 0), Raw.readable(a.transpose()).get(1), 0);
        assertEquals(2.0, Raw.readable(Nd4j.createFromArray(1, 2, 3)).get(1), 0, "integers are read as doubles");
        assertSame(a, Raw.contiguous(a));
        INDArray t = Raw.contiguous(a.transpose());
        assertTrue(Raw.isDense(t));
        assertEquals(a.transpose(), t);
    }

    @Test
    void copyWithinOneArrayMovesABlock() {
        INDArray a = Nd4j.createFromArray(1f, 2f, 3f, 0f, 0f, 0f);
        Raw r = Raw.of(a);
        r.copy(r, 0, 3, 3);
        assertArrayEquals(new float[] {1, 2, 3, 1, 2, 3}, a.toFloatVector());
        r.zero(1, 2);
        assertArrayEquals(new float[] {1, 0, 0, 1, 2, 3}, a.toFloatVector());
    }

    @Test
    void theFiniteCheckNamesTheFirstBadValueAndWhereItIs() {
        INDArray x = Nd4j.zeros(DataType.FLOAT, 5, 3, 2);
        Raw.checkFinite(x, "x");
        x.putScalar(new long[] {1, 0, 1}, Float.NaN);
        x.putScalar(new long[] {4, 2, 1}, Float.POSITIVE_INFINITY);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Raw.checkFinite(x, "x"));
        assertEquals("x must be finite but has NaN at flat index 7 of shape [5, 3, 2]", e.getMessage());
        INDArray big = Nd4j.zeros(DataType.DOUBLE, 10_000);
        big.putScalar(9_999, Double.NEGATIVE_INFINITY);
        e = assertThrows(IllegalArgumentException.class, () -> Raw.checkFinite(big, "dOutputs"));
        assertEquals("dOutputs must be finite but has -Infinity at flat index 9999 of shape [10000]", e.getMessage());
        INDArray bigFloats = Nd4j.zeros(DataType.FLOAT, 10_000);
        bigFloats.putScalar(9_998, Float.POSITIVE_INFINITY);
        e = assertThrows(IllegalArgumentException.class, () -> Raw.checkFinite(bigFloats, "dOutputs"));
        assertEquals("dOutputs must be finite but has Infinity at flat index 9998 of shape [10000]", e.getMessage());
        Raw.checkFinite(Nd4j.createFromArray(1, 2, 3), "ids");
    }
}
