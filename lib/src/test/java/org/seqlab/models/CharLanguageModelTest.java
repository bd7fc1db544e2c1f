package org.seqlab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.seqlab.data.Batcher;
import org.seqlab.data.Sequence;
import org.seqlab.data.SequenceBatch;
import org.seqlab.data.Vocabulary;
import org.seqlab.train.Adam;
import org.seqlab.train.FitResult;
import org.seqlab.train.StopReason;
import org.seqlab.train.Trainer;

class CharLanguageModelTest {
    private static final Vocabulary ABC = Vocabulary.ofCharacters("abc");

    /** Two sequences of ids below 7, the second padded. */
    private static SequenceBatch padded() {
        return Batcher.batch(List.of(Sequence.tokens(new int[] {4, 5, 6, 4, 5}, new int[] {5, 6, 4, 5, 6}),
                Sequence.tokens(new int[] {6, 4, 5}, new int[] {4, 5, 6})));
    }

    private static CharLanguageModel.Builder small(CellType cell) {
        return CharLanguageModel.builder(7).cell(cell).hiddenSize(4).dataType(DataType.DOUBLE).carryState(false);
    }

    @Test
    void oneHotLstmGradientsMatchFiniteDifferences() {
        ModelChecks.gradientsMatchFiniteDifferences(small(CellType.LSTM).hiddenSize(3).build(), padded());
    }

    @Test
    void embeddedGruGradientsMatchFiniteDifferences() {
        CharLanguageModel model = small(CellType.GRU).embeddingSize(3).build();
        assertEquals(List.of("embedding.weight", "rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0",
                "rnn.bias_hh_l0", "fc.weight", "fc.bias"), model.parameters().names());
        ModelChecks.gradientsMatchFiniteDifferences(model, padded());
    }

    @Test
    void perplexityIsTheExponentOfTheLoss() {
        var r = small(CellType.RNN).build().evaluate(padded());
        assertEquals(8, r.count());
        assertEquals(Math.exp(r.loss()), r.metrics().get("perplexity").value(), 1e-12);
    }

    @Test
    void streamingOneCharacterAtATimeGivesTheWholeSequencesLogits() {
        CharLanguageModel model = small(CellType.LSTM).layers(2).build();
        SequenceBatch batch = padded();
        INDArray whole = model.logits(batch);
        StreamingPredictor stream = model.streaming(2);
        for (int t = 0; t < 3; t++) { // both sequences are real for the first three steps
            INDArray step = stream.step(batch.x().slice(t));
            assertEquals(0, ModelChecks.maxDifference(whole.slice(t), step), 1e-12, "step " + t);
        }
        assertEquals(3, stream.steps());
    }

    @Test
    void carriedStateMakesConsecutiveChunksEqualOneLongSequence() {
        int[] ids = ABC.encode("abcabbcaacbabcabccbaabcab");
        CharLanguageModel carrying = CharLanguageModel.builder(ABC.size()).hiddenSize(5).dataType(DataType.DOUBLE)
                .build();
        List<SequenceBatch> chunks = CharLanguageModel.streamBatches(ids, 2, 4);
        List<SequenceBatch> whole = CharLanguageModel.streamBatches(ids, 2, 12);
        assertEquals(3, chunks.size());
        assertEquals(1, whole.size());
        double sum = 0;
        for (SequenceBatch c : chunks) sum += carrying.evaluate(c).loss() * c.realSteps();
        carrying.resetState();
        assertEquals(carrying.evaluate(whole.get(0)).loss(), sum / 24, 1e-12);
        carrying.resetState();
        double first = carrying.evaluate(chunks.get(0)).loss();
        carrying.resetState();
        assertEquals(first, carrying.evaluate(chunks.get(0)).loss(), 0, "resetState starts from zero again");
    }

    @Test
    void streamBatchesCutLanesOfContiguousText() {
        int[] ids = {10, 11, 12, 13, 14, 15, 16, 17, 18};
        List<SequenceBatch> b = CharLanguageModel.streamBatches(ids, 2, 2);  // lanes of 4: 10..13, 14..17
        assertEquals(2, b.size());
        assertArrayEquals(new float[] {10, 14, 11, 15}, b.get(0).x().reshape(4).toFloatVector());
        assertArrayEquals(new float[] {12, 16, 13, 17}, b.get(1).x().reshape(4).toFloatVector());
        assertArrayEquals(new float[] {13, 17, 14, 18}, b.get(1).targets().reshape(4).toFloatVector());
    }

    @Test
    void learnsARepeatingTextWithTruncatedBpttAndSamplesIt() {
        String text = "abc".repeat(200);
        CharLanguageModel model = CharLanguageModel.builder(ABC.size()).cell(CellType.GRU).hiddenSize(16).seed(3)
                .build();
        List<SequenceBatch> batches = CharLanguageModel.streamBatches(ABC.encode(text), 4, 10);
        FitResult r = Trainer.builder().model(model).optimizer(Adam.create(model.parameters(), 0.02)).epochs(8)
                .shuffle(false).build().fit(batches);
        assertEquals(StopReason.COMPLETED, r.reason());
        assertTrue(r.history().epochs().get(7).train().get("perplexity") < 1.1, r.toString());
        assertEquals("cabcabcab", model.sample(ABC, "ab", 9, 0, 1));
        assertEquals("cabcabcab", model.sample(ABC, "ab", 9, 0.5, 1));
    }

    @Test
    void theSameSeedSamplesTheSameText() {
        CharLanguageModel model = CharLanguageModel.builder(ABC.size()).hiddenSize(8).build();
        String a = model.sample(ABC, "a", 40, 1.0, 7);
        assertEquals(a, model.sample(ABC, "a", 40, 1.0, 7));
        assertNotEquals(a, model.sample(ABC, "a", 40, 1.0, 8));
    }

    @Test
    void samplingStopsAtTheEndSymbol() {
        double[] logits = new double[ABC.size()];
        logits[Vocabulary.EOS_ID] = 50;
        assertEquals(Vocabulary.EOS_ID, CharLanguageModel.draw(logits, 1.0, new Random(1)));
        CharLanguageModel model = CharLanguageModel.builder(ABC.size()).hiddenSize(4).build();
        model.parameters().get("fc.bias").value().get(NDArrayIndex.point(Vocabulary.EOS_ID)).assign(100);
        assertArrayEquals(new int[] {Vocabulary.EOS_ID},
                model.sampleIds(new int[] {Vocabulary.BOS_ID}, 10, 1.0, new Random(1), Vocabulary.EOS_ID));
        assertEquals("", model.sample(ABC, "", 10, 1.0, 1));
    }
}
