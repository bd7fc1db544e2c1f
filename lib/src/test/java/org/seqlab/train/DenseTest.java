package org.seqlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class DenseTest {
    @Test
    void writesThroughADenseViewChangeTheArray() {
        INDArray a = Nd4j.zeros(DataType.FLOAT, 2, 3);
        Dense.values(a).set(4, 7);
        assertEquals(7f, a.getFloat(1, 1));
        Dense.floats(a.reshape(6)).put(5, 2f);
        assertEquals(2f, a.getFloat(1, 2));
    }

    @Test
    void slicesTransposesAndIntegerArraysAreNotViewedDirectly() {
        INDArray a = Nd4j.rand(DataType.DOUBLE, 3, 4);
        assertNull(Dense.values(a.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all())));
        assertNull(Dense.values(a.transpose()));
        assertNull(Dense.floats(a));
        assertNull(Dense.values(Nd4j.zeros(DataType.INT, 3)));
    }

    @Test
    void readableCopiesWhatItCannotView() {
        INDArray a = Nd4j.rand(DataType.DOUBLE, 3, 4);
        Dense.Values t = Dense.readable(a.transpose());
        assertNotNull(t);
        assertEquals(a.getDouble(1, 0), t.get(1), 0);
        assertEquals(2.0, Dense.readable(Nd4j.createFromArray(1, 2, 3)).get(1), 0);
    }
}
