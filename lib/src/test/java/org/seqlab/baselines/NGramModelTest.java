package org.seqlab.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqlab.data.Sequence;
import org.seqlab.data.TextSequences;
import org.seqlab.data.Vocabulary;

class NGramModelTest {
    /** Bigrams of 0 1 0 1 1: N(0 1) = 2, N(1 0) = 1, N(1 1) = 1; contexts N(0) = 2, N(1) = 2. */
    private static final int[] IDS = {0, 1, 0, 1, 1};

    @Test
    void bigramProbabilitiesAreTheAddKFormulaOnHandCountedPairs() {
        NGramModel bigram = NGramModel.fit(2, IDS, 3, 1.0);
        assertEquals(3.0 / 5, bigram.probability(new int[] {0}, 1), 1e-15, "(N(0 1) + 1) / (N(0) + 3)");
        assertEquals(1.0 / 5, bigram.probability(new int[] {0}, 0), 1e-15, "(0 + 1) / (2 + 3)");
        assertEquals(2.0 / 5, bigram.probability(new int[] {1}, 0), 1e-15, "(N(1 0) + 1) / (N(1) + 3)");
        assertEquals(2.0 / 5, bigram.probability(new int[] {1}, 1), 1e-15);
        assertEquals(1.0 / 3, bigram.probability(new int[] {2}, 0), 1e-15, "an unseen context is uniform");
        assertEquals(2.0 / 5, bigram.probability(new int[] {0, 0, 1}, 0), 1e-15, "only the last id counts");
    }

    @Test
    void withoutContextTheModelUsesUnigramCounts() {
        NGramModel bigram = NGramModel.fit(2, IDS, 3, 1.0);
        // unigrams: N(0) = 2, N(1) = 3, N(2) = 0 of N = 5
        assertArrayEquals(new double[] {3.0 / 8, 4.0 / 8, 1.0 / 8}, bigram.distribution(new int[0]), 1e-15);
        NGramModel unigram = NGramModel.fit(1, IDS, 3, 0.5);
        assertArrayEquals(new double[] {2.5 / 6.5, 3.5 / 6.5, 0.5 / 6.5}, unigram.distribution(new int[] {1, 0}),
                1e-15, "(N(c) + k) / (N + kV), whatever came before");
    }

    @Test
    void contextCountsAreHowOftenAContextWasFollowedByAnything() {
        NGramModel trigram = NGramModel.fit(3, IDS, 3, 1.0);        // 0 1 0 1 1: contexts 0 1 (twice), 1 0 (once)
        assertEquals(2, trigram.contextCount(new int[] {0, 1}));
        assertEquals(1, trigram.contextCount(new int[] {1, 1, 0}), "the last two ids: 1 0");
        assertEquals(0, trigram.contextCount(new int[] {1, 1}), "1 1 ends the text: never followed");
        assertEquals(2, trigram.contextCount(new int[] {1}), "a shorter context: the bigram's N(1)");
        assertEquals(5, trigram.contextCount(new int[0]), "no context: every id");
    }

    @Test
    void anotherKReusesTheCounts() {
        NGramModel bigram = NGramModel.fit(2, IDS, 3, 1.0).withK(0.5);
        assertEquals(0.5, bigram.k());
        assertEquals(2.5 / 3.5, bigram.probability(new int[] {0}, 1), 1e-15, "(N(0 1) + 0.5) / (N(0) + 1.5)");
        assertEquals(NGramModel.fit(2, IDS, 3, 0.5).loss(IDS).nats(), bigram.loss(IDS).nats(), 1e-15);
    }

    @Test
    void orderZeroIsTheUniformGuess() {
        NGramModel uniform = NGramModel.fit(0, IDS, 3, 1.0);
        assertEquals("uniform", uniform.name());
        TextLoss loss = uniform.loss(new int[] {2, 2, 1});
        assertEquals(Math.log(3), loss.nats(), 1e-15);
        assertEquals(2, loss.count());
    }

    @Test
    void streamLossIsTheMeanNegativeLogProbabilityOfEveryIdAfterTheFirst() {
        NGramModel bigram = NGramModel.fit(2, IDS, 3, 1.0);
        TextLoss loss = bigram.loss(new int[] {0, 1, 1, 2});      // P(1|0) = 3/5, P(1|1) = 2/5, P(2|1) = 1/5
        assertEquals(-(Math.log(0.6) + Math.log(0.4) + Math.log(0.2)) / 3, loss.nats(), 1e-15);
        assertEquals(3, loss.count());
        assertEquals(loss.nats() / Math.log(2), loss.bitsPerCharacter(), 1e-15);
        assertEquals(1 / Math.cbrt(0.6 * 0.4 * 0.2), loss.perplexity(), 1e-12, "the geometric mean of 1/P");
    }

