package org.seqlab.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seqlab.data.Translation;
import tech.tablesaw.api.Table;

class TranslationAccuracyTest {
    static final List<Translation> PAIRS = List.of(new Translation("a", "1234"), new Translation("bb", "5678"),
            new Translation("ccc", "0000"));
    static final List<String> PREDICTED = List.of("1234", "5600", "00");

    @Test
    void characterAccuracyComparesPositionByPositionAndCountsMissingCharactersWrong() {
        assertEquals(1.0, TranslationAccuracy.characterAccuracy("1234", "1234"));
        assertEquals(0.5, TranslationAccuracy.characterAccuracy("5600", "5678"));
        assertEquals(0.5, TranslationAccuracy.characterAccuracy("00", "0000"));
        assertEquals(0.75, TranslationAccuracy.characterAccuracy("123456", "1235"));
    }

    @Test
    void scoresByHand() {
        TranslationAccuracy.Score s = TranslationAccuracy.score(PAIRS, PREDICTED);
        assertEquals(3, s.n());
        assertEquals(1 / 3.0, s.exactMatch(), 1e-15);
        assertEquals((1 + 0.5 + 0.5) / 3, s.characterAccuracy(), 1e-15);
        Map<String, TranslationAccuracy.Score> byLength = TranslationAccuracy.scores(PAIRS, PREDICTED,
                p -> String.valueOf(p.source().length() * 5));
        assertEquals(List.of("5", "10", "15"), List.copyOf(byLength.keySet()));       // numeric order
        assertEquals(0.5, byLength.get("10").characterAccuracy());
    }

    @Test
    void tableHasARowPerGroupAndAllAndErrorsListOnlyTheWrongOnes() {
        Map<String, List<String>> predictions = new LinkedHashMap<>();
        predictions.put("model", PREDICTED);
        predictions.put("rule", List.of("0000", "0000", "0000"));
        Table t = TranslationAccuracy.table("scores", "length", PAIRS, p -> String.valueOf(p.source().length()),
                predictions);
        assertEquals(4, t.rowCount());
        assertEquals("all", t.stringColumn("length").get(3));
        assertEquals(100.0 / 3, t.doubleColumn("rule exact %").get(3), 1e-12);
        Table errors = TranslationAccuracy.errors("errors", PAIRS, PREDICTED, p -> "g", 10);
        assertEquals(List.of("bb", "ccc"), errors.stringColumn("source").asList());
        assertEquals(List.of(2, 2), errors.intColumn("wrong characters").asList());
        assertThrows(IllegalArgumentException.class, () -> TranslationAccuracy.score(PAIRS, List.of("1")));
    }
}
