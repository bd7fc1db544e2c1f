package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionHistoryTest {
    private static SessionHistory history(String... inputs) {
        SessionHistory h = new SessionHistory();
        for (int i = 0; i < inputs.length; i++) {
            h.record(i + 1, inputs[i], inputs[i].replace("%time ", "magic(\"time\"); "));
        }
        return h;
    }

    private static List<Integer> lines(List<SessionHistory.Entry> entries) {
        return entries.stream().map(SessionHistory.Entry::line).toList();
    }

    @Test
    void tailGivesTheLastCellsOldestFirst() {
        SessionHistory h = history("int x = 1;", "x + 1", "x * 2");
        assertEquals(List.of(2, 3), lines(h.tail(2)));
        assertEquals(List.of(1, 2, 3), lines(h.tail(10)));
        assertEquals(List.of(), h.tail(0));
    }

    @Test
    void rangeTakesLinesFromStartUpToStopInTheCurrentSessionOnly() {
        SessionHistory h = history("a", "b", "c", "d");
        assertEquals(List.of(2, 3), lines(h.range(SessionHistory.SESSION, 2, 4)));
        assertEquals(List.of(2, 3), lines(h.range(0, 2, 4)), "session 0 is the current one");
        assertEquals(List.of(3, 4), lines(h.range(0, 3, 0)), "stop 0 runs to the end");
        assertEquals(List.of(), h.range(-1, 1, 0), "there is no earlier session");
        assertEquals(List.of(), h.range(SessionHistory.SESSION + 1, 1, 0));
    }

    @Test
    void searchMatchesTheWholeInputWithGlobWildcards() {
        SessionHistory h = history("Math.abs(-42)", "Math.max(1, 2)", "int x = 1;", "Math.abs(-42)");
        assertEquals(List.of(1, 4), lines(h.search("Math.abs*", 0, false, true)));
        assertEquals(List.of(1, 2, 4), lines(h.search("Math.???(*", 0, false, true)));
        assertEquals(List.of(), h.search("abs", 0, false, true), "a pattern without * matches whole inputs only");
        assertEquals(List.of(), h.search("math.abs*", 0, false, true), "matching is case-sensitive");
        assertEquals(List.of(1, 2, 3, 4), lines(h.search("", 0, false, true)));
    }

    @Test
    void uniqueKeepsEachInputOnceAtItsLatestRunAndNKeepsTheLastMatches() {
        SessionHistory h = history("a = 1", "b = 2", "a = 1", "a = 1", "b = 2");
        assertEquals(List.of(4, 5), lines(h.search("? = ?", 0, true, true)));
        assertEquals(List.of(3, 4, 5), lines(h.search("? = ?", 3, false, true)));
        assertEquals(List.of(5), lines(h.search("? = ?", 1, true, true)));
    }

    @Test
    void searchCanMatchTheTransformedInput() {
        SessionHistory h = history("%time x + 1");
        assertEquals(List.of(), h.search("magic*", 0, false, true));
        assertEquals(List.of(1), lines(h.search("magic*", 0, false, false)));
    }

    @Test
    void globSetsAndLiteralRegexCharacters() {
        assertTrue(SessionHistory.glob("x[0-9]").matcher("x7").matches());
        assertFalse(SessionHistory.glob("x[^0-9]").matcher("x7").matches());
        assertTrue(SessionHistory.glob("a.b(c)+$").matcher("a.b(c)+$").matches());
        assertFalse(SessionHistory.glob("a.b").matcher("axb").matches());
        assertTrue(SessionHistory.glob("*\n*").matcher("int x;\nint y;").matches(), "* spans lines");
    }

    @Test
    void anEntryInReplyFormIsSessionLineAndInputOrAnInputOutputPair() {
        SessionHistory.Entry e = new SessionHistory.Entry(7, "%time x", "magic(x)");
        assertEquals(List.of(SessionHistory.SESSION, 7, "%time x"), e.toReply(true, false));
        assertEquals(List.of(SessionHistory.SESSION, 7, "magic(x)"), e.toReply(false, false));
        assertEquals(List.of(SessionHistory.SESSION, 7, Arrays.asList("%time x", null)), e.toReply(true, true));
    }
}
