package org.seqlab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.seqlab.data.Batcher;
import org.seqlab.data.Sequence;
import org.seqlab.data.SequenceBatch;
import org.seqlab.data.Vocabulary;
import org.seqlab.nn.Linear;
import org.seqlab.nn.Parameter;
import org.seqlab.nn.Recurrent;
import org.seqlab.nn.State;
import org.seqlab.train.Adam;
import org.seqlab.train.Checkpoint;
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
    void traceGivesEveryGateAndStatePerCharacterAsTheStreamSeesThem() {
        CharLanguageModel model = CharLanguageModel.builder(ABC.size()).cell(CellType.LSTM).hiddenSize(5).layers(2)
                .dataType(DataType.DOUBLE).seed(3).build();
        java.util.Map<String, INDArray> trace = model.trace(ABC, "abcab", 1);
        assertEquals(List.of("i", "f", "g", "o", "c", "h"), List.copyOf(trace.keySet()));
        assertArrayEquals(new long[] {5, 5}, trace.get("h").shape());
        StreamingPredictor stream = model.streaming(1);
        for (int id : ABC.encode("abcab")) {
            stream.step(org.nd4j.linalg.factory.Nd4j.create(new double[] {id}, new long[] {1}, DataType.DOUBLE));
        }
        INDArray last = stream.state().get(1).h().reshape(5);
        assertTrue(last.equalsWithEps(trace.get("h").getRow(4), 1e-12), last + " vs " + trace.get("h").getRow(4));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> model.trace(ABC, "ab", 2));
        assertTrue(e.getMessage().contains("layer must be in [0, 2)"), e.getMessage());
    }

    @Test
    void gradientReachIsTheNormOfTheLastStepsLossGradientInEachStateByFiniteDifferences() {
        CharLanguageModel model = small(CellType.RNN).seed(5).build();
        SequenceBatch batch = padded();                                      // T = 5, B = 2, lengths 5 and 3
        double[] reach = model.gradientReach(batch, 0);
        Recurrent rnn = Recurrent.rnn(7, 4, 1, new Random(0), DataType.DOUBLE);
        Linear fc = Linear.create(4, 7, new Random(0), DataType.DOUBLE);
        for (Parameter p : rnn.parameters()) p.value().assign(model.parameters().get("rnn." + p.name()).value());
        for (Parameter p : fc.parameters()) p.value().assign(model.parameters().get("fc." + p.name()).value());
        int steps = 5;
        assertEquals(steps, reach.length);
        for (int t = 0; t < steps; t++) {
            INDArray mask = prefix(batch.mask(), 0, t + 1).castTo(DataType.DOUBLE);
            INDArray h = rnn.forwardIds(prefix(batch.x(), 0, t + 1), mask, null).finalState().h();   // h_t [B, H]
            double sum = 0;
            for (int b = 0; b < 2; b++) {
                for (int j = 0; j < 4; j++) {
                    double v = h.getDouble(b, j);
                    h.putScalar(b, j, v + 1e-6);
                    double up = lastStepLoss(rnn, fc, batch, t, h);
                    h.putScalar(b, j, v - 1e-6);
                    double down = lastStepLoss(rnn, fc, batch, t, h);
                    h.putScalar(b, j, v);
                    double g = (up - down) / 2e-6;
                    sum += g * g;
                }
            }
            assertEquals(Math.sqrt(sum), reach[t], 1e-7 * Math.max(1, reach[t]), "t = " + t);
        }
        assertTrue(reach[0] < reach[steps - 1], java.util.Arrays.toString(reach));
    }

    /** L_T = (1/N) Σ_b m_{T−1,b} ℓ_{T−1,b} when the state after step t is h, by running the steps after t. */
    private static double lastStepLoss(Recurrent rnn, Linear fc, SequenceBatch batch, int t, INDArray h) {
        int steps = (int) batch.x().size(0);
        INDArray mask = prefix(batch.mask(), t + 1, steps).castTo(DataType.DOUBLE);
        INDArray top = t == steps - 1 ? h : rnn.forwardIds(prefix(batch.x(), t + 1, steps), mask,
                List.of(State.of(h.dup()))).outputs().slice(steps - t - 2);          // h_{T−1} [B, H]
        double[][] z = fc.forward(top).toDoubleMatrix();                    // last step's logits [B, V]
        double n = batch.mask().sumNumber().doubleValue();
        double loss = 0;
        for (int b = 0; b < z.length; b++) {
            if (batch.mask().getDouble(steps - 1, b) == 0) continue;
            double max = java.util.Arrays.stream(z[b]).max().getAsDouble();
            double logSum = Math.log(java.util.Arrays.stream(z[b]).map(v -> Math.exp(v - max)).sum()) + max;
            loss += (logSum - z[b][(int) batch.targets().getDouble(steps - 1, b)]) / n;
        }
        return loss;
    }

    private static INDArray prefix(INDArray a, int from, int to) {
        return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup();
    }

    @Test
    void gradientReachLeavesParameterGradientsAsTheyWereAndCoversEveryLayer() {
        CharLanguageModel model = small(CellType.LSTM).layers(2).build();
        SequenceBatch batch = padded();
        model.parameters().zeroGrad();
        model.trainStep(batch);
        List<INDArray> before = new java.util.ArrayList<>();
        for (Parameter p : model.parameters()) before.add(p.grad().dup());
        double[] bottom = model.gradientReach(batch, 0);
        double[] top = model.gradientReach(batch, 1);
        int i = 0;
        for (Parameter p : model.parameters()) assertEquals(before.get(i++), p.grad(), p.name());
        assertEquals(5, bottom.length);
        assertEquals(5, top.length);
        assertTrue(top[4] > 0 && bottom[4] > 0);
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> model.gradientReach(batch, 2));
        assertTrue(e.getMessage().contains("layer must be in [0, 2)"), e.getMessage());
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
    void lossAndGradientsMatchTheSameModelInPyTorch(@TempDir Path dir) {
        Assumptions.assumeTrue(torchAvailable(), "PyTorch is not importable by /usr/bin/python3");
        CharLanguageModel model = small(CellType.LSTM).layers(2).embeddingSize(3).build();
        SequenceBatch batch = Batcher.batch(List.of(Sequence.tokens(new int[] {4, 5, 6, 4}, new int[] {5, 6, 4, 5}),
                Sequence.tokens(new int[] {6, 4, 5, 5}, new int[] {4, 5, 5, 6})));
        Path checkpoint = dir.resolve("lm.ckpt");
        Checkpoint.save(checkpoint, model.parameters(), null, 0, 0);
        model.parameters().zeroGrad();
        double loss = model.trainStep(batch).loss();
        String script = String.join("\n", "import numpy as np, torch, torch.nn as nn",
                "class LM(nn.Module):",
                "    def __init__(s):",
                "        super().__init__(); s.embedding = nn.Embedding(7, 3); s.rnn = nn.LSTM(3, 4, 2)",
                "        s.fc = nn.Linear(4, 7)",
                "    def forward(s, ids):",
                "        out, _ = s.rnn(s.embedding(ids)); return s.fc(out)",
                "m = LM().double()",
                "z = np.load('" + checkpoint + "')",
                "m.load_state_dict({k: torch.from_numpy(z['parameters/' + k]) for k in m.state_dict()})",
                "x = torch.tensor([[4, 6], [5, 4], [6, 5], [4, 5]]); y = torch.tensor([[5, 4], [6, 5], [4, 5], [5, 6]])",
                "loss = nn.functional.cross_entropy(m(x).reshape(-1, 7), y.reshape(-1)); loss.backward()",
                "print(repr(loss.item()), repr(m.rnn.weight_hh_l1.grad[3, 2].item()),"
                        + " repr(m.embedding.weight.grad[5, 1].item()))", "");
        String[] out = run(script).trim().split("\\s+");
        assertEquals(Double.parseDouble(out[0]), loss, 1e-12);
        assertEquals(Double.parseDouble(out[1]), model.parameters().get("rnn.weight_hh_l1").grad().getDouble(3, 2),
                1e-12);
        assertEquals(Double.parseDouble(out[2]), model.parameters().get("embedding.weight").grad().getDouble(5, 1),
                1e-12);
    }

    private static boolean torchAvailable() {
        try {
            return run("import torch\nprint(1)\n").trim().equals("1");
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String run(String script) {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", script).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.waitFor() != 0) throw new IllegalStateException("python failed: " + out);
            return out;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
                .carryState(true).build();
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
        CharLanguageModel independent = CharLanguageModel.builder(ABC.size()).hiddenSize(5)
                .dataType(DataType.DOUBLE).build();
        independent.evaluate(chunks.get(0));
        assertEquals(first, independent.evaluate(chunks.get(0)).loss(), 0,
                "without carryState every batch starts from zero");
    }

    @Test
    void aCarriedStateWithTheTrainersDefaultShufflingIsRefusedWithTheFix() {
        CharLanguageModel carrying = CharLanguageModel.builder(ABC.size()).hiddenSize(4).carryState(true).build();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Trainer.builder().model(carrying).build());
        assertTrue(e.getMessage().contains("carries its state from one batch to the next (carryState(true))")
                && e.getMessage().contains(".shuffle(false)"), e.getMessage());
        assertEquals(StopReason.COMPLETED, Trainer.builder().model(carrying).shuffle(false).epochs(1).build()
                .fit(CharLanguageModel.streamBatches(ABC.encode("abcabcabcab"), 2, 2)).reason());
        CharLanguageModel independent = CharLanguageModel.builder(ABC.size()).hiddenSize(4).build();
        assertEquals(StopReason.COMPLETED, Trainer.builder().model(independent).epochs(1).build()
                .fit(CharLanguageModel.streamBatches(ABC.encode("abcabcabcab"), 2, 2)).reason());
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
                .carryState(true).build();
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

    @Test
    void samplingCanGoPastTheEndSymbol() {
        CharLanguageModel model = CharLanguageModel.builder(ABC.size()).hiddenSize(4).build();
        model.parameters().get("fc.bias").value().get(NDArrayIndex.point(Vocabulary.EOS_ID)).assign(100);
        int[] ids = model.sampleIds(new int[] {Vocabulary.BOS_ID}, 5, Sampling.temperature(1).pastEnd(), new Random(1));
        assertArrayEquals(new int[] {3, 3, 3, 3, 3}, ids, "five draws, each </s>, none ending the sample");
        assertEquals("</s></s></s>", model.sample(ABC, "a", 3, Sampling.temperature(1).pastEnd(), 1));
        assertEquals("", model.sample(ABC, "a", 3, Sampling.temperature(1), 1), "by default </s> ends it");
        assertArrayEquals(new int[] {Vocabulary.EOS_ID},
                model.sampleIds(new int[] {Vocabulary.BOS_ID}, 5, Sampling.temperature(1), new Random(1)));
    }

    @Test
    void topKOneSamplesLikeGreedy() {
        CharLanguageModel model = CharLanguageModel.builder(ABC.size()).hiddenSize(8).seed(4).build();
        String greedy = model.sample(ABC, "ab", 30, Sampling.greedy().pastEnd(), 1);
        assertEquals(greedy, model.sample(ABC, "ab", 30, Sampling.temperature(2.0).topK(1).pastEnd(), 9));
        assertEquals(30, model.sampleIds(ABC.encode("ab"), 30, Sampling.greedy().pastEnd(), new Random(1)).length);
    }

    @Test
    void badSamplingInputIsRefused() {
        CharLanguageModel model = CharLanguageModel.builder(ABC.size()).hiddenSize(4).build();
        IllegalArgumentException t = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> model.sample(ABC, "a", 5, -0.5, 1));
        assertTrue(t.getMessage().contains("temperature must be >= 0 but is -0.5"), t.getMessage());
        IllegalArgumentException n = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> model.sample(ABC, "a", -1, Sampling.temperature(1), 1));
        assertTrue(n.getMessage().contains("length must be >= 0"), n.getMessage());
        IllegalArgumentException id = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> model.sampleIds(new int[] {99}, 5, Sampling.temperature(1), new Random(1)));
        assertTrue(id.getMessage().contains("prompt ids must be in [0, 7) but one is 99"), id.getMessage());
        assertEquals("", model.sample(ABC, "a", 0, Sampling.temperature(1), 1));
        assertEquals(3, model.sampleIds(ABC.encode("a\u00e9"), 3, Sampling.greedy().pastEnd(), new Random(1)).length,
                "an unknown prompt character is read as <unk>");
    }
}
