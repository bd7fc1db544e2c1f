package org.seqlab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class UnitsTest {
    @Test
    void theUnitsPlantedToTrackTheFeatureComeFirstWithTheirSign() {
        String text = "he said \"hello there\" and left; \"bye\" she said.";
        double[] f = Units.insideQuotes(text);
        Random rng = new Random(1);
        double[][] a = new double[text.length()][6];
        for (int t = 0; t < a.length; t++) {
            for (int j = 0; j < 6; j++) a[t][j] = 0.3 * rng.nextGaussian();
            a[t][4] = f[t] + 0.05 * rng.nextGaussian();  // tracks quotes
            a[t][1] = -f[t] + 0.3 * rng.nextGaussian();  // anti-tracks, noisier
        }
        List<Units.Correlation> top = Units.topCorrelated(Nd4j.create(a).castTo(DataType.FLOAT), f, 2);
        assertEquals(4, top.get(0).unit());
        assertEquals(1, top.get(1).unit());
        assertEquals(1.0, top.get(0).r(), 0.02);
        assertEquals(-0.9, top.get(1).r(), 0.1);
    }

    @Test
    void pearsonMatchesAHandComputedCaseAndIsZeroForAConstant() {
        // x = 1 2 3, y = 1 3 2: r = (−1·−1 + 0 + 1·0) / sqrt(2 · 2) = 0.5
        assertEquals(0.5, Units.pearson(new double[] {1, 2, 3}, new double[] {1, 3, 2}), 1e-12);
        assertEquals(0.0, Units.pearson(new double[] {1, 1, 1}, new double[] {1, 3, 2}));
    }

    @Test
    void featuresOfText() {
        assertArrayEquals(new double[] {0, 0, 0, 0, 1, 1, 1, 1, 0}, Units.insideQuotes("say \"hi\"!"));
        assertArrayEquals(new double[] {0, 1, 2, 0, 1}, Units.linePosition("ab\ncd"));
        assertArrayEquals(new double[] {0, 0, 1, 1, 2, 1, 0}, Units.nestingDepth("f(a(b))", '(', ')'));
    }

    @Test
    void aFeatureOfTheWrongLengthIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Units.topCorrelated(Nd4j.zeros(5, 3), new double[4], 1));
    }
}
