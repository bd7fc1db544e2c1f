package org.seqlab.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

/**
 * Spoken digits "zero" to "nine", synthesised by espeak-ng in several voices, speeds and pitches,
 * shipped as log-mel frames (see {@code datasets/README.md} for how they were made).
 *
 * <p>Each clip is {@code T} frames of {@link #BANDS} log-mel energies, one frame every 10 ms over a
 * 25 ms window, {@code T} varying with the word and the speed. As sequences: features
 * {@code [T, 20]} with the digit as class id, so batches have {@code x [T, B, 20]}, {@code targets [B]}.
 *
 * @param clips every clip, in file order
 * @param table the per-clip metadata: {@code clip, digit, word, voice, speed, pitch, frames}
 */
public record SpokenDigits(List<Clip> clips, Table table) {
    /** The metadata file, relative to the datasets folder. */
    static final String CLIPS = "spoken-digits/clips.csv";
    /** The frames file, relative to the datasets folder. */
    static final String FEATURES = "spoken-digits/log-mel.csv.gz";
    /** The number of mel bands per frame, {@code D}. */
    public static final int BANDS = 20;
    /** The words, indexed by digit. */
    public static final List<String> WORDS = List.of("zero", "one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine");

    /**
     * One utterance.
     *
     * @param id the clip number (row of {@code clips.csv})
     * @param digit 0 .. 9
     * @param voice the espeak-ng voice ({@code "en-us+f2"})
     * @param speed words per minute
     * @param pitch espeak-ng pitch, 0 .. 99
     * @param frames the log-mel frames, {@code [T][20]}
     */
    public record Clip(int id, int digit, String voice, int speed, int pitch, float[][] frames) {
        /** The number of frames {@code T}. */
        public int length() {
            return frames.length;
        }
    }

    /** Every clip as a {@link Sequence}: features {@code [T, 20]}, class id = digit. */
    public List<Sequence> sequences() {
        return sequences(clips);
    }

    /** The given clips as sequences: features {@code [T, 20]}, class id = digit. */
    public static List<Sequence> sequences(Collection<Clip> clips) {
        return clips.stream().map(c -> Sequence.features(c.frames(), c.digit())).toList();
    }

    /** The distinct voices, in file order. */
    public List<String> voices() {
        return List.copyOf(new LinkedHashSet<>(clips.stream().map(Clip::voice).toList()));
    }

    /** The clips spoken by one of {@code voices}: hold some voices out to test on speakers never heard. */
    public List<Clip> byVoices(Collection<String> voices) {
        return clips.stream().filter(c -> voices.contains(c.voice())).toList();
    }

    /** The clips spoken by none of {@code voices}. */
    public List<Clip> exceptVoices(Collection<String> voices) {
        return clips.stream().filter(c -> !voices.contains(c.voice())).toList();
    }

    static SpokenDigits read(Path folder) {
        Path clipsFile = folder.resolve(CLIPS);
        Table meta = CsvFiles.read(clipsFile,
                new CsvFiles.Col("clip", ColumnType.INTEGER), new CsvFiles.Col("digit", ColumnType.INTEGER),
                new CsvFiles.Col("word", ColumnType.STRING), new CsvFiles.Col("voice", ColumnType.STRING),
                new CsvFiles.Col("speed", ColumnType.INTEGER), new CsvFiles.Col("pitch", ColumnType.INTEGER),
                new CsvFiles.Col("frames", ColumnType.INTEGER));
        CsvFiles.Col[] cols = new CsvFiles.Col[2 + BANDS];
        cols[0] = new CsvFiles.Col("clip", ColumnType.INTEGER);
        cols[1] = new CsvFiles.Col("frame", ColumnType.INTEGER);
        for (int m = 0; m < BANDS; m++) cols[2 + m] = new CsvFiles.Col(String.format("mel%02d", m), ColumnType.FLOAT);
        Path featuresFile = folder.resolve(FEATURES);
        Table frames = CsvFiles.read(featuresFile, cols);

        List<Clip> clips = new ArrayList<>(meta.rowCount());
        int row = 0;
        for (int i = 0; i < meta.rowCount(); i++) {
            int id = meta.intColumn("clip").getInt(i);
            int t = meta.intColumn("frames").getInt(i);
            int digit = meta.intColumn("digit").getInt(i);
            if (digit < 0 || digit > 9 || !WORDS.get(digit).equals(meta.stringColumn("word").get(i))) {
                throw CsvFiles.malformed(clipsFile, i + 2, "digit " + digit + " does not match word "
                        + meta.stringColumn("word").get(i));
            }
            float[][] x = new float[t][BANDS];
            for (int f = 0; f < t; f++, row++) {
                if (row >= frames.rowCount() || frames.intColumn(0).getInt(row) != id
                        || frames.intColumn(1).getInt(row) != f) {
                    throw CsvFiles.malformed(featuresFile, row + 2, "expected clip " + id + " frame " + f
                            + " (clips.csv says clip " + id + " has " + t + " frames)");
                }
                for (int m = 0; m < BANDS; m++) x[f][m] = frames.floatColumn(2 + m).getFloat(row);
            }
            clips.add(new Clip(id, digit, meta.stringColumn("voice").get(i), meta.intColumn("speed").getInt(i),
                    meta.intColumn("pitch").getInt(i), x));
        }
        if (row != frames.rowCount()) {
            throw CsvFiles.malformed(featuresFile, row + 2, "frames beyond the last clip of clips.csv");
        }
        return new SpokenDigits(List.copyOf(clips), meta);
    }

    @Override
    public String toString() {
        return "SpokenDigits[" + clips.size() + " clips, " + voices().size() + " voices, D=" + BANDS + "]";
    }
}
