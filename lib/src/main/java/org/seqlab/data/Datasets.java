package org.seqlab.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Stream;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Opens the data shipped in the repository's {@code datasets/} folder by name.
 *
 * <pre>
 *   String text        = Datasets.text("devils-dictionary");
 *   TimeSeries air     = Datasets.series("air-passengers");     // 144 months
 *   List&lt;LabelledText&gt; dna = Datasets.dna();                   // 3,186 × 60 bases
 *   List&lt;String&gt; names = Datasets.names();                       // 5,163 first names
 *   SpokenDigits digits = Datasets.spokenDigits();               // log-mel frames
 *   Path weights       = Datasets.checkpoint("03-vanilla-rnn-full");  // a long run's weights
 *   Table all          = Datasets.catalog();                      // what is there
 * </pre>
 *
 * <p>The folder is, in order: the system property {@code seqlab.datasets}, the environment variable
 * {@code SEQLAB_DATASETS}, or the first {@code datasets/} folder holding a {@code README.md} found
 * by walking up from the working directory (notebooks run in {@code notebooks/}, tests in {@code lib/}).
 * Tabular files are read with Tablesaw; a malformed row fails with the file and line.
 */
public final class Datasets {
    /** The system property that names the datasets folder. */
    public static final String PROPERTY = "seqlab.datasets";
    /** The environment variable that names the datasets folder. */
    public static final String ENVIRONMENT = "SEQLAB_DATASETS";

    private static final List<String> TEXTS = List.of("devils-dictionary", "kjv-new-testament");
    private static final List<String> CHECKPOINTS = List.of("03-vanilla-rnn-full", "07-char-lstm-full");
    private static final List<String> SERIES = List.of("air-passengers", "sunspots-monthly", "nottingham-temperature",
            "mauna-loa-co2", "lynx-trappings", "nile-flow");

    private Datasets() {}

    /** The datasets folder, found as the class comment says. */
    public static Path folder() {
        return find(System.getProperty(PROPERTY), System.getenv(ENVIRONMENT), Path.of("").toAbsolutePath());
    }

