package org.seqlab.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.data.Batcher;
import org.seqlab.data.Sequence;
import org.seqlab.data.SequenceBatch;

/**
 * A {@link StreamingPredictor} fed one input at a time gives the batch forward's outputs over the whole sequence:
 * bit for bit in float64, within 1e-6 in float32, for every cell type, one stream and several, one layer and two,
 * language models (token ids), forecasters (features) and classifiers (each prefix). Lesson 12 shows the same.
 */
class StreamingEquivalenceTest {
    private static final int T = 40, K = 11, D = 3, H = 16;

    @ParameterizedTest
    @EnumSource(CellType.class)
    void aLanguageModelStreamedGivesTheBatchLogitsBitForBitInFloat64(CellType cell) {
        for (int layers = 1; layers <= 2; layers++) {
            for (int lanes : new int[] {1, 3}) {
                CharLanguageModel model = CharLanguageModel.builder(K).cell(cell).hiddenSize(H).layers(layers)
                        .dataType(DataType.DOUBLE).seed(31).build();
                SequenceBatch batch = tokens(lanes, 32);
                INDArray whole = model.logits(batch);
                StreamingPredictor stream = model.streaming(lanes);
                for (int t = 0; t < T; t++) {
                    assertBitForBit(whole.slice(t), stream.step(batch.x().slice(t)),
                            cell + ", " + layers + " layer(s), B=" + lanes + ", step " + (t + 1));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CellType.class)
    void aLanguageModelStreamedStaysWithin1eMinus6OfTheBatchLogitsInFloat32(CellType cell) {
        CharLanguageModel model = CharLanguageModel.builder(K).cell(cell).hiddenSize(H).layers(2).seed(33).build();
        SequenceBatch batch = tokens(2, 34);
        INDArray whole = model.logits(batch);
        assertEquals(DataType.FLOAT, whole.dataType());
        StreamingPredictor stream = model.streaming(2);
        for (int t = 0; t < T; t++) {
            INDArray step = stream.step(batch.x().slice(t));
            assertEquals(DataType.FLOAT, step.dataType());
            double d = ModelChecks.maxDifference(whole.slice(t), step);
            assertTrue(d <= 1e-6, cell + " step " + (t + 1) + ": |difference| = " + d);
        }
    }

    @ParameterizedTest
    @EnumSource(CellType.class)
    void anEmbeddedLanguageModelStreamedGivesTheBatchLogitsBitForBit(CellType cell) {
        CharLanguageModel model = CharLanguageModel.builder(K).cell(cell).hiddenSize(H).embeddingSize(5)
                .dataType(DataType.DOUBLE).seed(35).build();
        SequenceBatch batch = tokens(2, 36);
        INDArray whole = model.logits(batch);
        StreamingPredictor stream = model.streaming(2);
        for (int t = 0; t < T; t++) assertBitForBit(whole.slice(t), stream.step(batch.x().slice(t)), cell + " step " + (t + 1));
    }

    @ParameterizedTest
    @EnumSource(CellType.class)
    void aForecasterStreamedGivesThePerStepPredictions(CellType cell) {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            Forecaster model = Forecaster.builder(D, 2).cell(cell).hiddenSize(H).layers(2).dataType(type).seed(37).build();
            SequenceBatch batch = features(3, 38, true);
            INDArray whole = model.predict(batch);
            StreamingPredictor stream = model.streaming(3);
            for (int t = 0; t < T; t++) {
                INDArray x = batch.x().slice(t).castTo(type);
                if (type == DataType.DOUBLE) assertBitForBit(whole.slice(t), stream.step(x), cell + " step " + (t + 1));
                else assertTrue(ModelChecks.maxDifference(whole.slice(t), stream.step(x)) <= 1e-6, cell + " step " + (t + 1));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CellType.class)
    void aClassifierStreamedGivesAfterEachStepTheLogitsOfThatPrefix(CellType cell) {
        SequenceClassifier model = SequenceClassifier.builder(D, 4).cell(cell).hiddenSize(H).layers(2)
                .dataType(DataType.DOUBLE).seed(39).build();
        SequenceBatch batch = features(1, 40, false);
        StreamingPredictor stream = model.streaming(1);
        for (int t = 0; t < T; t++) {
            INDArray step = stream.step(batch.x().slice(t).castTo(DataType.DOUBLE));
            SequenceBatch prefix = Batcher.batch(List.of(Sequence.features(rows(batch.x(), t + 1), 0)));
            assertBitForBit(model.logits(prefix), step, cell + " prefix of " + (t + 1));
        }
    }

    /** ids [T, B] below K with next-id targets. */
    private static SequenceBatch tokens(int lanes, long seed) {
        Random rng = new Random(seed);
        List<Sequence> s = new ArrayList<>();
        for (int b = 0; b < lanes; b++) {
            int[] ids = new int[T + 1];
            for (int t = 0; t <= T; t++) ids[t] = rng.nextInt(K);
            s.add(Sequence.tokens(java.util.Arrays.copyOf(ids, T), java.util.Arrays.copyOfRange(ids, 1, T + 1)));
        }
        return Batcher.batch(s);
    }

    /** Normal features [T, B, D], with per-step targets of 2 values or a class label. */
    private static SequenceBatch features(int lanes, long seed, boolean perStep) {
        Random rng = new Random(seed);
        List<Sequence> s = new ArrayList<>();
        for (int b = 0; b < lanes; b++) {
            float[][] x = new float[T][D];
            float[][] y = new float[T][2];
            for (int t = 0; t < T; t++) for (int d = 0; d < D; d++) x[t][d] = (float) rng.nextGaussian();
            s.add(perStep ? Sequence.features(x, y) : Sequence.features(x, 0));
        }
        return Batcher.batch(s);
    }

    /** The first {@code n} steps of lane 0 of {@code x [T, B, D]}. */
    private static float[][] rows(INDArray x, int n) {
        float[][] r = new float[n][];
        for (int t = 0; t < n; t++) r[t] = x.slice(t).getRow(0).castTo(DataType.FLOAT).toFloatVector();
        return r;
    }

    private static void assertBitForBit(INDArray expected, INDArray actual, String where) {
        assertEquals(DataType.DOUBLE, actual.dataType(), where);
        double[] e = expected.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
        double[] a = actual.reshape(-1).toDoubleVector();
        assertEquals(e.length, a.length, where);
        for (int i = 0; i < e.length; i++) {
            if (Double.doubleToLongBits(e[i]) != Double.doubleToLongBits(a[i])) {
                throw new AssertionError(where + ": element " + i + " is " + a[i] + " streamed but " + e[i]
                        + " in the batch forward (difference " + (a[i] - e[i]) + ")");
            }
        }
    }
}
