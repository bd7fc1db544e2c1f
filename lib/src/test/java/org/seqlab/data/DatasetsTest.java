package org.seqlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.train.Checkpoint;
import tech.tablesaw.api.Table;

class DatasetsTest {

    @Test
    void theFolderIsFoundByWalkingUpFromTheWorkingDirectory() {
        Path folder = Datasets.folder();
        assertTrue(Files.isRegularFile(folder.resolve("README.md")));
        assertEquals("datasets", folder.getFileName().toString());
    }

    @Test
    void theSystemPropertyWinsAndAWrongOneSaysWhatIsMissing(@TempDir Path dir) {
        String before = System.getProperty(Datasets.PROPERTY);
        try {
            System.setProperty(Datasets.PROPERTY, dir.toString());
            IllegalStateException e = assertThrows(IllegalStateException.class, Datasets::folder);
            assertTrue(e.getMessage().contains("system property seqlab.datasets") && e.getMessage().contains("README.md"),
                    e.getMessage());
        } finally {
            if (before == null) System.clearProperty(Datasets.PROPERTY); else System.setProperty(Datasets.PROPERTY, before);
        }
    }

    @Test
    void withoutAFolderAboveTheErrorSaysWhatToSet(@TempDir Path dir) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Datasets.find(null, null, dir));
        assertTrue(e.getMessage().contains("-Dseqlab.datasets=") && e.getMessage().contains("SEQLAB_DATASETS"),
                e.getMessage());
    }

    @Test
    void theEnvironmentVariableIsUsedWhenThePropertyIsUnset(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("README.md"), "x");
        assertEquals(dir.toAbsolutePath(), Datasets.find(null, dir.toString(), Path.of("/")));
        assertEquals(Datasets.folder(), Datasets.find(null, null, Datasets.folder().getParent().resolve("lib")));
    }

    @Test
    void everyTextCorpusLoadsWithItsDocumentedSize() {
        String devil = Datasets.text("devils-dictionary");
        assertEquals(380_595, devil.length());
        assertTrue(devil.startsWith("ABASEMENT, n.  A decent and customary mental attitude"));
        assertEquals(83, Vocabulary.ofCharacters(devil).size() - 4);
        String kjv = Datasets.text("kjv-new-testament");
        assertEquals(949_480, kjv.length());
        assertEquals(7_957, kjv.lines().count());
    }

    @Test
    void everySeriesLoadsWithItsDocumentedLengthAndDates() {
        Map<String, Integer> lengths = Map.of("air-passengers", 144, "sunspots-monthly", 3177,
                "nottingham-temperature", 240, "mauna-loa-co2", 468, "lynx-trappings", 114, "nile-flow", 100);
        assertEquals(lengths.keySet(), Set.copyOf(Datasets.seriesNames()));
        for (String name : Datasets.seriesNames()) {
            TimeSeries s = Datasets.series(name);
            assertEquals(lengths.get(name), s.length(), name);
            assertEquals(s.length(), s.dates().size());
        }
        TimeSeries air = Datasets.series("air-passengers");
        assertEquals("passengers_thousands", air.column());
        assertEquals(LocalDate.of(1949, 1, 1), air.dates().get(0));
        assertEquals(112.0, air.values()[0]);
        assertEquals(432.0, air.values()[143]);
        Table t = Datasets.seriesTable("mauna-loa-co2");
        assertEquals(List.of("date", "co2_ppm"), t.columnNames());
    }

    @Test
    void theDnaSetHas3186SequencesOf60BasesInThreeClasses() {
        List<LabelledText> dna = Datasets.dna();
        assertEquals(3186, dna.size());
        assertTrue(dna.stream().allMatch(d -> d.text().length() == 60 && d.text().matches("[ACGT]+")));
        assertEquals(List.of("ei", "ie", "n"), LabelledText.classes(dna));
        assertEquals(767, dna.stream().filter(d -> d.label().equals("ei")).count());
        SequenceBatch b = Batcher.batch(LabelledText.toSequences(dna.subList(0, 8), Tasks.DNA, LabelledText.classes(dna)));
        assertEquals(60, b.timeSteps());
        assertEquals(Sequence.Target.CLASS, b.target());
    }

    @Test
    void namesAreDistinctLowerCaseAndMostFrequentFirst() {
        List<String> names = Datasets.names();
        assertEquals(5163, names.size());
        assertEquals("james", names.get(0));
        assertTrue(names.stream().allMatch(n -> n.matches("[a-z]+")));
        assertEquals(5494, Datasets.namesTable().rowCount());
    }

    @Test
    void theWordLanguageSetHasTwoThousandWordsPerLanguage() {
        List<LabelledText> words = Datasets.wordLanguages();
        assertEquals(12_000, words.size());
        List<String> languages = LabelledText.classes(words);
        assertEquals(List.of("dutch", "english", "french", "german", "italian", "spanish"), languages);
        for (String lang : languages) {
            assertEquals(2000, words.stream().filter(w -> w.label().equals(lang)).count(), lang);
        }
    }

    @Test
    void theCatalogListsEveryShippedFile() {
        Table catalog = Datasets.catalog();
        assertEquals(14, catalog.rowCount());   // 2 texts, 6 series, DNA, names, words, spoken digits, 2 checkpoints
        for (int row = 0; row < catalog.rowCount(); row++) {
            String file = catalog.stringColumn("file").get(row);
            assertTrue(Files.isRegularFile(Datasets.folder().resolve(file)), file);
        }
    }

    @Test
    void aShippedCheckpointHoldsTheWeightsItsLessonBuilds() {
        Map<String, INDArray> saved = Checkpoint.read(Datasets.checkpoint("03-vanilla-rnn-full"));
        assertArrayEquals(new long[] {256, 256}, saved.get("parameters/rnn.weight_hh_l0").shape());
        assertArrayEquals(new long[] {87, 256}, saved.get("parameters/fc.weight").shape());
        Map<String, INDArray> lstm = Checkpoint.read(Datasets.checkpoint("07-char-lstm-full"));
        assertArrayEquals(new long[] {4 * 128, 128}, lstm.get("parameters/rnn.weight_hh_l0").shape(), "i, f, g, o stacked");
        assertArrayEquals(new long[] {87, 128}, lstm.get("parameters/fc.weight").shape());
        var e = assertThrows(IllegalArgumentException.class, () -> Datasets.checkpoint("03-lstm"));
        assertTrue(e.getMessage().contains("03-vanilla-rnn-full"), e.getMessage());
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.series("airline"));
        assertTrue(e.getMessage().contains("air-passengers"), e.getMessage());
    }

    @Test
    void aRowWithAnUnparseableValueIsReportedWithFileAndLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "date,v\n1949-01-01,1\n1949-02-01,two\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.readSeriesTable(file));
        assertTrue(e.getMessage().contains(file + " at line 3"), e.getMessage());
    }

    @Test
    void aRowWithTooManyFieldsIsReportedWithFileAndLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "date,v\n1949-01-01,1\n1949-02-01,2\n1949-03-01,3,4\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.readSeriesTable(file));
        assertTrue(e.getMessage().contains(file + " at line 4"), e.getMessage());
    }

    @Test
    void aMissingValueIsReportedWithFileAndLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "date,v\n1949-01-01,1\n1949-02-01,\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.readSeriesTable(file));
        assertTrue(e.getMessage().contains(file + " at line 3") && e.getMessage().contains("column v"), e.getMessage());
    }

    @Test
    void aBadDateIsReportedWithFileAndLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "date,v\n1949-01-01,1\n1949-13-01,2\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.readSeriesTable(file));
        assertTrue(e.getMessage().contains(file + " at line 3"), e.getMessage());
    }

    @Test
    void aWrongHeaderAndABadBaseAreReportedWithFileAndLine(@TempDir Path dir) throws IOException {
        Path header = dir.resolve("header.csv");
        Files.writeString(header, "when,v\n1949-01-01,1\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.readSeriesTable(header));
        assertTrue(e.getMessage().contains(header + " at line 1"), e.getMessage());
        Path dna = dir.resolve("dna.csv");
        Files.writeString(dna, "class,sequence\nei,ACGT\nn,ACXT\n");
        e = assertThrows(IllegalArgumentException.class, () -> Datasets.readDnaTable(dna));
        assertTrue(e.getMessage().contains(dna + " at line 3") && e.getMessage().contains("ACXT"), e.getMessage());
    }
}
