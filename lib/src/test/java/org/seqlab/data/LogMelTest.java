package org.seqlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogMelTest {

    @Test
    void theFftAgreesWithTheDefinitionOfTheDft() {
        int n = 16;
        double[] re = new double[n];
        double[] im = new double[n];
        java.util.Random rng = new java.util.Random(1);
        for (int i = 0; i < n; i++) re[i] = rng.nextGaussian();
        double[] x = re.clone();
        LogMel.fft(re, im);
        for (int k = 0; k < n; k++) {
            double sr = 0;
            double si = 0;
            for (int t = 0; t < n; t++) {
                sr += x[t] * Math.cos(-2 * Math.PI * k * t / n);
                si += x[t] * Math.sin(-2 * Math.PI * k * t / n);
            }
            assertEquals(sr, re[k], 1e-9);
            assertEquals(si, im[k], 1e-9);
        }
    }

    @Test
    void oneSecondGives98FramesOf25MillisecondsEvery10() {
        assertEquals(98, LogMel.frameCount(16_000));
        assertEquals(1, LogMel.frameCount(100));
        assertEquals(98, LogMel.frames(new float[16_000], 20).length);
    }

    @Test
    void aPureToneLightsUpTheFilterCentredNearItsFrequency() {
        float[] tone = new float[8_000];
        for (int n = 0; n < tone.length; n++) tone[n] = (float) (0.5 * Math.sin(2 * Math.PI * 1_000 * n / 16_000.0));
        float[] frame = LogMel.frames(tone, 20)[10];
        int loudest = 0;
        for (int m = 1; m < 20; m++) if (frame[m] > frame[loudest]) loudest = m;
        double lo = LogMel.mel(LogMel.LOW_HZ);
        double hi = LogMel.mel(LogMel.HIGH_HZ);
        int nearest = 0;
        for (int m = 0; m < 20; m++) {
            double centre = LogMel.hz(lo + (hi - lo) * (m + 1) / 21);
            double best = LogMel.hz(lo + (hi - lo) * (nearest + 1) / 21);
            if (Math.abs(centre - 1_000) < Math.abs(best - 1_000)) nearest = m;
        }
        assertEquals(nearest, loudest);
    }

    @Test
    void melAndHertzAreInverses() {
        for (double h : new double[] {0, 20, 700, 1_000, 7_600}) assertEquals(h, LogMel.hz(LogMel.mel(h)), 1e-9);
        assertEquals(1_000, LogMel.mel(1_000), 0.5, "1 kHz is about 1,000 mel");
    }

    @Test
    void audioShorterThanOneWindowGivesOneFrameOfThePreEmphasisedAudioZeroPadded() {
        float[] shortClip = new float[250];
        for (int n = 0; n < shortClip.length; n++) shortClip[n] = (float) Math.sin(n / 3.0);
        shortClip[shortClip.length - 1] = 0;   // so pre-emphasis sees the same step into the padding either way
        float[] padded = java.util.Arrays.copyOf(shortClip, LogMel.WINDOW);
        float[][] frames = LogMel.frames(shortClip, 20);
        assertEquals(1, frames.length);
        org.junit.jupiter.api.Assertions.assertArrayEquals(LogMel.frames(padded, 20)[0], frames[0]);
    }

    @Test
    void noAudioAtAllIsAClearError() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LogMel.frames(new float[0], 20));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("at least one sample"), e.getMessage());
    }
}