    /** The folder named by {@code property}, else by {@code environment}, else the first found walking up from {@code start}. */
    static Path find(String property, String environment, Path start) {
        String configured = property;
        String source = "system property " + PROPERTY;
        if (configured == null || configured.isBlank()) {
            configured = environment;
            source = "environment variable " + ENVIRONMENT;
        }
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured).toAbsolutePath();
            if (!Files.isRegularFile(p.resolve("README.md"))) {
                throw new IllegalStateException("The " + source + " names " + p
                        + ", which is not a Seqlab datasets folder (it has no README.md)");
            }
            return p;
        }
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("datasets");
            if (Files.isRegularFile(candidate.resolve("README.md"))) return candidate;
        }
        throw new IllegalStateException("No datasets/ folder with a README.md above " + start
                + ": set -D" + PROPERTY + "=/path/to/seqlab/datasets or the environment variable " + ENVIRONMENT);
    }

    /** The names {@link #text(String)} accepts: {@code devils-dictionary}, {@code kjv-new-testament}. */
    public static List<String> textNames() {
        return TEXTS;
    }

    /** A whole corpus as one string (UTF-8, {@code \n} line ends), e.g. {@code text("devils-dictionary")}. */
    public static String text(String name) {
        requireKnown(name, TEXTS, "text");
        return CsvFiles.readText(folder().resolve("text").resolve(name + ".txt"));
    }

    /** The names {@link #series(String)} accepts. */
    public static List<String> seriesNames() {
        return SERIES;
    }

    /** A series as a Tablesaw table: {@code date} (LocalDate) and one value column named with its unit. */
    public static Table seriesTable(String name) {
        requireKnown(name, SERIES, "series");
        return readSeriesTable(folder().resolve("series").resolve(name + ".csv"));
    }

    /** A series as dates and values, e.g. {@code series("air-passengers").values()}, {@code [N]}. */
    public static TimeSeries series(String name) {
        return toSeries(name, seriesTable(name));
    }

    /** The splice-junction set as a table: {@code class} (ei, ie, n) and {@code sequence} (60 bases A/C/G/T). */
    public static Table dnaTable() {
        return readDnaTable(folder().resolve("dna").resolve("splice-junctions.csv"));
    }

    /** The 3,186 splice-junction sequences: text = 60 bases, label = {@code ei}, {@code ie} or {@code n}. */
    public static List<LabelledText> dna() {
        return labelled(dnaTable(), "sequence", "class");
    }

    /** The 1990 US Census first names as a table: {@code name}, {@code sex} (F/M), {@code percent}. */
    public static Table namesTable() {
        return CsvFiles.read(folder().resolve("names").resolve("us-first-names.csv"),
                new CsvFiles.Col("name", ColumnType.STRING), new CsvFiles.Col("sex", ColumnType.STRING),
                new CsvFiles.Col("percent", ColumnType.DOUBLE));
    }

    /** The distinct first names, lower case, most frequent first (5,163 of them). */
    public static List<String> names() {
        return List.copyOf(new LinkedHashSet<>(namesTable().stringColumn("name").asList()));
    }

    /** The word-language set as a table: {@code word} and {@code language} (six languages). */
    public static Table wordLanguagesTable() {
        return CsvFiles.read(folder().resolve("words").resolve("word-languages.csv"),
                new CsvFiles.Col("word", ColumnType.STRING), new CsvFiles.Col("language", ColumnType.STRING));
    }

    /** 12,000 words, 2,000 from each of six languages: text = word, label = language. */
    public static List<LabelledText> wordLanguages() {
        return labelled(wordLanguagesTable(), "word", "language");
    }

    /** The names {@link #checkpoint(String)} accepts: {@code 03-vanilla-rnn-full}, {@code 07-char-lstm-full}. */
    public static List<String> checkpointNames() {
        return CHECKPOINTS;
    }

    /**
     * The file of a shipped checkpoint ({@code checkpoints/<name>.npz}, see {@code org.seqlab.train.Checkpoint}):
     * the weights of a long training run a lesson loads instead of waiting for it, and writes when run with
     * {@code FULL = true}. {@code checkpoint("03-vanilla-rnn-full")} is lesson 03's vanilla RNN, H = 256;
     * {@code checkpoint("07-char-lstm-full")} lesson 07's LSTM, H = 128.
     *
     * @throws IllegalArgumentException for a name that is not one of {@link #checkpointNames()}
     */
    public static Path checkpoint(String name) {
        requireKnown(name, CHECKPOINTS, "checkpoint");
        return folder().resolve("checkpoints").resolve(name + ".npz");
    }

    /** Every shipped file: dataset name, kind, the call that opens it, and its size on disk. */
    public static Table catalog() {
        Path root = folder();
        StringColumn name = StringColumn.create("name");
        StringColumn kind = StringColumn.create("kind");
        StringColumn call = StringColumn.create("call");
        StringColumn file = StringColumn.create("file");
        tech.tablesaw.api.LongColumn bytes = tech.tablesaw.api.LongColumn.create("bytes");
        List<String[]> rows = new ArrayList<>();
        TEXTS.forEach(t -> rows.add(new String[] {t, "text", "Datasets.text(\"" + t + "\")", "text/" + t + ".txt"}));
        SERIES.forEach(s -> rows.add(new String[] {s, "series", "Datasets.series(\"" + s + "\")", "series/" + s + ".csv"}));
        rows.add(new String[] {"splice-junctions", "dna", "Datasets.dna()", "dna/splice-junctions.csv"});
        rows.add(new String[] {"us-first-names", "names", "Datasets.names()", "names/us-first-names.csv"});
        rows.add(new String[] {"word-languages", "classification", "Datasets.wordLanguages()", "words/word-languages.csv"});
        rows.add(new String[] {"spoken-digits", "speech", "Datasets.spokenDigits()", SpokenDigits.FEATURES});
        CHECKPOINTS.forEach(c -> rows.add(new String[] {c, "checkpoint", "Datasets.checkpoint(\"" + c + "\")",
                "checkpoints/" + c + ".npz"}));
        for (String[] r : rows) {
            name.append(r[0]);
            kind.append(r[1]);
            call.append(r[2]);
            file.append(r[3]);
            try {
                bytes.append(Files.size(root.resolve(r[3])));
            } catch (IOException e) {
                bytes.appendMissing();
            }
        }
        return Table.create("datasets", name, kind, call, file, bytes);
    }

    /** The spoken digits: per-clip metadata and log-mel frames; see {@link SpokenDigits}. */
    public static SpokenDigits spokenDigits() {
        return SpokenDigits.read(folder());
    }

    static Table readSeriesTable(Path file) {
        return CsvFiles.read(file, new CsvFiles.Col("date", ColumnType.LOCAL_DATE),
                new CsvFiles.Col(valueColumn(file), ColumnType.DOUBLE));
    }

    static TimeSeries toSeries(String name, Table t) {
        List<LocalDate> dates = t.dateColumn("date").asList();
        double[] values = t.doubleColumn(1).asDoubleArray();
        return new TimeSeries(name, t.column(1).name(), List.copyOf(dates), values);
    }

    static Table readDnaTable(Path file) {
        Table t = CsvFiles.read(file, new CsvFiles.Col("class", ColumnType.STRING),
                new CsvFiles.Col("sequence", ColumnType.STRING));
        List<String> seqs = t.stringColumn("sequence").asList();
        for (int row = 0; row < seqs.size(); row++) {
            if (!seqs.get(row).matches("[ACGT]+")) {
                throw CsvFiles.malformed(file, row + 2, "sequence must be made of A, C, G and T but is \""
                        + seqs.get(row) + "\"");
            }
        }
        return t;
    }

    /** The second header field of a series file: its value column carries the unit. */
    private static String valueColumn(Path file) {
        String header = CsvFiles.firstLine(file);
        String[] fields = header.split(",", -1);
        if (fields.length != 2 || !fields[0].equals("date") || fields[1].isBlank()) {
            throw CsvFiles.malformed(file, 1, "the header must be \"date,<value column>\" but is \"" + header + "\"");
        }
        return fields[1];
    }

    private static List<LabelledText> labelled(Table t, String textColumn, String labelColumn) {
        List<String> texts = t.stringColumn(textColumn).asList();
        List<String> labels = t.stringColumn(labelColumn).asList();
        List<LabelledText> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) out.add(new LabelledText(texts.get(i), labels.get(i)));
        return List.copyOf(out);
    }

    private static void requireKnown(String name, List<String> known, String kind) {
        if (!known.contains(name)) {
            throw new IllegalArgumentException("No " + kind + " dataset named \"" + name + "\"; the " + kind
                    + " datasets are " + known);
        }
    }

    /** Lists a folder's files, for tests that check every shipped file is known. */
    static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
