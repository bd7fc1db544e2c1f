package org.seqlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpectrogramTest {
    private static float[][] ramp(int t, int d) {
        float[][] x = new float[t][d];
        for (int i = 0; i < t; i++) for (int m = 0; m < d; m++) x[i][m] = i - m;
        return x;
    }

    @Test
    void clipsAreLaidOutTwoPerRowOnOneColourScaleWithTimeInSeconds() {
        Map<String, float[][]> clips = new LinkedHashMap<>();
        clips.put("one", ramp(30, 20));
        clips.put("two", ramp(45, 20));
        clips.put("three", ramp(12, 20));
        Spectrogram s = Spectrogram.of(clips, 0.010, "ln energy");
        BufferedImage image = s.toImage();
        assertEquals(2 * Spectrogram.PANEL_WIDTH, image.getWidth());
        assertEquals(2 * Spectrogram.PANEL_HEIGHT, image.getHeight());
        assertEquals(3, s.charts().size());
        var second = s.charts().get(1);
        assertEquals("time (s)", second.getXAxisTitle());
        assertEquals("mel band", second.getYAxisTitle());
        List<?> times = second.getSeriesMap().values().iterator().next().getXData();
        assertEquals(45, times.size());
        assertEquals("0.0", times.get(0));
        assertEquals("0.1", times.get(10));
        assertEquals("0.4", times.get(40));
        // one scale for all: from the lowest value (0 − 19) to the highest (44 − 0)
        assertEquals(-19, second.getStyler().getMin(), 1e-9);
        assertEquals(44, s.charts().get(2).getStyler().getMax(), 1e-9);
        assertTrue(s.describe().contains("[one, two, three]"), s.describe());
        int centre = image.getRGB(Spectrogram.PANEL_WIDTH / 2, Spectrogram.PANEL_HEIGHT / 2);
        assertNotEquals(0xFFFFFFFF, centre, "the heatmap is drawn, not a blank panel");
    }

    @Test
    void aClipOfNoFramesOrRaggedFramesIsAClearError() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Spectrogram.of("empty", new float[0][20], 0.010, "ln energy"));
        assertTrue(e.getMessage().contains("'empty' has no frames"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Spectrogram.of("ragged", new float[][] {{1, 2}, {3}}, 0.010, "ln energy"));
        assertTrue(e.getMessage().contains("D=2 bands but frame t = 2 of 'ragged' has 1"), e.getMessage());
    }
}
