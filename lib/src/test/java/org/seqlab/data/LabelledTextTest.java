package org.seqlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelledTextTest {
    private static List<LabelledText> data() {
        List<LabelledText> d = new ArrayList<>();
        for (int i = 0; i < 30; i++) d.add(new LabelledText("w" + i, i < 20 ? "big" : "small"));
        return d;
    }

    @Test
    void aSplitKeepsEveryTextOnceAndEachClassesShare() {
        LabelledText.Split s = LabelledText.split(data(), 0.8, 7);
        assertEquals(24, s.train().size());
        assertEquals(6, s.test().size());
        assertEquals(16, s.train().stream().filter(t -> t.label().equals("big")).count());
        assertEquals(8, s.train().stream().filter(t -> t.label().equals("small")).count());
        var all = new HashSet<>(s.train());
        all.addAll(s.test());
        assertEquals(new HashSet<>(data()), all);
    }

    @Test
    void theSameSeedGivesTheSameSplit() {
        assertEquals(LabelledText.split(data(), 0.5, 1), LabelledText.split(data(), 0.5, 1));
        assertNotEquals(LabelledText.split(data(), 0.5, 1).test(), LabelledText.split(data(), 0.5, 2).test());
        assertTrue(LabelledText.split(data(), 0.5, 1).train().stream().anyMatch(t -> t.label().equals("small")));
        assertThrows(IllegalArgumentException.class, () -> LabelledText.split(data(), 1.0, 1));
    }

    @Test
    void shufflingCharactersKeepsEachTextsLettersAndLabelButNotItsOrder() {
        List<LabelledText> data = List.of(new LabelledText("AAAACCCCGGGGTTTT", "ei"), new LabelledText("ACGTACGTACGT", "n"));
        List<LabelledText> shuffled = LabelledText.shuffleCharacters(data, 7);
        for (int i = 0; i < data.size(); i++) {
            assertEquals(data.get(i).label(), shuffled.get(i).label());
            char[] a = data.get(i).text().toCharArray(), b = shuffled.get(i).text().toCharArray();
            java.util.Arrays.sort(a);
            java.util.Arrays.sort(b);
            assertArrayEquals(a, b);
        }
        assertNotEquals(data.get(0).text(), shuffled.get(0).text());
        assertEquals(shuffled, LabelledText.shuffleCharacters(data, 7));
    }
}
