package org.seqlab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.seqlab.data.Batcher;
import org.seqlab.data.LabelledText;
import org.seqlab.data.Sequence;
import org.seqlab.data.SequenceBatch;
import org.seqlab.train.Adam;
import org.seqlab.train.FitResult;
import org.seqlab.train.Trainer;

class SequenceClassifierTest {
    /** Sequences of 2 features whose class says whether the first feature sums to more than 0. */
    private static List<Sequence> signOfSum(int n, long seed) {
        Random rng = new Random(seed);
        List<Sequence> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            float[][] x = new float[2 + rng.nextInt(5)][2];
            double sum = 0;
            for (float[] step : x) {
                step[0] = (float) rng.nextGaussian();
                step[1] = (float) rng.nextGaussian();
                sum += step[0];
            }
            out.add(Sequence.features(x, sum > 0 ? 1 : 0));
        }
        return out;
    }

    private static SequenceClassifier.Builder small() {
        return SequenceClassifier.builder(2, 3).hiddenSize(3).dataType(DataType.DOUBLE);
    }

    @Test
    void stackedGruGradientsMatchFiniteDifferencesWithPadding() {
        ModelChecks.gradientsMatchFiniteDifferences(small().cell(CellType.GRU).layers(2).build(),
                Batcher.batch(signOfSum(3, 1)));
    }

    @Test
    void lstmGradientsMatchFiniteDifferencesOnTokenIds() {
        SequenceClassifier model = SequenceClassifier.builder(5, 2).hiddenSize(3).dataType(DataType.DOUBLE).build();
        SequenceBatch ids = Batcher.batch(List.of(Sequence.tokens(new int[] {1, 4, 2}, 1),
                Sequence.tokens(new int[] {3}, 0)));
        ModelChecks.gradientsMatchFiniteDifferences(model, ids);
    }

    @Test
    void gradientReachEndsWithTheHeadsGradientAndLeavesParameterGradientsAlone() {
        SequenceClassifier model = small().cell(CellType.RNN).build();
        Random rng = new Random(5);
        List<Sequence> data = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            float[][] x = new float[4][2];
            for (float[] step : x) step[0] = (float) rng.nextGaussian();
            data.add(Sequence.features(x, k % 2));
        }
        SequenceBatch batch = Batcher.batch(data);
        model.parameters().zeroGrad();
        double[] reach = model.gradientReach(batch, 0);
        for (org.seqlab.nn.Parameter p : model.parameters()) {
            assertEquals(0.0, p.grad().amaxNumber().doubleValue(), p.name());
        }
        assertEquals(4, reach.length);
        // dL/dh_T = (softmax(z) − onehot(y)) W / B, [B, H], by hand from the model's logits and head weight
        INDArray p = Transforms.softmax(model.logits(batch), true);
        for (int b = 0; b < 3; b++) p.putScalar(b, b % 2, p.getDouble(b, b % 2) - 1);
        INDArray dh = p.mmul(model.parameters().get("fc.weight").value()).div(3);
        assertEquals(dh.norm2Number().doubleValue(), reach[3], 1e-12);
        assertTrue(reach[0] < reach[3], java.util.Arrays.toString(reach));
    }

    @Test
    void paddingDoesNotChangeASequencesLogits() {
        SequenceClassifier model = small().build();
        List<Sequence> data = signOfSum(6, 2);
        INDArray together = model.logits(Batcher.batch(data));
        for (int b = 0; b < data.size(); b++) {
            INDArray alone = model.logits(Batcher.batch(List.of(data.get(b))));
            assertEquals(0, ModelChecks.maxDifference(together.getRow(b), alone.getRow(0)), 1e-12);
        }
    }

    @Test
    void streamingEndsWithTheClassifiersLogits() {
        SequenceClassifier model = small().cell(CellType.RNN).layers(2).build();
        Sequence s = signOfSum(1, 3).get(0);
        SequenceBatch batch = Batcher.batch(List.of(s));
        StreamingPredictor stream = model.streaming(1);
        double[] last = null;
        for (float[] step : s.x()) last = stream.step(step[0], step[1]);
        assertArrayEquals(model.logits(batch).reshape(3).toDoubleVector(), last, 1e-12);
    }

    @Test
    void learnsTheSignOfASum() {
        SequenceClassifier model = SequenceClassifier.builder(2, 2).cell(CellType.GRU).hiddenSize(8).seed(1).build();
        Batcher train = Batcher.of(signOfSum(256, 4), 32).shuffled(1);
        List<SequenceBatch> test = Batcher.of(signOfSum(200, 5), 100).epoch(0);
        Trainer<SequenceBatch> trainer = Trainer.builder().model(model)
                .optimizer(Adam.create(model.parameters(), 0.02)).epochs(15).build();
        FitResult r = trainer.fit(train::epoch, test);
        double accuracy = r.history().epochs().get(14).validation().get("accuracy");
        assertTrue(accuracy > 0.9, r.toString());
        assertEquals(accuracy, trainer.evaluate(test).get("accuracy"), 1e-12);
        int[] predicted = model.predict(test.get(0));
        assertEquals(100, predicted.length);
    }

    @Test
    void aPerStepBatchIsRejectedWithTheReason() {
        SequenceBatch perStep = Batcher.batch(List.of(Sequence.tokens(new int[] {1, 2}, new int[] {2, 1})));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SequenceClassifier.builder(3, 2).build().evaluate(perStep));
        assertTrue(e.getMessage().contains("one class per sequence (CLASS)"), e.getMessage());
    }

    /** Words of a's and b's are "ab", of x's and y's "xy": a text task a GRU learns in a few dozen steps. */
    private static List<LabelledText> twoAlphabets(int n, long seed) {
        Random rng = new Random(seed);
        List<LabelledText> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            boolean ab = k % 2 == 0;
            StringBuilder w = new StringBuilder();
            for (int t = 0; t < 3 + rng.nextInt(4); t++) w.append(ab ? "ab".charAt(rng.nextInt(2)) : "xy".charAt(rng.nextInt(2)));
            out.add(new LabelledText(w.toString(), ab ? "ab" : "xy"));
        }
        return out;
    }

    @Test
    void aTextClassifierKeepsItsVocabularyAndClassesAndAnswersInWords() {
        LabelledText.Split data = LabelledText.split(twoAlphabets(200, 3), 0.75, 42);
        SequenceClassifier gru = SequenceClassifier.forText(data.train()).cell(CellType.GRU).hiddenSize(8).seed(1)
                .build();
        assertEquals(List.of("ab", "xy"), gru.classNames());
        assertEquals(4 + 4, gru.vocabulary().size(), "four specials and a, b, x, y");
        assertEquals("GRU classifier", gru.name());
        List<Sequence> train = gru.sequences(data.train());
        assertArrayEquals(gru.vocabulary().encode(data.train().get(0).text()), train.get(0).ids());
        FitResult r = Trainer.builder().model(gru).learningRate(0.02).epochs(4).build()
                .fit(train, 16, gru.sequences(data.test()));
        assertTrue(r.history().epochs().get(3).validation().get("accuracy") > 0.95, r.toString());

        SequenceClassifier.Prediction p = gru.predict("abba");
        assertEquals("ab", p.label());
        assertTrue(p.probability() > 0.8, p.toString());
        assertEquals(String.format(java.util.Locale.ROOT, "ab (%.2f)", p.probability()), p.toString());
        var all = gru.probabilities("yyx");
        assertEquals(List.of("xy", "ab"), List.copyOf(all.keySet()), "most likely first");
        assertEquals(1.0, all.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        INDArray logits = gru.logits(Batcher.batch(List.of(Sequence.tokens(gru.vocabulary().encode("yyx")))));
        double[] softmax = Transforms.softmax(logits.castTo(DataType.DOUBLE), true).toDoubleVector();
        assertEquals(softmax[1], all.get("xy"), 1e-12);
    }

    @Test
    void theConfusionMatrixIsOneCallOnTextsSequencesOrBatches() {
        LabelledText.Split data = LabelledText.split(twoAlphabets(60, 4), 0.5, 1);
        assertEquals(15, data.test().stream().filter(t -> t.label().equals("ab")).count(), "a stratified split");
        SequenceClassifier model = SequenceClassifier.forText(data.train()).hiddenSize(4).build();
        var fromTexts = model.confusion(data.test());
        assertEquals(30, fromTexts.total());
        assertEquals(List.of("ab", "xy"), fromTexts.classes());
        assertArrayEquals(fromTexts.counts(), model.confusion(model.sequences(data.test())).counts());
        var batches = Batcher.of(model.sequences(data.test()), 7).epoch(0);
        assertArrayEquals(fromTexts.counts(), model.confusion(batches).counts());
        int[] predicted = model.predict(Batcher.batch(model.sequences(data.test())));
        long right = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == model.sequences(data.test()).get(i).label()) right++;
        }
        assertEquals(right / 30.0, fromTexts.accuracy(), 1e-12);
        assertEquals("LSTM classifier: 30 examples", fromTexts.table().name());
    }

    @Test
    void aClassifierWithoutVocabularySaysHowToGetOne() {
        SequenceClassifier features = small().build();
        var e = assertThrows(IllegalArgumentException.class, () -> features.predict("abc"));
        assertEquals("predict(text) needs a classifier of text, built with SequenceClassifier.forText(data); this"
                + " one was built with builder(inputSize, classes) and has no vocabulary", e.getMessage());
        assertEquals(List.of("0", "1", "2"), features.classNames());
        var wrong = assertThrows(IllegalArgumentException.class, () -> features.confusion(List.of("abc")));
        assertTrue(wrong.getMessage().contains("holds String"), wrong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> small().classNames(List.of("a", "b")));
    }

    @Test
    void probabilitiesAfterEachStepEndWithTheBatchOutputAndMatchAStreamingPredictor() {
        for (CellType cell : CellType.values()) {
            SequenceClassifier model = small().cell(cell).layers(2).build();
            List<Sequence> data = signOfSum(5, 11);                  // lengths 2 … 6, so the batch is padded
            List<double[][]> perStep = model.probabilitiesPerStep(data);
            INDArray batch = Transforms.softmax(model.logits(Batcher.batch(data)), true);
            for (int b = 0; b < data.size(); b++) {
                double[][] p = perStep.get(b);
                assertEquals(data.get(b).length(), p.length, cell + " sequence " + b);
                assertArrayEquals(batch.getRow(b).toDoubleVector(), p[p.length - 1], 1e-12, cell + " last step");
                StreamingPredictor stream = model.streaming(1);
                for (int t = 0; t < p.length; t++) {
                    double[] x = {data.get(b).x()[t][0], data.get(b).x()[t][1]};
                    INDArray z = Transforms.softmax(Nd4j.create(stream.step(x), new long[] {1, 3}), true);
                    assertArrayEquals(z.toDoubleVector(), p[t], 1e-12, cell + " sequence " + b + " t = " + (t + 1));
                    assertEquals(1, java.util.Arrays.stream(p[t]).sum(), 1e-12);
                }
            }
            double[][] alone = model.probabilitiesPerStep(data.get(2));
            for (int t = 0; t < alone.length; t++) assertArrayEquals(perStep.get(2)[t], alone[t], 1e-12);
        }
    }

    /** z_{b,c} of every sequence of {@code batch} at class {@code classes[b]}, the score the saliency differentiates. */
    private static double[] scores(SequenceClassifier model, SequenceBatch batch, int[] classes) {
        INDArray z = model.logits(batch);
        double[] out = new double[classes.length];
        for (int b = 0; b < classes.length; b++) out[b] = z.getDouble(b, classes[b]);
        return out;
    }

    @Test
    void scoreGradientMatchesFiniteDifferencesOnEveryInputAndIsZeroAtPadding() {
        for (CellType cell : CellType.values()) {
            SequenceClassifier model = small().cell(cell).layers(cell == CellType.GRU ? 2 : 1).seed(3).build();
            SequenceBatch f32 = Batcher.batch(signOfSum(3, 2));     // float32: too coarse for a step of 1e-5
            SequenceBatch batch = new SequenceBatch(f32.x().castTo(DataType.DOUBLE), f32.mask(), f32.targets(),
                    f32.lengths(), f32.target());
            int[] classes = {2, 0, 1};
            INDArray g = model.scoreGradient(batch, classes);
            assertArrayEquals(batch.x().shape(), g.shape());
            double h = 1e-5;
            for (int t = 0; t < batch.timeSteps(); t++) {
                for (int b = 0; b < batch.batchSize(); b++) {
                    for (int d = 0; d < 2; d++) {
                        if (t >= batch.lengths()[b]) {
                            assertEquals(0.0, g.getDouble(t, b, d), cell + " padded step " + t);
                            continue;
                        }
                        double x0 = batch.x().getDouble(t, b, d);
                        batch.x().putScalar(new long[] {t, b, d}, x0 + h);
                        double up = scores(model, batch, classes)[b];
                        batch.x().putScalar(new long[] {t, b, d}, x0 - h);
                        double down = scores(model, batch, classes)[b];
                        batch.x().putScalar(new long[] {t, b, d}, x0);
                        double numeric = (up - down) / (2 * h);
                        assertEquals(numeric, g.getDouble(t, b, d), 1e-7 + 1e-5 * Math.abs(numeric),
                                cell + " at t=" + t + ", b=" + b + ", d=" + d);
                    }
                }
            }
        }
    }

    @Test
    void probabilitiesOfNothingOrOfAnEmptySequenceAreClearErrors() {
        SequenceClassifier model = small().build();
        var e = assertThrows(IllegalArgumentException.class, () -> model.probabilitiesPerStep(List.of()));
        assertTrue(e.getMessage().contains("at least one sequence"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> model.probabilitiesPerStep(Sequence.features(new float[0][2], 1)));
        assertTrue(e.getMessage().contains("at least one step"), e.getMessage());
    }

    @Test
    void saliencyIsTheNormOfTheScoreGradientPerStepAndLeavesParameterGradientsAlone() {
        SequenceClassifier model = small().build();
        SequenceBatch batch = Batcher.batch(signOfSum(4, 3));
        model.parameters().zeroGrad();
        INDArray s = model.saliency(batch);
        for (org.seqlab.nn.Parameter p : model.parameters()) {
            assertEquals(0.0, p.grad().amaxNumber().doubleValue(), p.name());
        }
        int[] truth = batch.targets().castTo(DataType.INT).toIntVector();
        INDArray g = model.scoreGradient(batch, truth);
        assertArrayEquals(new long[] {batch.timeSteps(), 4}, s.shape());
        for (int t = 0; t < batch.timeSteps(); t++) {
            for (int b = 0; b < 4; b++) {
                double a = g.getDouble(t, b, 0), c = g.getDouble(t, b, 1);
                assertEquals(Math.sqrt(a * a + c * c), s.getDouble(t, b), 1e-12);
            }
        }
        assertTrue(s.sumNumber().doubleValue() > 0);
    }

    @Test
    void saliencyOfTokenIdsIsThatOfTheOneHotVectorsTheyStandFor() {
        SequenceClassifier model = SequenceClassifier.builder(5, 2).hiddenSize(3).dataType(DataType.DOUBLE).build();
        List<Sequence> ids = List.of(Sequence.tokens(new int[] {1, 4, 2}, 1), Sequence.tokens(new int[] {3}, 0));
        List<Sequence> oneHot = new ArrayList<>();
        for (Sequence q : ids) {
            float[][] x = new float[q.length()][5];
            for (int t = 0; t < q.length(); t++) x[t][q.ids()[t]] = 1f;
            oneHot.add(Sequence.features(x, q.label()));
        }
        INDArray a = model.saliency(Batcher.batch(ids));
        INDArray b = model.saliency(Batcher.batch(oneHot));
        assertTrue(a.equalsWithEps(b, 1e-12), a + " vs " + b);
    }

    @Test
    void saliencyRefusesAnEmbeddingAndClassesOfTheWrongLength() {
        SequenceClassifier embedded = SequenceClassifier.builder(5, 2).embeddingSize(3).hiddenSize(3).build();
        SequenceBatch ids = Batcher.batch(List.of(Sequence.tokens(new int[] {1, 4, 2}, 1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> embedded.saliency(ids));
        assertTrue(e.getMessage().contains("embeds its ids"), e.getMessage());
        SequenceClassifier model = small().build();
        SequenceBatch batch = Batcher.batch(signOfSum(3, 4));
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> model.saliency(batch, new int[] {0, 1}));
        assertTrue(wrong.getMessage().contains("B = 3"), wrong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> model.saliency(batch, new int[] {0, 1, 3}));
    }

    @Test
    void meanSaliencyAveragesEachClassOverTheSequencesThatReachAStep() {
        SequenceClassifier model = small().build();
        List<Sequence> data = signOfSum(6, 7);
        SequenceBatch batch = Batcher.batch(data);
        INDArray s = model.saliency(batch);
        java.util.Map<String, double[]> mean = model.meanSaliency(data);
        assertEquals(List.of("0", "1", "2"), new ArrayList<>(mean.keySet()));
        for (int c = 0; c < 3; c++) {
            for (int t = 0; t < batch.timeSteps(); t++) {
                double sum = 0;
                int n = 0;
                for (int b = 0; b < data.size(); b++) {
                    if (data.get(b).label() == c && t < data.get(b).length()) {
                        sum += s.getDouble(t, b);
                        n++;
                    }
                }
                double expected = n == 0 ? Double.NaN : sum / n;
                assertEquals(expected, mean.get(String.valueOf(c))[t], 1e-12, "class " + c + ", t = " + t);
            }
        }
    }
}
