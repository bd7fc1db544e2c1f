package org.seqlab.data;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Log-mel filterbank frames of a mono recording, the features of {@link SpokenDigits}.
 *
 * <pre>
 *   s'[n]   = s[n] - 0.97 s[n-1]                         pre-emphasis
 *   frame k = s'[k·160 .. k·160 + 399] · Hamming         25 ms windows every 10 ms at 16 kHz
 *   P[f]    = |FFT_512(frame)[f]|²,  f = 0 .. 256         power spectrum
 *   E[m]    = Σ_f W[m, f] P[f],      m = 0 .. 19          20 triangular filters, equally spaced in mel,
 *                                                         mel(h) = 2595 log10(1 + h / 700), 20 .. 7,600 Hz
 *   x[k, m] = ln(E[m] + 1e-6)
 * </pre>
 * Only {@code make/spoken-digits.sh} runs this (through {@link #main}); the course reads the result.
 */
final class LogMel {
    static final int SAMPLE_RATE = 16_000;
    static final int WINDOW = 400;
    static final int HOP = 160;
    static final int FFT = 512;
    static final double LOW_HZ = 20;
    static final double HIGH_HZ = 7_600;

    private LogMel() {}

    /** The number of frames of {@code n} samples: {@code 1 + ⌊(n - 400) / 160⌋}, at least 1 (short clips are zero-padded). */
    static int frameCount(int n) {
        return n <= WINDOW ? 1 : 1 + (n - WINDOW) / HOP;
    }

    /**
     * Log-mel frames {@code [T][bands]} of {@code samples} at 16 kHz. A recording shorter than one window
     * (400 samples, 25 ms) gives one frame: the pre-emphasised recording padded with zeros to 400 samples.
     *
     * @throws IllegalArgumentException for no samples at all
     */
    static float[][] frames(float[] samples, int bands) {
        org.seqlab.Shapes.require(samples.length > 0, "a recording needs at least one sample but has none");
        float[][] filters = melFilters(bands);
        double[] hamming = new double[WINDOW];
        for (int n = 0; n < WINDOW; n++) hamming[n] = 0.54 - 0.46 * Math.cos(2 * Math.PI * n / (WINDOW - 1));
        int t = frameCount(samples.length);
        float[][] out = new float[t][bands];
        double[] re = new double[FFT];
        double[] im = new double[FFT];
        for (int k = 0; k < t; k++) {
            java.util.Arrays.fill(re, 0);
            java.util.Arrays.fill(im, 0);
            for (int n = 0; n < WINDOW; n++) {
                int i = k * HOP + n;
                double s = i < samples.length ? samples[i] - (i > 0 ? 0.97 * samples[i - 1] : 0) : 0;
                re[n] = s * hamming[n];
            }
            fft(re, im);
            for (int m = 0; m < bands; m++) {
                double e = 0;
                for (int f = 0; f <= FFT / 2; f++) e += filters[m][f] * (re[f] * re[f] + im[f] * im[f]);
                out[k][m] = (float) Math.log(e + 1e-6);
            }
        }
        return out;
    }

    /** Triangular filters {@code [bands][FFT/2 + 1]}, peaks equally spaced on the mel scale between 20 and 7,600 Hz. */
    static float[][] melFilters(int bands) {
        double lo = mel(LOW_HZ);
        double hi = mel(HIGH_HZ);
        double[] edges = new double[bands + 2];
        for (int i = 0; i < edges.length; i++) edges[i] = hz(lo + (hi - lo) * i / (bands + 1));
        float[][] w = new float[bands][FFT / 2 + 1];
        for (int m = 0; m < bands; m++) {
            for (int f = 0; f <= FFT / 2; f++) {
                double h = (double) f * SAMPLE_RATE / FFT;
                double up = (h - edges[m]) / (edges[m + 1] - edges[m]);
                double down = (edges[m + 2] - h) / (edges[m + 2] - edges[m + 1]);
                w[m][f] = (float) Math.max(0, Math.min(up, down));
            }
        }
        return w;
    }

    static double mel(double hz) {
        return 2595 * Math.log10(1 + hz / 700);
    }

    static double hz(double mel) {
        return 700 * (Math.pow(10, mel / 2595) - 1);
    }

    /** In-place iterative radix-2 FFT; the length must be a power of two. */
    static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j) {
                double tr = re[i]; re[i] = re[j]; re[j] = tr;
                double ti = im[i]; im[i] = im[j]; im[j] = ti;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double angle = -2 * Math.PI / len;
            for (int start = 0; start < n; start += len) {
                for (int k = 0; k < len / 2; k++) {
                    double wr = Math.cos(angle * k);
                    double wi = Math.sin(angle * k);
                    int a = start + k;
                    int b = a + len / 2;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }

    /** Reads a 16 kHz, 16-bit, mono PCM WAV file into samples in [-1, 1). */
    static float[] readWav(Path file) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            AudioFormat f = in.getFormat();
            if (f.getSampleRate() != SAMPLE_RATE || f.getChannels() != 1 || f.getSampleSizeInBits() != 16
                    || f.getEncoding() != AudioFormat.Encoding.PCM_SIGNED) {
                throw new IOException(file + " must be 16 kHz 16-bit signed mono PCM but is " + f);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            ByteBuffer b = ByteBuffer.wrap(bytes.toByteArray())
                    .order(f.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            float[] s = new float[b.remaining() / 2];
            for (int i = 0; i < s.length; i++) s[i] = b.getShort() / 32768f;
            return s;
        } catch (UnsupportedAudioFileException e) {
            throw new IOException(file + " is not a WAV file javax.sound can read", e);
        }
    }

    /**
     * {@code LogMel manifest.csv outDir}: reads the manifest the script wrote
     * ({@code clip,digit,word,voice,speed,pitch,wav}), writes {@code outDir/clips.csv} (the same
     * without the path, with the frame count) and {@code outDir/log-mel.csv.gz} (one row per frame:
     * clip, frame, mel00 .. mel19, two decimals).
     */
    public static void main(String[] args) throws IOException {
        List<String> manifest = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        StringBuilder clips = new StringBuilder("clip,digit,word,voice,speed,pitch,frames\n");
        File featuresFile = out.resolve("log-mel.csv.gz").toFile();
        try (Writer w = new BufferedWriter(new OutputStreamWriter(
                new GZIPOutputStream(new java.io.FileOutputStream(featuresFile)), StandardCharsets.UTF_8))) {
            StringBuilder header = new StringBuilder("clip,frame");
            for (int m = 0; m < SpokenDigits.BANDS; m++) header.append(String.format(",mel%02d", m));
            w.write(header.append('\n').toString());
            for (String line : manifest.subList(1, manifest.size())) {
                String[] f = line.split(",");
                float[][] x = frames(readWav(Path.of(f[6])), SpokenDigits.BANDS);
                clips.append(String.join(",", List.of(f).subList(0, 6))).append(',').append(x.length).append('\n');
                for (int k = 0; k < x.length; k++) {
                    StringBuilder row = new StringBuilder(f[0]).append(',').append(k);
                    for (float v : x[k]) row.append(',').append(String.format(Locale.ROOT, "%.2f", v));
                    w.write(row.append('\n').toString());
                }
            }
        }
        Files.writeString(out.resolve("clips.csv"), clips, StandardCharsets.UTF_8);
    }
}
