package org.seqlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SequenceTest {

    @Test
    void factoriesLayTheTargetOutAsDocumented() {
        Sequence s = Sequence.features(new float[][] {{1, 2}, {3, 4}, {5, 6}}, new float[] {7, 8});
        assertEquals(3, s.length());
        assertEquals(2, s.width());
        assertEquals(Sequence.Target.VALUES, s.target());
        assertEquals(1, s.y().length);
        assertEquals(4, Sequence.tokens(new int[] {4, 5}, 4).label());
    }

    @Test
    void perStepTargetsOfTheWrongLengthAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sequence.tokens(new int[] {1, 2, 3}, new int[] {1, 2}));
        assertTrue(e.getMessage().contains("length T"), e.getMessage());
    }

    @Test
    void raggedFeatureStepsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Sequence.features(new float[][] {{1, 2}, {3}}, 0));
    }
}
