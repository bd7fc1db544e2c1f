package org.seqlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class DnaTest {

    @Test
    void basesAreOneHotRowsOverACGTWithoutSpecialSymbols() {
        INDArray x = Dna.oneHot("GATC");
        assertArrayEquals(new long[] {4, 4}, x.shape());
        assertEquals(DataType.FLOAT, x.dataType());
        assertArrayEquals(new float[] {0, 0, 1, 0}, x.getRow(0).toFloatVector());
        assertArrayEquals(new float[] {1, 0, 0, 0}, x.getRow(1).toFloatVector());
        assertArrayEquals(new float[] {0, 0, 0, 1}, x.getRow(2).toFloatVector());
        assertArrayEquals(new float[] {0, 1, 0, 0}, x.getRow(3).toFloatVector());
    }

    @Test
    void ambiguityCodesAreEvenMixturesOfTheirBases() {
        float[][] r = Dna.rows("DNSR");
        float third = 1f / 3;
        assertArrayEquals(new float[] {third, 0, third, third}, r[0], 1e-7f);   // D = A, G or T
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f}, r[1]);     // N = any
        assertArrayEquals(new float[] {0, 0.5f, 0.5f, 0}, r[2]);               // S = C or G
        assertArrayEquals(new float[] {0.5f, 0, 0.5f, 0}, r[3]);               // R = A or G
    }

    @Test
    void everyAcceptedCodeGivesARowSummingToOneAndLowerCaseReadsAsUpperCase() {
        String all = "ACGT" + Dna.AMBIGUITY_CODES;
        float[][] upper = Dna.rows(all);
        float[][] lower = Dna.rows(all.toLowerCase());
        for (int t = 0; t < all.length(); t++) {
            float sum = 0;
            for (float v : upper[t]) sum += v;
            assertEquals(1f, sum, 1e-6f, "row of " + all.charAt(t));
            assertArrayEquals(upper[t], lower[t]);
        }
    }

    @Test
    void aCharacterOutsideTheAlphabetIsNamedWithItsPosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dna.oneHot("ACGTXACGT"));
        assertTrue(e.getMessage().contains("position 5 (counting from 1) holds 'X'"), e.getMessage());
        assertTrue(e.getMessage().contains("ACGT[X]ACGT"), e.getMessage());
        IllegalArgumentException space = assertThrows(IllegalArgumentException.class, () -> Dna.oneHot("AC GT"));
        assertTrue(space.getMessage().contains("position 3 (counting from 1) holds U+0020 (SPACE)"), space.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dna.oneHot(""));
    }

    @Test
    void labelledSequencesBecomeFeaturesWithClassIdsAndABadOneIsNamedByIndex() {
        List<LabelledText> data = List.of(new LabelledText("ACGT", "ie"), new LabelledText("GGCA", "ei"));
        List<Sequence> s = Dna.sequences(data, List.of("ei", "ie", "n"));
        assertEquals(1, s.get(0).label());
        assertEquals(0, s.get(1).label());
        assertEquals(4, s.get(0).width());
        assertEquals(Sequence.Input.FEATURES, s.get(0).input());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dna.sequences(
                List.of(data.get(0), new LabelledText("AC-T", "n")), List.of("ei", "ie", "n")));
        assertTrue(e.getMessage().startsWith("sequence 1 (n): ") && e.getMessage().contains("'-'"), e.getMessage());
    }
}
