package org.seqlab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class StreamingPredictorTest {
    private static StreamingPredictor predictor() {
        return Forecaster.builder(2, 1).cell(CellType.LSTM).hiddenSize(4).layers(2).dataType(DataType.DOUBLE)
                .build().streaming(1);
    }

    @Test
    void keepsItsStateBetweenStepsAndResetStartsAgain() {
        StreamingPredictor p = predictor();
        double[] first = p.step(0.5, -1);
        double[] second = p.step(0.5, -1);
        assertTrue(first[0] != second[0], "the same input after another gives another output");
        assertEquals(2, p.state().size());
        assertTrue(p.state().get(0).hasCell());
        assertEquals(2, p.steps());
        p.reset();
        assertEquals(0, p.state().size());
        assertArrayEquals(first, p.step(0.5, -1), 0);
    }

    @Test
    void aWrongInputShapeIsReported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> predictor().step(Nd4j.zeros(DataType.DOUBLE, 1, 3)));
        assertEquals("x must be [B=1, D=2] but is [1, 3]", e.getMessage());
    }
}
