package org.seqlab.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqlab.data.Tasks;
import org.seqlab.data.Translation;

class DateDigitCopyTest {
    @Test
    void copiesYearDayAndMonthWhereTheyAreDigits() {
        assertEquals("1999-03-04", DateDigitCopy.translate("04.03.1999"));
        assertEquals("1999-03-04", DateDigitCopy.translate("3/4/1999"));          // US order: month first
        assertEquals("2012-01-23", DateDigitCopy.translate("the 23rd of march, 2012"));   // month unknown: 01
        assertEquals("1999-01-03", DateDigitCopy.translate("3 mar 99"));          // two-digit year, 50–99 → 19yy
        assertEquals("2003-01-07", DateDigitCopy.translate("Jul. 7, '03"));       // 00–49 → 20yy
        assertEquals("1987-01-05", DateDigitCopy.translate("1987 may 5"));
        assertEquals("0000-01-00", DateDigitCopy.translate("no digits"));
    }

    @Test
    void isExactOnTheNumericFormatsAndAlwaysWritesTenCharacters() {
        for (Translation p : Tasks.dates(600, 3)) {
            String y = DateDigitCopy.translate(p.source());
            assertEquals(10, y.length(), p.source());
            String format = Tasks.dateFormat(p);
            if (format.equals("dd.mm.yyyy") || format.equals("m/d/yyyy")) assertEquals(p.target(), y, p.source());
            assertEquals(p.target().substring(0, 4), y.substring(0, 4), "the year of " + p.source());
            assertEquals(p.target().substring(8), y.substring(8), "the day of " + p.source());
        }
        assertEquals(List.of("1999-03-04"), DateDigitCopy.translate(List.of("04.03.1999")));
        assertTrue(Tasks.dateFormats().contains("dd.mm.yyyy"));
    }
}
