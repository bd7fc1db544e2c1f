package org.seqlab.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.Gson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an executed notebook against what its author declared, and against the house rule that a
 * lesson shows no error.
 *
 * <p>A lesson author declares expectations in a code cell's metadata (Jupyter: View → Cell Toolbar → Edit
 * Metadata), under {@code "seqlab": {"expect": [...]}}; each entry is one check:
 * <pre>
 *   {"images": 1}                                  the cell shows at least one image/png
 *   {"html": 1}                                    the cell shows at least one text/html view
 *   {"matches": "shape \\[64, 32\\]"}              its text output (stdout and text/plain) matches the regex
 *   {"number": "val loss = (\\S+)", "max": 2.5}    the regex's first group parses as a number in [min, max]
 *   {"error": "IllegalArgumentException"}          the cell raises, and the error's name or message matches
 * </pre>
 * A cell that is meant to fail carries the tag {@code raises-exception} (so Jupyter goes on executing) and an
 * {@code "error"} expectation, which needs the cell tag {@code raises-exception} too (Jupyter's own tools run past
 * such a cell only with it); any other error output fails the notebook.
 */
final class NotebookExpectations {
    private static final Gson GSON = new Gson();
    private NotebookExpectations() {}

    /** Every failure found in the executed notebook at {@code path}, each naming the cell; empty if it passed. */
    static List<String> check(Path path) throws IOException {
        JsonObject nb = GSON.fromJson(Files.readString(path, StandardCharsets.UTF_8), JsonObject.class);
        return check(nb);
    }

    private static boolean hasTag(JsonObject cell, String tag) {
        JsonObject meta = cell.has("metadata") ? cell.getAsJsonObject("metadata") : new JsonObject();
        if (!meta.has("tags")) return false;
        for (JsonElement t : meta.getAsJsonArray("tags")) {
            if (tag.equals(t.getAsString())) return true;
        }
        return false;
    }

    /** Every failure found in an executed notebook. */
    static List<String> check(JsonObject nb) {
        List<String> failures = new ArrayList<>();
        JsonArray cells = nb.getAsJsonArray("cells");
        int codeIndex = 0;
        for (int i = 0; i < cells.size(); i++) {
            JsonObject cell = cells.get(i).getAsJsonObject();
            if (!"code".equals(cell.get("cell_type").getAsString())) continue;
            codeIndex++;
            String where = "code cell " + codeIndex + " (" + firstLine(cell) + ")";
            checkCell(cell, where, failures);
        }
        return failures;
    }

    private static void checkCell(JsonObject cell, String where, List<String> failures) {
        Outputs out = Outputs.of(cell);
        JsonArray expect = expectations(cell);
        boolean errorExpected = false;
        for (JsonElement e : expect) {
            if (e.getAsJsonObject().has("error")) errorExpected = true;
        }
        if (!out.errors.isEmpty() && !errorExpected) {
            failures.add(where + " raised " + String.join("; ", out.errors));
        }
        if (errorExpected && !hasTag(cell, "raises-exception")) {
            failures.add(where + " declares an error but lacks the tag raises-exception, so nbconvert, nbclient and"
                    + " papermill stop the notebook there");
        }
        if (expect.size() > 0 && cell.get("execution_count").isJsonNull()) {
            failures.add(where + " has expectations but did not run");
            return;
        }
        for (JsonElement e : expect) {
            checkOne(e.getAsJsonObject(), out, where, failures);
        }
    }

