package org.seqlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.awt.Color;
import java.awt.Font;
import org.junit.jupiter.api.Test;

class StyleTest {
    @Test
    void theDivergingScaleIsWhiteAtZeroAndSaturatesAtTheLimit() {
        assertEquals(Style.DIVERGING[1], Style.diverging(0, 1));
        assertEquals(Style.DIVERGING[0], Style.diverging(-1, 1));
        assertEquals(Style.DIVERGING[2], Style.diverging(5, 1));
        assertEquals(Style.DIVERGING[1], Style.diverging(Double.NaN, 1));
    }

    @Test
    void theScaleIsSymmetric() {
        Color neg = Style.diverging(-0.5, 1);
        Color pos = Style.diverging(0.5, 1);
        assertNotEquals(neg, pos);
        assertEquals(Style.mix(Style.DIVERGING[1], Style.DIVERGING[0], 0.5), neg);
    }

    @Test
    void lineColoursCycleThroughOkabeIto() {
        assertEquals(new Color(0x0072B2), Style.color(0));
        assertEquals(Style.color(1), Style.color(1 + Style.PALETTE.length));
    }

    @Test
    void dejaVuIsInstalledSoChartsDoNotFallBackToAnotherFont() {
        assertEquals("DejaVu Sans", Style.font(13).getFamily());
        assertEquals("DejaVu Sans Mono", new Font(Style.MONO, Font.PLAIN, 12).getFamily());
    }
}
