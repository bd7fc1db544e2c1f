package org.seqlab.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.seqlab.data.LabelledText;

/** KmerBag, PositionWeights, MajorityClass and their naive Bayes core. */
class DnaBaselinesTest {

    private static String random(Random rng, int n, String alphabet) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) s.append(alphabet.charAt(rng.nextInt(alphabet.length())));
        return s.toString();
    }

    /** Class "x" carries "GT" after {@code flank} random bases, class "y" "TG"; the composition is the same. */
    private static List<LabelledText> planted(int n, long seed) {
        return planted(n, seed, 10);
    }

    private static List<LabelledText> planted(int n, long seed, int flank) {
        Random rng = new Random(seed);
        List<LabelledText> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean x = rng.nextBoolean();
            String s = random(rng, flank, "ACGT") + (x ? "GT" : "TG") + random(rng, flank, "ACGT");
            out.add(new LabelledText(s, x ? "x" : "y"));
        }
        return out;
    }

    @Test
    void naiveBayesMatchesAHandComputedCase() {
        // class 0: counts [3, 1], class 1: [0, 2]; α = 1 → θ_0 = [4/6, 2/6], θ_1 = [1/4, 3/4]; priors 1/2 each
        NaiveBayes nb = NaiveBayes.fit(new double[][] {{3, 1}, {0, 2}}, new int[] {0, 1}, 2, 1.0);
        double[] s = nb.scores(new double[] {1, 1});
        assertEquals(Math.log(0.5) + Math.log(4.0 / 6) + Math.log(2.0 / 6), s[0], 1e-12);
        assertEquals(Math.log(0.5) + Math.log(1.0 / 4) + Math.log(3.0 / 4), s[1], 1e-12);
        assertEquals(0, nb.predict(new double[] {2, 0}));
        assertEquals(1, nb.predict(new double[] {0, 2}));
    }

    @Test
    void kmerCountsCountOverlappingWindowsAndSpreadAmbiguityCodes() {
        double[] two = KmerBag.counts("ACGT", 2);
        assertEquals(16, two.length);
        double[] expected = new double[16];
        expected[1] = 1;    // AC
        expected[6] = 1;    // CG
        expected[11] = 1;   // GT
        assertArrayEquals(expected, two);
        assertEquals("AC", KmerBag.kmer(1, 2));
        assertEquals("GT", KmerBag.kmer(11, 2));
        double[] an = KmerBag.counts("AN", 2);
        for (int j = 0; j < 4; j++) assertEquals(0.25, an[j], 1e-7, KmerBag.kmer(j, 2));
        assertEquals(1.0, java.util.Arrays.stream(an).sum(), 1e-6);
        assertEquals(0.0, java.util.Arrays.stream(KmerBag.counts("A", 2)).sum());
    }

    @Test
    void theOneMerBagPredictsExactlyTheSameOnShuffledSequences() {
        List<LabelledText> data = new ArrayList<>();
        Random rng = new Random(4);
        for (int i = 0; i < 200; i++) {
            boolean gc = rng.nextBoolean();
            data.add(new LabelledText(random(rng, 30, gc ? "ACGGCCGT" : "AACGTTAT"), gc ? "gc" : "at"));
        }
        KmerBag one = KmerBag.fit(1, data.subList(0, 150), 1.0);
        List<LabelledText> test = data.subList(150, 200);
        List<LabelledText> shuffled = LabelledText.shuffleCharacters(test, 9);
        assertArrayEquals(one.predict(test), one.predict(shuffled));
        assertTrue(one.accuracy(test) > 0.9, "composition separates the classes: " + one.accuracy(test));
        KmerBag three = KmerBag.fit(3, data.subList(0, 150), 1.0);
        assertEquals(3, three.k());
        assertEquals("3-mer bag", three.name());
    }

    @Test
    void aTwoMerBagFindsAPlantedDinucleotideThatTheOneMerBagCannotSee() {
        List<LabelledText> train = planted(2000, 1, 1), test = planted(1000, 2, 1);   // 4 bases: xGTx or xTGx
        double one = KmerBag.fit(1, train, 1.0).accuracy(test);
        double two = KmerBag.fit(2, train, 1.0).accuracy(test);
        assertTrue(one < 0.6, "GT and TG have the same bases: " + one);
        assertTrue(two > 0.75, "GT against TG is a 2-mer: " + two);
    }

    @Test
    void positionWeightsFindAPlantedBaseAtItsPositionAndRefuseAnotherLength() {
        List<LabelledText> train = planted(400, 3), test = planted(200, 4);
        PositionWeights pw = PositionWeights.fit(train, 1.0);
        assertEquals(22, pw.length());
        assertEquals(1.0, pw.accuracy(test));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pw.predict("ACGT"));
        assertTrue(e.getMessage().contains("has 4 bases but position weights are fitted to sequences of 22"),
                e.getMessage());
    }

    @Test
    void theMajorityClassScoresItsShareOfTheTestData() {
        List<LabelledText> train = List.of(new LabelledText("A", "n"), new LabelledText("C", "n"),
                new LabelledText("G", "ei"));
        MajorityClass m = MajorityClass.fit(train);
        assertEquals("majority class (n)", m.name());
        assertEquals(List.of("ei", "n"), m.classes());
        List<LabelledText> test = List.of(new LabelledText("T", "ei"), new LabelledText("T", "n"),
                new LabelledText("T", "n"), new LabelledText("T", "n"));
        assertEquals(0.75, m.accuracy(test));
        assertEquals(3, m.confusion(test).counts()[1][1]);
    }

    @Test
    void aCharacterOutsideTheAlphabetIsNamedWithItsPosition() {
        KmerBag bag = KmerBag.fit(2, planted(20, 5), 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bag.predict("ACGUA"));
        assertTrue(e.getMessage().contains("position 4 (counting from 1) holds 'U'"), e.getMessage());
        IllegalArgumentException fit = assertThrows(IllegalArgumentException.class,
                () -> KmerBag.fit(1, List.of(new LabelledText("AC", "x"), new LabelledText("A?", "y")), 1.0));
        assertTrue(fit.getMessage().startsWith("training sequence 1: "), fit.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KmerBag.fit(0, planted(5, 1), 1.0));
    }
}
