package org.seqlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeatmapTest {
    @Test
    void labelStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(1, Heatmap.nice(1));
        assertEquals(2, Heatmap.nice(2));
        assertEquals(5, Heatmap.nice(3));
        assertEquals(10, Heatmap.nice(6));
        assertEquals(50, Heatmap.nice(21));
    }

    @Test
    void theColourLimitIsRoundedUpToTwoSignificantDigits() {
        assertEquals(0.97, Heatmap.roundUp(0.964), 1e-12);
        assertEquals(2.5, Heatmap.roundUp(2.41), 1e-12);
        assertEquals(1.0, Heatmap.roundUp(1.0), 1e-12);
        assertEquals(1.0, Heatmap.roundUp(0), 1e-12);
        assertEquals(3.4, Heatmap.roundUp(3.36), 0, "the double nearest 3.4, not 3.4000000000000004");
    }

    @Test
    void panelsMustBeRectangularAndMatchTheirSymbols() {
        double[][] ragged = {{1, 2}, {3}};
        assertThrows(IllegalArgumentException.class,
                () -> Heatmap.of(List.of(new Heatmap.Panel("h", ragged, List.of())), 300, 200));
        double[][] ok = {{1, 2}, {3, 4}};
        assertThrows(IllegalArgumentException.class,
                () -> Heatmap.of(List.of(new Heatmap.Panel("h", ok, List.of("a"))), 300, 200));
    }

    @Test
    void aDoubleMatrixDrawsAtTheRequestedSize() {
        double[][] m = {{-1, 0.5}, {0.2, 1}, {0, -0.3}};
        Pixels.check(Heatmap.of(List.of(new Heatmap.Panel("h", m, List.of("x", "y", "z"))), 400, 250),
                400, 250, "heatmap-small.png");
    }
}
