package org.seqlab.grader;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A Jupyter notebook (nbformat 4) as JSON, read leniently and written as Jupyter writes it: keys sorted, one space
 * of indentation, non-ASCII characters as they are, each cell's source as a list of lines.
 */
final class Notebook {
    private final JsonObject json;

    private Notebook(JsonObject json) {
        this.json = json;
    }

    /** Why a file is not a notebook we can grade. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }
    }

    /** Reads a notebook file. */
    static Notebook read(Path file) throws Unreadable {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Unreadable("cannot read " + file.getFileName() + ": " + e.getMessage());
        } catch (java.io.UncheckedIOException | IllegalArgumentException e) {
            throw new Unreadable(file.getFileName() + " is not UTF-8 text");
        }
        return parse(text, file.getFileName().toString());
    }

    /** Parses notebook JSON; {@code origin} names it in messages. */
    static Notebook parse(String text, String origin) throws Unreadable {
        if (text.isBlank()) {
            throw new Unreadable(origin + " is empty");
        }
        JsonElement root;
        try {
            root = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            String reason = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
            throw new Unreadable(origin + " is not valid JSON (" + reason + ")");
        }
        if (!root.isJsonObject() || !root.getAsJsonObject().has("cells") || !root.getAsJsonObject().get("cells").isJsonArray()) {
            throw new Unreadable(origin + " is JSON but not a notebook: it has no list of cells");
        }
        for (JsonElement cell : root.getAsJsonObject().getAsJsonArray("cells")) {
            if (!cell.isJsonObject() || !cell.getAsJsonObject().has("cell_type")) {
                throw new Unreadable(origin + " has a cell without a cell_type");
            }
        }
        return new Notebook(root.getAsJsonObject());
    }

    /** A new notebook with the given top-level fields (metadata, nbformat) of {@code like} and no cells. */
    static Notebook emptyLike(Notebook like) {
        JsonObject json = like.json.deepCopy();
        json.add("cells", new JsonArray());
        return new Notebook(json);
    }

    /** A deep copy. */
    Notebook copy() {
        return new Notebook(json.deepCopy());
    }

    /** The cells, as live views of this notebook's JSON. */
    List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        JsonArray array = json.getAsJsonArray("cells");
        for (int k = 0; k < array.size(); k++) {
            cells.add(new Cell(array.get(k).getAsJsonObject(), k));
        }
        return cells;
    }

    /** Appends a copy of {@code cell}. */
    void add(Cell cell) {
        json.getAsJsonArray("cells").add(cell.json().deepCopy());
    }

    /** The notebook's metadata object (created when missing). */
    JsonObject metadata() {
        if (!json.has("metadata") || !json.get("metadata").isJsonObject()) {
            json.add("metadata", new JsonObject());
        }
        return json.getAsJsonObject("metadata");
    }

    /** The text Jupyter would write for this notebook. */
    String toJson() {
        StringWriter out = new StringWriter();
        try (JsonWriter writer = new JsonWriter(out)) {
            writer.setIndent(" ");
            writer.setHtmlSafe(false);
            write(writer, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out + "\n";
    }

    /** Writes the notebook to {@code file}, creating its folder. */
    void write(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(JsonWriter w, JsonElement e) throws IOException {
        if (e == null || e.isJsonNull()) {
            w.nullValue();
        } else if (e.isJsonObject()) {
            w.beginObject();
            TreeMap<String, JsonElement> sorted = new TreeMap<>();
            e.getAsJsonObject().entrySet().forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
            for (var entry : sorted.entrySet()) {
                w.name(entry.getKey());
                write(w, entry.getValue());
            }
            w.endObject();
        } else if (e.isJsonArray()) {
            w.beginArray();
            for (JsonElement item : e.getAsJsonArray()) {
                write(w, item);
            }
            w.endArray();
        } else {
            JsonPrimitive p = e.getAsJsonPrimitive();
            if (p.isBoolean()) {
                w.value(p.getAsBoolean());
            } else if (p.isNumber()) {
                w.value(p.getAsNumber());
            } else {
                w.value(p.getAsString());
            }
        }
    }

    /**
     * One cell, a view of its JSON.
     *
     * @param json  the cell object
     * @param index its position in the notebook
     */
    record Cell(JsonObject json, int index) {
        /** {@code code}, {@code markdown} or {@code raw}. */
        String type() {
            return json.get("cell_type").getAsString();
        }

        boolean isCode() {
            return type().equals("code");
        }

        /** The source as one string, as nbformat joins it. */
        String source() {
            JsonElement s = json.get("source");
            if (s == null || s.isJsonNull()) {
                return "";
            }
            if (s.isJsonArray()) {
                StringBuilder b = new StringBuilder();
                s.getAsJsonArray().forEach(line -> b.append(line.isJsonNull() ? "" : line.getAsString()));
                return b.toString();
            }
            return s.getAsString();
        }

        /** Replaces the source, stored as Jupyter stores it: a list of lines, each but the last ending in "\n". */
        void source(String text) {
            JsonArray lines = new JsonArray();
            int start = 0;
            while (start < text.length()) {
                int end = text.indexOf('\n', start);
                end = end < 0 ? text.length() : end + 1;
                lines.add(text.substring(start, end));
                start = end;
            }
            json.add("source", lines);
        }

        /** The cell's metadata object (created when missing). */
        JsonObject metadata() {
            if (!json.has("metadata") || !json.get("metadata").isJsonObject()) {
                json.add("metadata", new JsonObject());
            }
            return json.getAsJsonObject("metadata");
        }

        /** Clears outputs and the execution count of a code cell. */
        void clearOutputs() {
            if (isCode()) {
                json.add("outputs", new JsonArray());
                json.add("execution_count", com.google.gson.JsonNull.INSTANCE);
            }
        }
    }
}
