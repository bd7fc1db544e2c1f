package org.seqlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextSequencesTest {

    @Test
    void chunksPredictTheNextCharacterAtEveryStep() {
        Vocabulary v = Vocabulary.ofCharacters("abcdefg");
        List<Sequence> chunks = TextSequences.nextCharacter("abcdefg", v, 3);
        assertEquals(2, chunks.size(), "abc|def, and g alone has no next character");
        assertEquals("abc", v.decode(chunks.get(0).ids()));
        assertArrayEquals(v.encode("bcd"), java.util.Arrays.stream(chunks.get(0).y()).mapToInt(r -> (int) r[0]).toArray());
        assertEquals("def", v.decode(chunks.get(1).ids()));
    }

    @Test
    void wordsStartWithTheStartSymbolAndEndWithTheEndSymbol() {
        Vocabulary v = Vocabulary.ofCharacters("ann");
        Sequence s = TextSequences.words(List.of("ann"), v).get(0);
        assertArrayEquals(new int[] {Vocabulary.BOS_ID, v.id("a"), v.id("n"), v.id("n")}, s.ids());
        assertArrayEquals(new float[][] {{v.id("a")}, {v.id("n")}, {v.id("n")}, {Vocabulary.EOS_ID}}, s.y());
    }

    @Test
    void splittingKeepsReadingOrderAndLosesNothing() {
        String text = "0123456789";
        List<String> parts = TextSequences.split(text, 0.8, 0.1);
        assertEquals(List.of("01234567", "8", "9"), parts);
    }
}
