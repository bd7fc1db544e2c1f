package org.seqlab.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.seqlab.check.GradientCheck;
import org.seqlab.data.Translation;
import org.seqlab.data.Vocabulary;
import org.seqlab.nn.Parameter;
import org.seqlab.train.Adam;
import org.seqlab.train.Trainer;

class Seq2SeqTest {
    static final Vocabulary LETTERS = Vocabulary.ofCharacters("abcd");
    static final Vocabulary DIGITS = Vocabulary.ofCharacters("0123");

    /** Source letters a–d spell target digits 0–3 in reverse: "abd" → "310". */
    static List<Translation> reversal(int n, long seed) {
        Random rng = new Random(seed);
        List<Translation> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            StringBuilder s = new StringBuilder();
            StringBuilder t = new StringBuilder();
            int len = 1 + rng.nextInt(4);
            for (int i = 0; i < len; i++) {
                int c = rng.nextInt(4);
                s.append((char) ('a' + c));
                t.insert(0, (char) ('0' + c));
            }
            out.add(new Translation(s.toString(), t.toString()));
        }
        return out;
    }

    /** Padded sources and targets of different lengths in one batch. */
    static final List<Translation> RAGGED = List.of(new Translation("abca", "01"), new Translation("d", "3210"),
            new Translation("bb", "2"));

    static Seq2Seq.Builder small() {
        return Seq2Seq.builder(LETTERS, DIGITS, 6, 5).hiddenSize(3).dataType(DataType.DOUBLE).seed(3);
    }

    static void gradientsMatchFiniteDifferences(Seq2Seq model, Seq2Seq.Batch batch) {
        model.parameters().zeroGrad();
        model.trainStep(batch);
        GradientCheck.Report report = GradientCheck.check(() -> model.evaluate(batch).loss(),
                GradientCheck.targets(model.parameters()));
        assertTrue(report.maxRelativeError() < 1e-5, report.toString());   // abs errors ~1e-13; a bug gives O(1)
        // the encoder gets a gradient only through the decoder's initial state: it must not be zero
        assertTrue(model.parameters().get("encoder.rnn.weight_hh_l0").grad().amaxNumber().doubleValue() > 0);
    }

    @Test
    void lstmWithEmbeddingsGradientsMatchFiniteDifferencesOnPaddedSourcesAndTargets() {
        Seq2Seq model = small().cell(CellType.LSTM).embeddingSize(2).build();
        gradientsMatchFiniteDifferences(model, model.batch(RAGGED));
    }

    @Test
    void stackedGruOnOneHotInputsGradientsMatchFiniteDifferences() {
        Seq2Seq model = small().cell(CellType.GRU).layers(2).build();
        gradientsMatchFiniteDifferences(model, model.batch(RAGGED));
    }

    @Test
    void vanillaRnnGradientsMatchFiniteDifferences() {
        Seq2Seq model = small().cell(CellType.RNN).embeddingSize(3).build();
        gradientsMatchFiniteDifferences(model, model.batch(RAGGED));
    }

    @Test
    void paddingAPairInABatchDoesNotChangeItsLoss() {
        Seq2Seq model = small().build();
        Translation p = RAGGED.get(2);
        double alone = model.evaluate(model.batch(List.of(p))).loss();
        double logP = model.logProbability(p.source(), p.target());
        assertEquals(-logP / (p.target().length() + 1), alone, 1e-12);
        // in a batch with longer sources and targets, the pair's share of the summed loss is the same
        double together = model.evaluate(model.batch(RAGGED)).loss() * (2 + 4 + 1 + 3);
        double others = model.evaluate(model.batch(RAGGED.subList(0, 2))).loss() * (2 + 4 + 2);
        assertEquals(alone * 2, together - others, 1e-10);
    }

    @Test
    void beamWidthOneIsGreedyDecoding() {
        Seq2Seq model = Seq2Seq.builder(LETTERS, DIGITS, 6, 5).hiddenSize(8).seed(11).build();
        List<String> sources = reversal(40, 2).stream().map(Translation::source).toList();
        assertEquals(model.translate(sources), model.translate(sources, 1));
    }

    @Test
    void beamScoresAreTheModelsLogProbabilitiesAndTheBestBeatsGreedy() {
        Seq2Seq model = small().hiddenSize(6).dataType(DataType.DOUBLE).build();
        for (Translation p : reversal(10, 4)) {
            List<Seq2Seq.Hypothesis> beam = model.beamSearch(p.source(), 4);
            assertFalse(beam.isEmpty());
            for (int i = 0; i < beam.size(); i++) {
                Seq2Seq.Hypothesis h = beam.get(i);
                if (i > 0) assertTrue(h.logProbability() <= beam.get(i - 1).logProbability());
                if (h.finished()) assertEquals(model.logProbability(p.source(), h.text()), h.logProbability(), 1e-9);
            }
            String greedy = model.translate(p.source());
            if (beam.get(0).finished()) {
                assertTrue(beam.get(0).logProbability() >= model.logProbability(p.source(), greedy) - 1e-9);
            }
        }
    }

    @Test
    void learnsToReverseWithTheTrainer() {
        Seq2Seq model = Seq2Seq.builder(LETTERS, DIGITS, 4, 4).hiddenSize(32).embeddingSize(8).seed(1).build();
        List<Translation> train = reversal(2000, 1);
        List<Translation> test = reversal(200, 2);
        Trainer.builder().model(model).optimizer(Adam.create(model.parameters(), 1e-2)).epochs(6).clipNorm(5)
                .build().fit(model.batches(train, 32));
        List<String> predicted = model.translate(test.stream().map(Translation::source).toList(), 2);
        TranslationAccuracy.Score s = TranslationAccuracy.score(test, predicted);
        assertTrue(s.exactMatch() > 0.9, "exact match " + s);
    }

    @Test
    void badInputGetsClearErrors() {
        Seq2Seq model = small().build();
        String tooLong = assertThrows(IllegalArgumentException.class, () -> model.translate("abcdabc")).getMessage();
        assertTrue(tooLong.contains("7 characters") && tooLong.contains("maxSourceLength = 6"), tooLong);
        String empty = assertThrows(IllegalArgumentException.class, () -> model.translate("")).getMessage();
        assertTrue(empty.contains("empty"), empty);
        String beam = assertThrows(IllegalArgumentException.class, () -> model.beamSearch("ab", 0)).getMessage();
        assertTrue(beam.contains("at least 1") && beam.contains("is 0"), beam);
        assertThrows(IllegalArgumentException.class, () -> model.translate(List.of("ab"), -1));
        String target = assertThrows(IllegalArgumentException.class,
                () -> model.batch(List.of(new Translation("ab", "1x")))).getMessage();
        assertTrue(target.contains("outside the target vocabulary"), target);
        String batch = assertThrows(IllegalArgumentException.class,
                () -> model.batches(List.of(new Translation("abcdabcd", "1")), 8)).getMessage();
        assertTrue(batch.contains("8 characters"), batch);
    }

    @Test
    void unknownSourceCharactersAreReadAsUnk() {
        Seq2Seq model = small().build();
        assertEquals(model.translate("a" + Vocabulary.UNK), model.translate("a" + "é"));
        assertEquals(model.translate("aé"), model.translate("aZ"));
        assertEquals(model.logProbability("aé", "1"), model.logProbability("aZ", "1"), 0);
    }

    @Test
    void parametersHavePyTorchStyleNames() {
        Seq2Seq model = small().embeddingSize(2).build();
        assertEquals(List.of("encoder.embedding.weight", "encoder.rnn.weight_ih_l0", "encoder.rnn.weight_hh_l0",
                "encoder.rnn.bias_ih_l0", "encoder.rnn.bias_hh_l0", "decoder.embedding.weight",
                "decoder.rnn.weight_ih_l0", "decoder.rnn.weight_hh_l0", "decoder.rnn.bias_ih_l0",
                "decoder.rnn.bias_hh_l0", "fc.weight", "fc.bias"), model.parameters().names());
    }

    @TempDir
    Path dir;

    /** The same weights in PyTorch (nn.Embedding, nn.LSTM, nn.Linear, sequences run one by one): loss and gradients. */
    @Test
    void lossAndGradientsMatchPyTorch() {
        Assumptions.assumeTrue(canImportTorch(),
                "skipped: /usr/bin/python3 cannot import torch (apt-get install python3-torch)");
        Seq2Seq model = small().cell(CellType.LSTM).embeddingSize(2).build();
        model.parameters().save(dir);
        model.parameters().zeroGrad();
        double loss = model.trainStep(model.batch(RAGGED)).loss();
        StringBuilder pairs = new StringBuilder("[");
        for (Translation p : RAGGED) {
            pairs.append("(").append(java.util.Arrays.toString(LETTERS.encode(p.source()))).append(",")
                    .append(java.util.Arrays.toString(DIGITS.encode(p.target()))).append("),");
        }
        String script = String.join("\n",
                "import numpy as np, torch, torch.nn as nn",
                "torch.set_default_dtype(torch.float64)",
                "d = '" + dir + "'",
                "P = {n: torch.tensor(np.load(d + '/' + n + '.npy'), requires_grad=True) for n in " + pyList(model) + "}",
                "pairs = " + pairs + "]",
                "def lstm(x, h, c, pre):",
                "    outs = []",
                "    for t in range(x.shape[0]):",
                "        g = x[t] @ P[pre + 'weight_ih_l0'].T + P[pre + 'bias_ih_l0'] + h @ P[pre + 'weight_hh_l0'].T + P[pre + 'bias_hh_l0']",
                "        i, f, gg, o = g.chunk(4)",
                "        c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(gg)",
                "        h = torch.sigmoid(o) * torch.tanh(c)",
                "        outs.append(h)",
                "    return torch.stack(outs), h, c",
                "total, n = 0, 0",
                "for src, tgt in pairs:",
                "    z = torch.zeros(3)",
                "    _, h, c = lstm(P['encoder.embedding.weight'][src], z, z, 'encoder.rnn.')",
                "    x = P['decoder.embedding.weight'][[2] + tgt]",
                "    out, _, _ = lstm(x, h, c, 'decoder.rnn.')",
                "    logits = out @ P['fc.weight'].T + P['fc.bias']",
                "    total = total + nn.functional.cross_entropy(logits, torch.tensor(tgt + [3]), reduction='sum')",
                "    n += len(tgt) + 1",
                "L = total / n",
                "L.backward()",
                "print(repr(L.item()))",
                "for k in " + pyList(model) + ": print(' '.join(repr(v) for v in P[k].grad.flatten().tolist()))");
        String[] lines = python(script).strip().split("\n");
        assertEquals(Double.parseDouble(lines[0]), loss, 1e-12);
        int row = 1;
        for (Parameter p : model.parameters()) {
            double[] torch = java.util.Arrays.stream(lines[row++].trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
            double[] ours = p.grad().dup().reshape(p.grad().length()).toDoubleVector();
            assertEquals(torch.length, ours.length, p.name());
            for (int i = 0; i < ours.length; i++) assertEquals(torch[i], ours[i], 1e-10, p.name() + "[" + i + "]");
        }
    }

    private static boolean canImportTorch() {
        try {
            return new java.io.File("/usr/bin/python3").canExecute() && python("import torch\nprint(1)").strip().equals("1");
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Runs {@code script} with Debian's python3 and returns what it printed. */
    private static String python(String script) {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", script).start();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("python failed: " + new String(err, java.nio.charset.StandardCharsets.UTF_8));
            }
            return new String(out, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String pyList(Seq2Seq model) {
        StringBuilder s = new StringBuilder("[");
        for (String n : model.parameters().names()) s.append("'").append(n).append("',");
        return s.append("]").toString();
    }
}
