package org.seqlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TasksTest {

    private static String fingerprint(List<Sequence> data) {
        StringBuilder s = new StringBuilder();
        for (Sequence q : data) s.append(Arrays.deepToString(q.x())).append(Arrays.deepToString(q.y()));
        return s.toString();
    }

    @Test
    void everyGeneratorRepeatsItselfForASeedAndChangesWithIt() {
        assertEquals(fingerprint(Tasks.adding(5, 20, 1)), fingerprint(Tasks.adding(5, 20, 1)));
        assertTrue(!fingerprint(Tasks.adding(5, 20, 1)).equals(fingerprint(Tasks.adding(5, 20, 2))));
        assertEquals(fingerprint(Tasks.copy(5, 4, 10, 1)), fingerprint(Tasks.copy(5, 4, 10, 1)));
        assertEquals(fingerprint(Tasks.parity(5, 9, 1)), fingerprint(Tasks.parity(5, 9, 1)));
        assertEquals(fingerprint(Tasks.counting(5, 9, 1)), fingerprint(Tasks.counting(5, 9, 1)));
        assertEquals(fingerprint(Tasks.noisySine(5, 9, 0.1, 1)), fingerprint(Tasks.noisySine(5, 9, 0.1, 1)));
        assertEquals(fingerprint(Tasks.dnaMotif(5, 30, "TATA", 1)), fingerprint(Tasks.dnaMotif(5, 30, "TATA", 1)));
        assertEquals(fingerprint(Tasks.sortedOrShuffled(6, 8, 1)), fingerprint(Tasks.sortedOrShuffled(6, 8, 1)));
        assertEquals(fingerprint(Tasks.trend(5, 8, 1)), fingerprint(Tasks.trend(5, 8, 1)));
        assertEquals(fingerprint(Tasks.recall(5, 12, 1, 10, 1)), fingerprint(Tasks.recall(5, 12, 1, 10, 1)));
        assertTrue(!fingerprint(Tasks.recall(5, 12, 1, 10, 1)).equals(fingerprint(Tasks.recall(5, 12, 1, 10, 2))));
        assertEquals(Tasks.dates(20, 3), Tasks.dates(20, 3));
    }

    @Test
    void theAddingTargetIsTheSumOfTheTwoMarkedValuesOneInEachHalf() {
        for (Sequence s : Tasks.adding(50, 30, 7)) {
            float sum = 0;
            int marks = 0;
            int firstHalf = 0;
            for (int t = 0; t < 30; t++) {
                if (s.x()[t][1] == 1f) {
                    sum += s.x()[t][0];
                    marks++;
                    if (t < 15) firstHalf++;
                }
            }
            assertEquals(2, marks);
            assertEquals(1, firstHalf);
            assertEquals(sum, s.y()[0][0], 1e-6);
        }
        assertArrayEquals(new long[] {30, 50, 2}, Batcher.batch(Tasks.adding(50, 30, 7)).x().shape());
    }

    @Test
    void theCopyTargetRepeatsTheSymbolsAfterTheMarker() {
        Sequence s = Tasks.copy(1, 3, 5, 4).get(0);
        int[] x = s.ids();
        int[] y = Arrays.stream(s.y()).mapToInt(r -> (int) r[0]).toArray();
        assertEquals(11, x.length);
        assertEquals(Tasks.COPY_MARKER, x[7]);
        assertArrayEquals(Arrays.copyOfRange(x, 0, 3), Arrays.copyOfRange(y, 8, 11));
        assertArrayEquals(new int[8], Arrays.copyOfRange(y, 0, 8));
        assertArrayEquals(new int[4], Arrays.copyOfRange(x, 3, 7));
        assertArrayEquals(new int[3], Arrays.copyOfRange(x, 8, 11));
        assertTrue(Arrays.stream(x, 0, 3).allMatch(v -> v >= 1 && v <= 8));
    }

    @Test
    void theRecallClassIsTheSymbolTheQueryPointsBackTo() {
        Set<Integer> distances = new HashSet<>();
        for (Sequence s : Tasks.recall(300, 12, 2, 9, 3)) {
            int[] x = s.ids();
            assertEquals(13, x.length);
            int d = x[12] - Tasks.RECALL_SYMBOLS;
            assertTrue(d >= 2 && d <= 9, "distance " + d);
            distances.add(d);
            assertEquals(x[12 - d] - 1, s.label());
            assertTrue(Arrays.stream(x, 0, 12).allMatch(v -> v >= 1 && v <= Tasks.RECALL_SYMBOLS));
            assertTrue(x[12] < Tasks.recallVocabulary(9));
        }
        assertEquals(8, distances.size(), "every distance 2 .. 9 occurs");
        for (Sequence s : Tasks.recall(20, 12, 5, 5, 4)) assertEquals(Tasks.RECALL_SYMBOLS + 5, s.ids()[12]);
        var e = assertThrows(IllegalArgumentException.class, () -> Tasks.recall(1, 12, 1, 13, 1));
        assertTrue(e.getMessage().contains("length = 12"), e.getMessage());
    }

    @Test
    void parityAndCountingLabelsMatchTheBits() {
        for (Sequence s : Tasks.parity(30, 11, 2)) {
            int ones = (int) Arrays.stream(s.x()).mapToDouble(r -> r[0]).sum();
            assertEquals(ones % 2, s.label());
        }
        Set<Integer> lengths = new HashSet<>();
        for (Sequence s : Tasks.counting(200, 12, 2)) {
            lengths.add(s.length());
            assertEquals(Arrays.stream(s.x()).mapToDouble(r -> r[0]).sum(), s.y()[0][0], 0);
        }
        assertEquals(12, lengths.size(), "lengths 1..12 all occur, so batches need masks");
    }

    @Test
    void theNoisySineTargetIsTheCleanNextValue() {
        Sequence clean = Tasks.noisySine(1, 50, 0.0, 3).get(0);
        for (int t = 0; t + 1 < 50; t++) assertEquals(clean.x()[t + 1][0], clean.y()[t][0], 1e-5);
    }

    @Test
    void theMotifIsInEveryPositiveAndInNoNegative() {
        List<Sequence> data = Tasks.dnaMotif(200, 40, "TATAAT", 5);
        int positives = 0;
        for (Sequence s : data) {
            String bases = Tasks.DNA.decode(s.ids());
            assertEquals(40, bases.length());
            assertEquals(s.label() == 1, bases.contains("TATAAT"));
            positives += s.label();
        }
        assertTrue(positives > 70 && positives < 130, "about half are positive: " + positives);
    }

    @Test
    void sortedAndShuffledPairsHoldTheSameValuesInADifferentOrder() {
        List<Sequence> data = Tasks.sortedOrShuffled(10, 6, 8);
        for (int i = 0; i < 10; i += 2) {
            float[] sorted = column(data.get(i));
            float[] shuffled = column(data.get(i + 1));
            assertEquals(1, data.get(i).label());
            assertEquals(0, data.get(i + 1).label());
            float[] resorted = shuffled.clone();
            Arrays.sort(resorted);
            assertArrayEquals(sorted, resorted);
            assertTrue(!Arrays.equals(sorted, shuffled));
        }
    }

    private static float[] column(Sequence s) {
        float[] v = new float[s.length()];
        for (int t = 0; t < v.length; t++) v[t] = s.x()[t][0];
        return v;
    }

    @Test
    void shufflingInTimeKeepsValuesAndLabelsButNotOrder() {
        List<Sequence> trend = Tasks.trend(20, 30, 4);
        List<Sequence> shuffled = Tasks.shuffledInTime(trend, 4);
        for (int i = 0; i < trend.size(); i++) {
            float[] a = column(trend.get(i));
            float[] b = column(shuffled.get(i));
            assertEquals(trend.get(i).label(), shuffled.get(i).label());
            float[] sa = a.clone();
            float[] sb = b.clone();
            Arrays.sort(sa);
            Arrays.sort(sb);
            assertArrayEquals(sa, sb);
        }
        long up = trend.stream().filter(s -> s.label() == 1).count();
        assertTrue(up > 3 && up < 17);
    }

    @Test
    void theMeanOfATrendSeriesDoesNotGiveAwayItsSign() {
        double[] sum = new double[2];
        int[] count = new int[2];
        double separation = 0;
        for (Sequence s : Tasks.trend(4000, 20, 9)) {
            double mean = 0;
            for (float v : column(s)) mean += v / 20.0;
            sum[s.label()] += mean;
            count[s.label()]++;
            // The first-minus-last difference, which needs the order, does separate the classes.
            float[] v = column(s);
            separation += (s.label() == 1 ? 1 : -1) * (v[19] - v[0]) / 4000.0;
        }
        double gap = Math.abs(sum[1] / count[1] - sum[0] / count[0]);
        assertTrue(gap < 0.1, "class means of the series' means differ by " + gap);
        assertTrue(separation > 0.5, "the order-aware statistic separates the classes by only " + separation);
    }

    @Test
    void everyDateTranslatesToItsIsoForm() {
        for (Translation t : Tasks.dates(300, 11)) {
            LocalDate d = LocalDate.parse(t.target());
            assertTrue(!d.isBefore(LocalDate.of(1950, 1, 1)) && !d.isAfter(LocalDate.of(2049, 12, 31)));
            assertTrue(t.source().codePoints().allMatch(c -> Tasks.DATE_SOURCE.contains(Character.toString(c))),
                    t.source());
            assertEquals(t.source(), Tasks.DATE_SOURCE.decode(Tasks.DATE_SOURCE.encode(t.source())));
        }
        Set<String> shapes = new HashSet<>();
        for (Translation t : Tasks.dates(500, 12)) shapes.add(t.source().replaceAll("[0-9]", "9").replaceAll("[a-z]+", "a"));
        assertTrue(shapes.size() >= 10, "many formats: " + shapes);
        assertEquals(4 + 10 + 1, Tasks.DATE_TARGET.size(), "special symbols, digits and '-'");
    }

    @Test
    void everyDateNamesTheFormatThatWroteIt() {
        Set<String> seen = new HashSet<>();
        for (Translation t : Tasks.dates(600, 13)) {
            String f = Tasks.dateFormat(t);
            assertTrue(Tasks.dateFormats().contains(f), t + " has format " + f);
            seen.add(f);
        }
        assertEquals(Set.copyOf(Tasks.dateFormats()), seen);
        assertEquals(12, Tasks.dateFormats().size());
        assertEquals("other", Tasks.dateFormat(new Translation("3 March", "1999-03-03")));
        assertEquals("other", Tasks.dateFormat(new Translation("3 March", "not a date")));
    }
}
