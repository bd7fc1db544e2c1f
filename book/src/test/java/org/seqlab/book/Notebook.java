package org.seqlab.book;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A committed notebook, read for what the browser should show of it: its outputs, its math, its slides. */
record Notebook(Path path, JsonObject json) {
    private static final Pattern MATH = Pattern.compile("\\$[^$\\n]+\\$|\\\\\\(");

    static Notebook read(Path path) {
        try {
            return new Notebook(path, JsonParser.parseString(Files.readString(path)).getAsJsonObject());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The workbook's lessons, in order. */
    static List<Notebook> lessons(Path notebooks) {
        try (var files = Files.list(notebooks)) {
            return files.filter(p -> p.toString().endsWith(".ipynb")).sorted().map(Notebook::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String stem() {
        String name = path.getFileName().toString();
        return name.substring(0, name.length() - ".ipynb".length());
    }

    List<JsonObject> cells() {
        List<JsonObject> cells = new ArrayList<>();
        json.getAsJsonArray("cells").forEach(c -> cells.add(c.getAsJsonObject()));
        return cells;
    }

    static String source(JsonObject cell) {
        JsonElement source = cell.get("source");
        if (source.isJsonArray()) {
            StringBuilder text = new StringBuilder();
            source.getAsJsonArray().forEach(line -> text.append(line.getAsString()));
            return text.toString();
        }
        return source.getAsString();
    }

    private long outputs(String kind) {
        long count = 0;
        for (JsonObject cell : cells()) {
            JsonArray outputs = cell.getAsJsonArray("outputs");
            if (outputs == null) {
                continue;
            }
            for (JsonElement output : outputs) {
                JsonObject o = output.getAsJsonObject();
                boolean match = kind.equals("error") ? o.get("output_type").getAsString().equals("error")
                        : o.has("data") && o.getAsJsonObject("data").has(kind);
                count += match ? 1 : 0;
            }
        }
        return count;
    }

    /** Committed image/png outputs: the charts a run shows. */
    long images() {
        return outputs("image/png");
    }

    /** Committed error outputs. */
    long errors() {
        return outputs("error");
    }

    /** Whether a Markdown cell holds TeX ($...$, $$...$$ or \(...\)) for MathJax. */
    boolean hasMath() {
        return cells().stream().anyMatch(c -> c.get("cell_type").getAsString().equals("markdown")
                && MATH.matcher(source(c)).find());
    }

    /** The cells' {@code slideshow.slide_type} (null where unset). */
    List<String> slideTypes() {
        List<String> types = new ArrayList<>();
        for (JsonObject cell : cells()) {
            JsonObject metadata = cell.getAsJsonObject("metadata");
            JsonObject slideshow = metadata == null ? null : metadata.getAsJsonObject("slideshow");
            types.add(slideshow == null || !slideshow.has("slide_type") ? null : slideshow.get("slide_type").getAsString());
        }
        return types;
    }

    /** Whether any cell marks a slide boundary. */
    boolean hasSlides() {
        return slideTypes().stream().anyMatch(t -> "slide".equals(t) || "subslide".equals(t));
    }

    /** Seconds the committed run's cells took (nbclient's timing metadata), 0 when there is none. */
    double committedSeconds() {
        java.time.Instant first = null;
        java.time.Instant last = null;
        for (JsonObject cell : cells()) {
            JsonObject metadata = cell.getAsJsonObject("metadata");
            JsonObject timing = metadata == null ? null : metadata.getAsJsonObject("execution");
            if (timing == null || !timing.has("iopub.status.busy") || !timing.has("shell.execute_reply")) {
                continue;
            }
            java.time.Instant start = java.time.Instant.parse(timing.get("iopub.status.busy").getAsString());
            java.time.Instant end = java.time.Instant.parse(timing.get("shell.execute_reply").getAsString());
            first = first == null || start.isBefore(first) ? start : first;
            last = last == null || end.isAfter(last) ? end : last;
        }
        return first == null ? 0 : java.time.Duration.between(first, last).toMillis() / 1000.0;
    }
}
