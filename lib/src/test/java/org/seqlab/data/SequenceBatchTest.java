package org.seqlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class SequenceBatchTest {

    @Test
    void theFourArgumentFormReadsTheTargetLayoutFromTheShapes() {
        var x = Nd4j.zeros(DataType.FLOAT, 5, 3, 2);
        var mask = Nd4j.ones(DataType.FLOAT, 5, 3);
        int[] lengths = {5, 5, 5};
        assertEquals(Sequence.Target.STEP_CLASSES, new SequenceBatch(x, mask, Nd4j.zeros(DataType.FLOAT, 5, 3), lengths).target());
        assertEquals(Sequence.Target.STEP_VALUES, new SequenceBatch(x, mask, Nd4j.zeros(DataType.FLOAT, 5, 3, 4), lengths).target());
        assertEquals(Sequence.Target.CLASS, new SequenceBatch(x, mask, Nd4j.zeros(DataType.FLOAT, 3), lengths).target());
        assertEquals(Sequence.Target.VALUES, new SequenceBatch(x, mask, Nd4j.zeros(DataType.FLOAT, 3, 7), lengths).target());
        assertEquals(Sequence.Target.NONE, new SequenceBatch(x, mask, null, lengths).target());
    }

    @Test
    void aMaskOfTheWrongShapeIsRefusedWithBothShapes() {
        var x = Nd4j.zeros(DataType.FLOAT, 5, 3, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SequenceBatch(x, Nd4j.ones(DataType.FLOAT, 4, 3), null, new int[] {4, 4, 4}));
        assertTrue(e.getMessage().contains("mask must be [T=5, B=3] but is [4, 3]"), e.getMessage());
    }

    @Test
    void batchesAreFloat32() {
        SequenceBatch b = Batcher.batch(Tasks.adding(4, 6, 1));
        assertEquals(DataType.FLOAT, b.x().dataType());
        assertEquals(DataType.FLOAT, b.mask().dataType());
        assertEquals(DataType.FLOAT, b.targets().dataType());
        assertEquals(4, b.batchSize());
        assertEquals(6, b.timeSteps());
    }
}
