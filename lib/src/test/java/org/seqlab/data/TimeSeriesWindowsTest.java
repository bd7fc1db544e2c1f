package org.seqlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimeSeriesWindowsTest {

    /** s[i] = i, so a window's scaled values tell which indices it used. */
    private static double[] ramp(int n) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) s[i] = i;
        return s;
    }

    private static int index(TimeSeriesWindows.Split split, float scaled) {
        return (int) Math.round(split.scaler().invert(scaled));
    }

    @Test
    void windowsHoldWInputsAndTheNextHValues() {
        TimeSeriesWindows.Split s = TimeSeriesWindows.of(ramp(100), 12, 3).scaling(TimeSeriesWindows.Scaling.NONE)
                .split(0.6, 0.2);
        Sequence first = s.train().get(0);
        assertEquals(12, first.length());
        assertEquals(0f, first.x()[0][0]);
        assertEquals(11f, first.x()[11][0]);
        assertEquals(List.of(12f, 13f, 14f), List.of(first.y()[0][0], first.y()[0][1], first.y()[0][2]));
        assertEquals(Sequence.Target.VALUES, first.target());
    }

    @Test
    void noWindowPredictsAValueOfALaterPartAndNoTargetIsSeenEarlier() {
        TimeSeriesWindows.Split s = TimeSeriesWindows.of(ramp(200), 10, 4).split(0.7, 0.15);
        assertEquals(140, s.trainEnd());
        assertEquals(170, s.validationEnd());
        for (Sequence w : s.train()) assertTrue(index(s, w.y()[0][3]) < 140);
        for (Sequence w : s.validation()) {
            assertTrue(index(s, w.y()[0][0]) >= 140 && index(s, w.y()[0][3]) < 170);
            assertTrue(index(s, w.x()[9][0]) < index(s, w.y()[0][0]), "inputs come before targets");
        }
        for (Sequence w : s.test()) assertTrue(index(s, w.y()[0][0]) >= 170);
        assertEquals(140 - 10 - 4 + 1, s.train().size());
        assertEquals(30 - 4 + 1, s.validation().size());
        assertEquals(30 - 4 + 1, s.test().size());
    }

    @Test
    void theScalerIsFittedOnTheTrainingPartOnly() {
        TimeSeriesWindows.Split s = TimeSeriesWindows.of(ramp(100), 5, 1).split(0.5, 0.25);
        assertEquals(24.5, s.scaler().shift(), 1e-9, "mean of 0..49");
        assertEquals(Math.sqrt((50 * 50 - 1) / 12.0), s.scaler().scale(), 1e-9);
        TimeSeriesWindows.Split m = TimeSeriesWindows.of(ramp(100), 5, 1).scaling(TimeSeriesWindows.Scaling.MIN_MAX)
                .split(0.5, 0.25);
        assertEquals(-1.0, m.scaler().apply(0), 1e-9);
        assertEquals(1.0, m.scaler().apply(49), 1e-9);
    }

    @Test
    void invertingTheScalerGivesTheOriginalUnits() {
        TimeSeries air = Datasets.series("air-passengers");
        TimeSeriesWindows.Split s = air.windows(12, 1).split(0.7, 0.1);
        assertEquals(air.values()[12], s.scaler().invert(s.train().get(0).y()[0][0]), 1e-3);
    }

    @Test
    void aSplitKeepsTheSeriesItsWindowAndItsHorizon() {
        double[] series = new double[40];
        for (int i = 0; i < series.length; i++) series[i] = 100 + i;
        TimeSeriesWindows.Split s = TimeSeriesWindows.of(series, 5, 2).split(0.5, 0.25);
        assertEquals(5, s.window());
        assertEquals(2, s.horizon());
        assertEquals(40, s.series().length);
        assertEquals(100 + 39, s.series()[39], 0);
        assertEquals(5, s.train().get(0).length());
        assertEquals(2, s.train().get(0).y()[0].length);
    }
}
