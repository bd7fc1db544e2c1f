package org.seqlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class VocabularyTest {

    @Test
    void specialSymbolsComeFirstThenCharactersInCodePointOrder() {
        Vocabulary v = Vocabulary.ofCharacters("cab a");
        assertEquals(List.of("<pad>", "<unk>", "<s>", "</s>", " ", "a", "b", "c"), v.symbols());
        assertEquals(8, v.size());
        assertEquals(5, v.id("a"));
    }

    @Test
    void encodingThenDecodingGivesTheTextBack() {
        String text = "Führer, naïve café — ok\n";
        Vocabulary v = Vocabulary.ofCharacters(text);
        assertEquals(text, v.decode(v.encode(text)));
        assertEquals(text.codePointCount(0, text.length()), v.encode(text).length);
    }

    @Test
    void unseenCharactersBecomeUnknownAndDecodeAsTheReplacementCharacter() {
        Vocabulary v = Vocabulary.ofCharacters("ab");
        assertArrayEquals(new int[] {4, Vocabulary.UNK_ID, 5}, v.encode("azb"));
        assertEquals("a\uFFFDb", v.decode(v.encode("azb")));
    }

    @Test
    void decodingSkipsPaddingStartAndEnd() {
        Vocabulary v = Vocabulary.ofCharacters("ab");
        assertEquals("ab", v.decode(new int[] {Vocabulary.BOS_ID, 4, 5, Vocabulary.EOS_ID, 0, 0}));
    }

    @Test
    void tokenVocabulariesRoundTripTokens() {
        Vocabulary v = Vocabulary.ofTokens(List.of("the", "cat", "the", "sat"));
        assertEquals(7, v.size());
        List<String> sentence = List.of("the", "cat", "sat");
        assertEquals(sentence, v.decodeTokens(v.encodeTokens(sentence)));
    }

    @Test
    void oneHotRowsHaveASingleOneAtTheId() {
        Vocabulary v = Vocabulary.ofCharacters("abc");
        INDArray x = v.oneHot(v.encode("cab"));
        assertArrayEquals(new long[] {3, 7}, x.shape());
        assertEquals(DataType.FLOAT, x.dataType());
        assertEquals(1f, x.getFloat(0, 6));
        assertEquals(3.0, x.sumNumber().doubleValue());
    }

    @Test
    void oneHotOfABatchTurnsTBIdsIntoTBV() {
        Vocabulary v = Vocabulary.ofCharacters("abc");
        SequenceBatch ids = Batcher.batch(TextSequences.words(List.of("ab", "c"), v));
        SequenceBatch hot = v.oneHot(ids);
        assertArrayEquals(new long[] {3, 2, 7}, hot.x().shape());
        assertEquals(1f, hot.x().getFloat(1, 0, v.id("a")));
        assertEquals(1f, hot.x().getFloat(2, 1, Vocabulary.PAD_ID), "padding is the <pad> one-hot");
        assertEquals(ids.mask(), hot.mask());
    }

    @Test
    void anIdOutsideTheVocabularyIsRefused() {
        Vocabulary v = Vocabulary.ofCharacters("ab");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.symbol(6));
        assertEquals("id must be in [0, 6) but is 6", e.getMessage());
    }

    @Test
    void oneHotWithoutSpecialsHasOneColumnPerDataSymbol() {
        Vocabulary v = Vocabulary.ofCharacters("ACGT");
        INDArray x = v.oneHot(v.encode("GATC"), Vocabulary.Specials.DROPPED);
        assertArrayEquals(new long[] {4, 4}, x.shape());
        assertEquals(4, v.width(Vocabulary.Specials.DROPPED));
        assertEquals(8, v.width(Vocabulary.Specials.KEPT));
        assertArrayEquals(new float[] {0, 0, 1, 0}, x.getRow(0).toFloatVector());
        assertArrayEquals(new float[] {0, 1, 0, 0}, x.getRow(3).toFloatVector());
        INDArray kept = v.oneHot(v.encode("GATC"));
        assertEquals(kept.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(4, 8)), x);
    }

    @Test
    void oneHotBatchWithoutSpecialsGivesPaddingAZeroRowAndRefusesUnknownSymbols() {
        Vocabulary v = Vocabulary.ofCharacters("ab");
        SequenceBatch b = Batcher.batch(List.of(Sequence.tokens(v.encode("ab"), 0), Sequence.tokens(v.encode("b"), 1)));
        SequenceBatch x = v.oneHot(b, Vocabulary.Specials.DROPPED);
        assertArrayEquals(new long[] {2, 2, 2}, x.x().shape());
        assertArrayEquals(new float[] {0, 0}, x.x().get(org.nd4j.linalg.indexing.NDArrayIndex.point(1),
                org.nd4j.linalg.indexing.NDArrayIndex.point(1)).toFloatVector());
        assertArrayEquals(new float[] {1, 0}, x.x().get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.point(0)).toFloatVector());
        assertEquals(b.mask(), x.mask());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> v.oneHot(v.encode("azb"), Vocabulary.Specials.DROPPED));
        assertTrue(e.getMessage().contains("step 1 is <unk>"), e.getMessage());
    }
}
