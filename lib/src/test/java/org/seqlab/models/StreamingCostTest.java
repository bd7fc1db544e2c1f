package org.seqlab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class StreamingCostTest {
    /** A clock that advances by the next of {@code durations} (in ns) between each start and end reading. */
    private static LongSupplier clock(long... durations) {
        long[] now = {0};
        AtomicInteger reads = new AtomicInteger();
        return () -> {
            int r = reads.getAndIncrement();
            if (r % 2 == 1) now[0] += durations[(r / 2) % durations.length];
            return now[0];
        };
    }

    @Test
    void timeRunsTheWarmUpUntimedAndReportsTheMedianAndQuartilesOfTheTimedRuns() {
        AtomicInteger runs = new AtomicInteger();
        StreamingCost.Timing t = StreamingCost.time(runs::incrementAndGet, 3, 5, clock(5000, 1000, 90000, 2000, 3000));
        assertEquals(8, runs.get());
        assertEquals(3.0, t.median());                  // 1, 2, 3, 5, 90 µs: one slow run does not move it
        assertEquals(2.0, t.lowerQuartile());
        assertEquals(5.0, t.upperQuartile());
        assertEquals(4.0, StreamingCost.time(() -> { }, 0, 4, clock(1000, 3000, 5000, 7000)).median());
        assertThrows(IllegalArgumentException.class, () -> StreamingCost.time(() -> { }, 0, 0));
    }

    @Test
    void stepMicrosGivesEachStepsMedianOverPassesFromTheZeroState() {
        CharLanguageModel model = CharLanguageModel.builder(6).hiddenSize(3).seed(1).build();
        StreamingPredictor stream = model.streaming(1);
        // passes: warm-up (ignored), then three timed ones; step 1 takes 1, 2, 9 µs, step 2 takes 4, 4, 5 µs
        double[] micros = StreamingCost.stepMicros(stream, new int[] {4, 5}, 1, 3,
                clock(70000, 70000, 1000, 4000, 2000, 4000, 9000, 5000));
        assertArrayEquals(new double[] {2.0, 4.0}, micros);
        assertEquals(0, stream.steps(), "the stream is left reset");
    }

    @Test
    void rerunTimesTheForwardOverEachHistoryLength() {
        CharLanguageModel model = CharLanguageModel.builder(6).hiddenSize(3).seed(1).build();
        int[] ids = {4, 5, 4, 5, 5};
        // rounds: warm-up (ignored), then two timed rounds of (t = 1, t = 5): 1 and 3 µs for t = 1, 10 and 20 for t = 5
        StreamingCost.Timing[] t = StreamingCost.rerun(model, ids, new int[] {1, 5}, 1, 2,
                clock(50000, 50000, 1000, 10000, 3000, 20000));
        assertEquals(2, t.length);
        assertEquals(2.0, t[0].median());
        assertEquals(15.0, t[1].median());
        assertEquals(1, t[1].warmup());
        assertArrayEquals(new long[] {5, 1}, StreamingCost.history(ids, 5).x().shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StreamingCost.history(ids, 6));
        assertEquals("a history length must be in [1, 5] but is 6", e.getMessage());
    }

    @Test
    void theStateHasAFixedSizeWhileTheHistoryGrowsWithIt() {
        StreamingPredictor lstm = CharLanguageModel.builder(6).cell(CellType.LSTM).hiddenSize(4).layers(2).build()
                .streaming(1);
        assertEquals(2 * 2 * 4 * 4, lstm.stateBytes());   // 2 layers × (h, c) × H = 4 × 4 bytes (float32)
        for (int t = 0; t < 10; t++) lstm.stepId(4);
        assertEquals(64, lstm.stateBytes());
        assertEquals(3 * 8, CharLanguageModel.builder(6).cell(CellType.GRU).hiddenSize(3).dataType(DataType.DOUBLE)
                .build().streaming(1).stateBytes());
        int[] ids = new int[100];
        java.util.Arrays.fill(ids, 4);
        assertEquals(100 * StreamingCost.history(ids, 100).x().dataType().width(), StreamingCost.historyBytes(ids, 100));
    }

    @Test
    void stepIdIsOneStepOfOneStreamAndNamesAWrongId() {
        CharLanguageModel model = CharLanguageModel.builder(6).hiddenSize(3).dataType(DataType.DOUBLE).seed(2).build();
        StreamingPredictor a = model.streaming(1), b = model.streaming(1);
        for (int id : new int[] {4, 1, 5}) {
            assertArrayEquals(b.step(Nd4j.create(new double[] {id}, new long[] {1}, DataType.DOUBLE)).reshape(-1)
                    .toDoubleVector(), a.stepId(id), 0);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.stepId(6));
        assertEquals("ids must be whole numbers in [0, 6) but ids[0] is 6.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.streaming(2).stepId(4));
        assertEquals("stepId(int) is for one stream but this predictor has B=2", e.getMessage());
    }
}