    private static void checkOne(JsonObject check, Outputs out, String where, List<String> failures) {
        if (check.has("images")) {
            int want = check.get("images").getAsInt();
            if (out.images < want) failures.add(where + " shows " + out.images + " image(s), expected at least " + want);
        } else if (check.has("html")) {
            int want = check.get("html").getAsInt();
            if (out.html < want) failures.add(where + " shows " + out.html + " HTML view(s), expected at least " + want);
        } else if (check.has("matches")) {
            String regex = check.get("matches").getAsString();
            if (!Pattern.compile(regex, Pattern.MULTILINE).matcher(out.text).find()) {
                failures.add(where + " output does not match /" + regex + "/; it was: " + abbreviate(out.text));
            }
        } else if (check.has("number")) {
            checkNumber(check, out, where, failures);
        } else if (check.has("error")) {
            String regex = check.get("error").getAsString();
            Pattern p = Pattern.compile(regex);
            if (out.errors.stream().noneMatch(err -> p.matcher(err).find())) {
                failures.add(where + " should raise an error matching /" + regex + "/ but raised "
                        + (out.errors.isEmpty() ? "nothing" : out.errors));
            }
        } else {
            failures.add(where + " has an unknown expectation " + check
                    + " (known: images, html, matches, number, error)");
        }
    }

    private static void checkNumber(JsonObject check, Outputs out, String where, List<String> failures) {
        String regex = check.get("number").getAsString();
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(out.text);
        if (!m.find() || m.groupCount() < 1) {
            failures.add(where + " printed no number for /" + regex + "/; output: " + abbreviate(out.text));
            return;
        }
        double value;
        try {
            value = Double.parseDouble(m.group(1).replace(",", ""));
        } catch (NumberFormatException e) {
            failures.add(where + " printed '" + m.group(1) + "' for /" + regex + "/, not a number");
            return;
        }
        double min = check.has("min") ? check.get("min").getAsDouble() : Double.NEGATIVE_INFINITY;
        double max = check.has("max") ? check.get("max").getAsDouble() : Double.POSITIVE_INFINITY;
        if (!(value >= min && value <= max)) {
            failures.add(where + " printed " + value + " for /" + regex + "/, expected within [" + min + ", " + max + "]");
        }
    }

    private static JsonArray expectations(JsonObject cell) {
        JsonObject meta = cell.has("metadata") ? cell.getAsJsonObject("metadata") : new JsonObject();
        if (!meta.has("seqlab")) return new JsonArray();
        JsonObject seqlab = meta.getAsJsonObject("seqlab");
        return seqlab.has("expect") ? seqlab.getAsJsonArray("expect") : new JsonArray();
    }

    private static String firstLine(JsonObject cell) {
        String src = joined(cell.get("source")).strip();
        int nl = src.indexOf('\n');
        return abbreviate(nl < 0 ? src : src.substring(0, nl));
    }

    static String joined(JsonElement e) {
        if (e == null || e.isJsonNull()) return "";
        if (e.isJsonPrimitive()) return e.getAsString();
        StringBuilder s = new StringBuilder();
        for (JsonElement part : e.getAsJsonArray()) s.append(part.getAsString());
        return s.toString();
    }

    private static String abbreviate(String s) {
        String one = s.replace('\n', ' ');
        return one.length() <= 160 ? one : one.substring(0, 157) + "...";
    }

    /** What one cell showed, counted by kind. */
    private record Outputs(String text, int images, int html, List<String> errors) {
        static Outputs of(JsonObject cell) {
            StringBuilder text = new StringBuilder();
            int images = 0;
            int html = 0;
            List<String> errors = new ArrayList<>();
            JsonArray outputs = cell.has("outputs") ? cell.getAsJsonArray("outputs") : new JsonArray();
            for (JsonElement o : outputs) {
                JsonObject out = o.getAsJsonObject();
                String type = out.get("output_type").getAsString();
                switch (type) {
                    case "stream" -> {
                        if ("stdout".equals(out.get("name").getAsString())) text.append(joined(out.get("text")));
                    }
                    case "display_data", "execute_result" -> {
                        JsonObject data = out.getAsJsonObject("data");
                        if (data.has("image/png")) images++;
                        if (data.has("text/html")) html++;
                        if (data.has("text/plain")) text.append(joined(data.get("text/plain"))).append('\n');
                    }
                    case "error" -> errors.add(out.get("ename").getAsString() + ": " + out.get("evalue").getAsString());
                    default -> { }
                }
            }
            return new Outputs(text.toString(), images, html, errors);
        }
    }
}
