package org.seqlab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SaliencyTest {

    private static Map<String, double[]> twoClasses() {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("ei", new double[] {0.1, 0.5, 0.2, 0.1});
        m.put("ie", new double[] {0.3, 0.1, 0.1, 0.4});
        return m;
    }

    @Test
    void linesRunOverPositionsFromOneWithTheRegionsShadedFirst() {
        Chart c = Saliency.byPosition("saliency", twoClasses(), 2.5,
                List.of(new Saliency.Region("acceptor AG", 1, 2), new Saliency.Region("donor GT", 3, 4)));
        assertEquals(List.of("acceptor AG (1–2)", "donor GT (3–4)", "ei", "ie"),
                new ArrayList<>(c.chart().getSeriesMap().keySet()));
        assertArrayEquals(new double[] {1, 2, 3, 4}, c.chart().getSeriesMap().get("ei").getXData());
        assertArrayEquals(new double[] {0.5, 0.5, 2.5, 2.5}, c.chart().getSeriesMap().get("acceptor AG (1–2)").getXData());
        assertTrue(c.toImage().getWidth() > 0);
    }

    @Test
    void aRegionPastTheEndOrClassesOfDifferentLengthsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Saliency.byPosition("s",
                twoClasses(), Double.NaN, List.of(new Saliency.Region("late", 3, 5))));
        assertTrue(e.getMessage().contains("ends at 5, after the last position 4"), e.getMessage());
        Map<String, double[]> uneven = twoClasses();
        uneven.put("n", new double[] {1, 2});
        assertThrows(IllegalArgumentException.class, () -> Saliency.byPosition("s", uneven, 2.5, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Saliency.Region("backwards", 3, 2));
    }
}
