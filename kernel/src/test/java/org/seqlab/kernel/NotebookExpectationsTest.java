package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.Gson;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotebookExpectationsTest {

    /** One executed code cell with the given expectations (JSON array) and outputs (JSON array). */
    private static JsonObject notebook(String expect, String outputs) {
        return new Gson().fromJson("""
                {"cells": [
                  {"cell_type": "markdown", "metadata": {}, "source": ["# Title"]},
                  {"cell_type": "code", "execution_count": 1, "source": ["train(model)\\n", "more"],
                   "metadata": {"tags": ["raises-exception"], "seqlab": {"expect": %s}}, "outputs": %s}
                ]}""".formatted(expect, outputs), JsonObject.class);
    }

    private static final String STDOUT = """
            {"output_type": "stream", "name": "stdout", "text": ["epoch 3  val loss = 1.84\\n"]}""";
    private static final String IMAGE = """
            {"output_type": "display_data", "metadata": {},
             "data": {"image/png": "iVBORw0KGgo=", "text/plain": ["<chart>"]}}""";
    private static final String ERROR = """
            {"output_type": "error", "ename": "java.lang.IllegalArgumentException",
             "evalue": "x must be [B=32, D=65] but is [32, 64]", "traceback": []}""";

    @Test
    void aCellThatShowsWhatItPromisesPasses() {
        JsonObject nb = notebook("""
                [{"images": 1}, {"matches": "val loss"}, {"number": "val loss = (\\\\S+)", "min": 0, "max": 2.5}]""",
                "[" + STDOUT + "," + IMAGE + "]");
        assertEquals(List.of(), NotebookExpectations.check(nb));
    }

    @Test
    void aMissingImageIsReportedWithTheCell() {
        List<String> failures = NotebookExpectations.check(notebook("[{\"images\": 1}]", "[" + STDOUT + "]"));
        assertEquals(1, failures.size());
        assertTrue(failures.get(0).contains("code cell 1 (train(model))"), failures.get(0));
        assertTrue(failures.get(0).contains("0 image(s)"), failures.get(0));
    }

    @Test
    void aNumberOutOfRangeFailsAndNamesTheValue() {
        List<String> failures = NotebookExpectations.check(
                notebook("[{\"number\": \"val loss = (\\\\S+)\", \"max\": 1.5}]", "[" + STDOUT + "]"));
        assertEquals(1, failures.size());
        assertTrue(failures.get(0).contains("1.84"), failures.get(0));
    }

    @Test
    void aNumberThatWasNeverPrintedFails() {
        List<String> failures = NotebookExpectations.check(
                notebook("[{\"number\": \"accuracy = (\\\\S+)\", \"min\": 0.9}]", "[" + STDOUT + "]"));
        assertEquals(1, failures.size());
        assertTrue(failures.get(0).contains("printed no number"), failures.get(0));
    }

    @Test
    void anUnexpectedErrorFailsEvenWithoutExpectations() {
        List<String> failures = NotebookExpectations.check(notebook("[]", "[" + ERROR + "]"));
        assertEquals(1, failures.size());
        assertTrue(failures.get(0).contains("IllegalArgumentException: x must be [B=32, D=65]"), failures.get(0));
    }

    @Test
    void aDeclaredErrorPassesOnlyWhenItMatches() {
        assertEquals(List.of(), NotebookExpectations.check(
                notebook("[{\"error\": \"must be \\\\[B=32\"}]", "[" + ERROR + "]")));
        List<String> failures = NotebookExpectations.check(
                notebook("[{\"error\": \"NullPointerException\"}]", "[" + ERROR + "]"));
        assertEquals(1, failures.size());
        List<String> silent = NotebookExpectations.check(notebook("[{\"error\": \"Exception\"}]", "[]"));
        assertTrue(silent.get(0).contains("raised nothing"), silent.get(0));
    }

    @Test
    void aDeclaredErrorNeedsTheRaisesExceptionTag() {
        JsonObject nb = notebook("[{\"error\": \"must be\"}]", "[" + ERROR + "]");
        nb.getAsJsonArray("cells").get(1).getAsJsonObject().getAsJsonObject("metadata").remove("tags");
        List<String> failures = NotebookExpectations.check(nb);
        assertEquals(1, failures.size());
        assertTrue(failures.get(0).contains("lacks the tag raises-exception"), failures.get(0));
    }

    @Test
    void anUnknownExpectationIsAnAuthorError() {
        List<String> failures = NotebookExpectations.check(notebook("[{\"imagez\": 1}]", "[" + IMAGE + "]"));
        assertEquals(1, failures.size());
        assertTrue(failures.get(0).contains("unknown expectation"), failures.get(0));
    }
}
