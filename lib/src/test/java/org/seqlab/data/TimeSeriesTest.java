package org.seqlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeSeriesTest {

    private static List<LocalDate> months(LocalDate first, int n) {
        List<LocalDate> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(first.plusMonths(i));
        return out;
    }

    @Test
    void aMissingMonthIsAnErrorNamingTheGapAndItsIndex() {
        List<LocalDate> dates = months(LocalDate.of(1953, 1, 1), 6);
        dates.remove(3);                                        // 1953-04-01 is gone
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TimeSeries("gappy", "v", dates, new double[] {1, 2, 3, 5, 6}));
        assertTrue(e.getMessage().contains("consecutive months"), e.getMessage());
        assertTrue(e.getMessage().contains("1953-05-01 (index 3) follows 1953-03-01; expected 1953-04-01 (1 month missing)"),
                e.getMessage());
    }

    @Test
    void aRepeatedMonthAndAMissingValueAreErrorsToo() {
        List<LocalDate> dates = months(LocalDate.of(2000, 1, 1), 3);
        dates.set(2, dates.get(1));
        IllegalArgumentException repeated = assertThrows(IllegalArgumentException.class,
                () -> new TimeSeries("twice", "v", dates, new double[] {1, 2, 3}));
        assertTrue(repeated.getMessage().contains("2000-02-01 (index 2) follows 2000-02-01"), repeated.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> new TimeSeries("hole", "v", months(LocalDate.of(2000, 1, 1), 3), new double[] {1, Double.NaN, 3}));
        assertTrue(nan.getMessage().contains("2000-02-01 (index 1) is NaN"), nan.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new TimeSeries("short", "v", months(LocalDate.of(2000, 1, 1), 3), new double[] {1, 2}));
    }

    @Test
    void annualSeriesAreConsecutiveYearsAndOtherSpacingsAreRefused() {
        List<LocalDate> years = List.of(LocalDate.of(1871, 1, 1), LocalDate.of(1872, 1, 1), LocalDate.of(1873, 1, 1));
        assertEquals(3, new TimeSeries("nile", "flow", years, new double[] {1, 2, 3}).length());
        List<LocalDate> quarters = List.of(LocalDate.of(2000, 1, 1), LocalDate.of(2000, 4, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TimeSeries("q", "v", quarters, new double[] {1, 2}));
        assertTrue(e.getMessage().contains("monthly or annual"), e.getMessage());
    }

    @Test
    void logRefusesZeroNamingTheDateAndEveryShippedMonthlySeriesLoads() {
        TimeSeries zero = new TimeSeries("z", "v", months(LocalDate.of(1800, 1, 1), 3), new double[] {4, 0, 2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, zero::log);
        assertTrue(e.getMessage().contains("1800-02-01 (index 1) is 0.0"), e.getMessage());
        TimeSeries air = Datasets.series("air-passengers");
        assertEquals(Math.log(112), air.log().values()[0], 1e-12);
        assertEquals(1949.0, air.years()[0], 0);
        assertEquals(1960 + 11 / 12.0, air.years()[143], 1e-12);
        assertEquals(120, air.indexOf(LocalDate.of(1959, 1, 1)));
        TimeSeries fifties = air.between(LocalDate.of(1950, 1, 1), LocalDate.of(1959, 12, 1));
        assertEquals(120, fifties.length());
        assertEquals(air.values()[12], fifties.values()[0]);
        assertThrows(IllegalArgumentException.class, () -> air.between(LocalDate.of(1961, 1, 1), LocalDate.of(1962, 1, 1)));
        for (String name : Datasets.seriesNames()) assertTrue(Datasets.series(name).length() > 50, name);
    }

    @Test
    void datesAreCopiedSoTheSeriesCannotBeChangedFromOutside() {
        List<LocalDate> dates = months(LocalDate.of(2000, 1, 1), 2);
        TimeSeries s = new TimeSeries("s", "v", dates, new double[] {1, 2});
        dates.clear();
        assertArrayEquals(new double[] {2000.0, 2000 + 1 / 12.0}, s.years(), 1e-12);
    }
}