    @Test
    void aChunkStartsWithTheShorterContextItHas() {
        // trigrams of 0 1 0 1 1: N(0 1 0) = 1, N(1 0 1) = 1, N(0 1 1) = 1; contexts N(0 1) = 2, N(1 0) = 1
        NGramModel trigram = NGramModel.fit(3, IDS, 3, 1.0);
        Sequence chunk = Sequence.tokens(new int[] {1, 0}, new int[] {0, 1});
        TextLoss loss = trigram.loss(List.of(chunk));
        double first = 2.0 / 5;           // y_1 = 0 from x = [1] alone: the bigram's (N(1 0) + 1) / (N(1) + 3)
        double second = 2.0 / 4;          // y_2 = 1 from [1, 0]: (N(1 0 1) + 1) / (N(1 0) + 3)
        assertEquals(-(Math.log(first) + Math.log(second)) / 2, loss.nats(), 1e-15);
        assertEquals(2, loss.count());
    }

    @Test
    void chunksOfATextScoreLikeTheStreamWhenTheyAreOneChunk() {
        String text = "the cat sat on the mat. the hat sat on the cat.";
        Vocabulary v = Vocabulary.ofCharacters(text);
        NGramModel trigram = NGramModel.fit(3, text, v, 0.1);
        int[] ids = v.encode(text);
        List<Sequence> one = TextSequences.nextCharacter(text, v, ids.length - 1);
        assertEquals(1, one.size());
        assertEquals(trigram.loss(ids).nats(), trigram.loss(one).nats(), 1e-12);
        assertEquals(ids.length - 1, trigram.loss(one).count());
    }

    @Test
    void longerContextsFitTheTrainingTextBetterWhenSmoothingIsSlight() {
        String text = "abracadabra, abracadabra, abracadabra";
        Vocabulary v = Vocabulary.ofCharacters(text);
        double previous = Double.MAX_VALUE;
        for (int n = 0; n <= 3; n++) {
            double nats = NGramModel.fit(n, text, v, 1e-6).loss(v.encode(text)).nats();
            assertTrue(nats < previous, "order " + n + ": " + nats + " nats, order " + (n - 1) + ": " + previous);
            previous = nats;
        }
    }

    @Test
    void everyDistributionSumsToOne() {
        String text = "to be or not to be";
        Vocabulary v = Vocabulary.ofCharacters(text);
        NGramModel trigram = NGramModel.fit(3, text, v, 0.05);
        for (String context : List.of("", "t", "to", "be", "zz")) {
            double sum = Arrays.stream(trigram.distribution(v.encode(context))).sum();
            assertEquals(1.0, sum, 1e-12, "context '" + context + "'");
        }
    }

    @Test
    void samplingAtTemperatureZeroFollowsTheMostLikelyContinuation() {
        String text = "abcabcabcabc";
        Vocabulary v = Vocabulary.ofCharacters(text);
        NGramModel trigram = NGramModel.fit(3, text, v, 0.01);
        assertEquals("cabca", trigram.sample(v, "ab", 5, 0, 1));
        assertEquals(trigram.sample(v, "ab", 30, 1.0, 7), trigram.sample(v, "ab", 30, 1.0, 7), "seeded");
    }

    @Test
    void samplingStopsAtTheEndSymbol() {
        Vocabulary v = Vocabulary.ofCharacters("ab");
        int a = v.id("a"), b = v.id("b");
        NGramModel trigram = NGramModel.fit(3, new int[] {a, b, Vocabulary.EOS_ID, a, b, Vocabulary.EOS_ID},
                v.size(), 0.01);
        assertEquals("", trigram.sample(v, "ab", 10, 0, 1), "after 'ab' comes </s>, which ends the sample");
    }

    @Test
    void badInputIsNamed() {
        var zeroK = assertThrows(IllegalArgumentException.class, () -> NGramModel.fit(2, IDS, 3, 0));
        assertTrue(zeroK.getMessage().startsWith("k must be > 0"), zeroK.getMessage());
        var outside = assertThrows(IllegalArgumentException.class, () -> NGramModel.fit(2, new int[] {0, 3}, 3, 1));
        assertEquals("ids[1] must be an id in [0, V=3) but is 3", outside.getMessage());
        var features = assertThrows(IllegalArgumentException.class, () -> NGramModel.fit(2, IDS, 3, 1)
                .loss(List.of(Sequence.features(new float[][] {{1f}}, 0))));
        assertTrue(features.getMessage().startsWith("sequence 0 must hold token ids"), features.getMessage());
        var huge = assertThrows(IllegalArgumentException.class, () -> NGramModel.fit(20, IDS, 100, 1));
        assertTrue(huge.getMessage().contains("2^62"), huge.getMessage());
    }
}
