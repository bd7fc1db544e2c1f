package org.seqlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.AddCellToColumnException;
import tech.tablesaw.io.ColumnIndexOutOfBoundsException;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Reads the shipped CSV files through Tablesaw with a fixed schema, and turns every parse failure
 * into an {@link IllegalArgumentException} naming the file and the 1-based line (line 1 is the header).
 */
final class CsvFiles {
    private CsvFiles() {}

    /** A column the file must have, in order. */
    record Col(String name, ColumnType type) {}

    /** Reads {@code file} (plain or {@code .gz}) whose header must be exactly {@code columns}; no value may be missing. */
    static Table read(Path file, Col... columns) {
        requireFile(file);
        String[] names = new String[columns.length];
        ColumnType[] types = new ColumnType[columns.length];
        for (int i = 0; i < columns.length; i++) {
            names[i] = columns[i].name();
            types[i] = columns[i].type();
        }
        String expected = String.join(",", names);
        try (Reader reader = open(file)) {
            Table table = readTable(file, reader, types);
            String header = String.join(",", table.columnNames());
            if (!header.equals(expected)) {
                throw malformed(file, 1, "the header must be \"" + expected + "\" but is \"" + header + "\"");
            }
            for (Column<?> column : table.columns()) {
                for (int row = 0; row < table.rowCount(); row++) {
                    if (column.isMissing(row)) {
                        throw malformed(file, row + 2, "column " + column.name() + " has no value");
                    }
                }
            }
            return table;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Table readTable(Path file, Reader reader, ColumnType[] types) {
        try {
            return Table.read().usingOptions(CsvReadOptions.builder(reader)
                    .tableName(file.getFileName().toString().replaceFirst("\\.csv(\\.gz)?$", ""))
                    .header(true)
                    .columnTypes(types));
        } catch (AddCellToColumnException e) {
            // Tablesaw counts data rows from 1; the file's line adds the header.
            throw malformed(file, e.getRowNumber() + 1, "column " + e.getColumnName() + " cannot hold "
                    + cause(e));
        } catch (ColumnIndexOutOfBoundsException e) {
            throw malformed(file, e.getRowNumber() + 1, "the row has " + e.getLine().length + " fields but the header "
                    + types.length);
        } catch (IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException e) {
            throw malformed(file, lineOf(e), e.getMessage());
        }
    }

    /** The whole of a UTF-8 text file, for the corpora (files that are not tables). */
    static String readText(Path file) {
        requireFile(file);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The first line of a UTF-8 file (its header), empty for an empty file. */
    static String firstLine(Path file) {
        requireFile(file);
        try (java.io.BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }

    static IllegalArgumentException malformed(Path file, long line, String what) {
        return new IllegalArgumentException("Malformed row in " + file + " at line " + line + ": " + what);
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Missing data file " + file
                    + ": regenerate it with the script named in datasets/README.md");
        }
    }

    private static Reader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.toString().endsWith(".gz")) in = new GZIPInputStream(in, 1 << 16);
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    private static String cause(AddCellToColumnException e) {
        Throwable c = e.getCause();
        return c == null || c.getMessage() == null ? "its value" : c.getMessage();
    }

    /** Tablesaw writes "Row number N" (1-based, data rows) into some messages; -1 when it does not. */
    private static long lineOf(RuntimeException e) {
        String m = String.valueOf(e.getMessage());
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("[Rr]ow (?:number )?(\\d+)").matcher(m);
        return row.find() ? Long.parseLong(row.group(1)) + 1 : -1;
    }
}
