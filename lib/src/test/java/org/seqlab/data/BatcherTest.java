package org.seqlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatcherTest {

    private static List<Sequence> tokenSequences(int... lengths) {
        List<Sequence> out = new ArrayList<>();
        int k = 0;
        for (int len : lengths) {
            int[] x = new int[len];
            int[] y = new int[len];
            for (int t = 0; t < len; t++) {
                x[t] = 10 * k + t + 1;
                y[t] = 10 * k + t + 2;
            }
            out.add(Sequence.tokens(x, y));
            k++;
        }
        return out;
    }

    @Test
    void tokenBatchesAreTimeMajorWithAMaskOfRealSteps() {
        SequenceBatch b = Batcher.batch(tokenSequences(3, 1, 2));
        assertArrayEquals(new long[] {3, 3}, b.x().shape());
        assertArrayEquals(new long[] {3, 3}, b.mask().shape());
        assertArrayEquals(new long[] {3, 3}, b.targets().shape());
        assertArrayEquals(new int[] {3, 1, 2}, b.lengths());
        assertEquals(Sequence.Target.STEP_CLASSES, b.target());
        float[][] mask = b.mask().toFloatMatrix();
        assertArrayEquals(new float[] {1, 1, 1}, mask[0]);
        assertArrayEquals(new float[] {1, 0, 1}, mask[1]);
        assertArrayEquals(new float[] {1, 0, 0}, mask[2]);
        assertEquals(2f, b.x().getFloat(1, 0));
        assertEquals(22f, b.x().getFloat(1, 2));
        assertEquals(0f, b.x().getFloat(2, 1), "padding is 0");
        assertEquals(23f, b.targets().getFloat(1, 2));
        assertEquals(b.realSteps(), (int) b.mask().sumNumber().intValue());
    }

    @Test
    void featureBatchesAreTBDAndPerSequenceTargetsAreB() {
        List<Sequence> data = List.of(
                Sequence.features(new float[][] {{1, 2}, {3, 4}}, 1),
                Sequence.features(new float[][] {{5, 6}}, 0));
        SequenceBatch b = Batcher.batch(data);
        assertArrayEquals(new long[] {2, 2, 2}, b.x().shape());
        assertArrayEquals(new long[] {2}, b.targets().shape());
        assertEquals(4f, b.x().getFloat(1, 0, 1));
        assertEquals(0f, b.x().getFloat(1, 1, 0));
        assertArrayEquals(new float[] {1, 0}, b.targets().toFloatVector());
        assertArrayEquals(new float[][] {{3, 4}, {5, 6}}, b.lastSteps().toFloatMatrix());
    }

    @Test
    void valueTargetsAreBKAndStepValuesAreTBK() {
        SequenceBatch v = Batcher.batch(List.of(Sequence.features(new float[][] {{1}}, new float[] {1, 2, 3}),
                Sequence.features(new float[][] {{1}, {2}}, new float[] {4, 5, 6})));
        assertArrayEquals(new long[] {2, 3}, v.targets().shape());
        assertEquals(6f, v.targets().getFloat(1, 2));
        SequenceBatch s = Batcher.batch(Tasks.noisySine(3, 5, 0.1, 1));
        assertArrayEquals(new long[] {5, 3, 1}, s.targets().shape());
        assertEquals(Sequence.Target.STEP_VALUES, s.target());
    }

    @Test
    void everySequenceAppearsOnceAnEpochAndShuffledEpochsDiffer() {
        List<Sequence> data = tokenSequences(IntStream.range(0, 50).map(i -> 1 + i % 7).toArray());
        Batcher batcher = Batcher.of(data, 8).shuffled(3);
        assertEquals(7, batcher.batchesPerEpoch());
        for (int epoch = 0; epoch < 2; epoch++) {
            int[] seen = batcher.indices(epoch).stream().flatMapToInt(Arrays::stream).sorted().toArray();
            assertArrayEquals(IntStream.range(0, 50).toArray(), seen);
        }
        assertNotEquals(Arrays.toString(batcher.indices(0).get(0)), Arrays.toString(batcher.indices(1).get(0)));
        assertEquals(Arrays.deepToString(batcher.indices(1).toArray()),
                Arrays.deepToString(Batcher.of(data, 8).shuffled(3).indices(1).toArray()), "same seed, same order");
    }

    @Test
    void withoutShufflingBatchesFollowTheListOrder() {
        List<int[]> groups = Batcher.of(tokenSequences(1, 2, 3, 4, 5), 2).indices(0);
        assertEquals("[[0, 1], [2, 3], [4]]", Arrays.deepToString(groups.toArray()));
    }

    @Test
    void bucketingPutsSimilarLengthsTogetherAndCutsPadding() {
        int[] lengths = IntStream.range(0, 64).map(i -> 1 + (i * 37) % 40).toArray();
        List<Sequence> data = tokenSequences(lengths);
        int plain = padded(Batcher.of(data, 8).shuffled(1).epoch(0));
        int bucketed = padded(Batcher.of(data, 8).shuffled(1).bucketed().epoch(0));
        assertTrue(bucketed < plain / 2, "bucketed padding " + bucketed + " vs " + plain);
        for (SequenceBatch b : Batcher.of(data, 8).shuffled(1).bucketed().epoch(0)) {
            int max = Arrays.stream(b.lengths()).max().orElseThrow();
            int min = Arrays.stream(b.lengths()).min().orElseThrow();
            assertTrue(max - min <= 8, "a bucket spans " + min + ".." + max);
        }
    }

    private static int padded(List<SequenceBatch> batches) {
        return batches.stream().mapToInt(b -> b.timeSteps() * b.batchSize() - b.realSteps()).sum();
    }

    @Test
    void mixingTargetKindsInOneBatcherIsRefusedWithBothSequencesNamed() {
        List<Sequence> data = List.of(Sequence.tokens(new int[] {1}, 0), Sequence.tokens(new int[] {1}, new int[] {2}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Batcher.of(data, 2));
        assertTrue(e.getMessage().contains("sequence 1"), e.getMessage());
    }

    @Test
    void alignedListsBatchTheSameWayThroughIndices() {
        List<Translation> pairs = Tasks.dates(20, 5);
        List<Sequence> sources = Translation.encoderInputs(pairs, Tasks.DATE_SOURCE);
        List<Sequence> targets = Translation.decoderSequences(pairs, Tasks.DATE_TARGET);
        int[] group = Batcher.of(sources, 4).shuffled(9).indices(0).get(0);
        SequenceBatch src = Batcher.batch(sources, group);
        SequenceBatch dec = Batcher.batch(targets, group);
        assertEquals(Sequence.Target.NONE, src.target());
        assertEquals(null, src.targets());
        assertArrayEquals(new long[] {11, 4}, dec.x().shape(), "<s> + 10 characters of yyyy-mm-dd");
        assertEquals(pairs.get(group[0]).source().length(), src.lengths()[0]);
    }
}
