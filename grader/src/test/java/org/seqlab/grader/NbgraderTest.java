package org.seqlab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NbgraderTest {
    @Test
    void checksumOfAGradeCellMatchesNbgradersAlgorithmComputedInPython() {
        // Golden value: hashlib.md5 over 'x = 1\n// é', 'code', 'True', 'False', 'True', 't1', '2.5' (nbgrader/utils.py).
        Notebook.Cell cell = Fixtures.notebook(Fixtures.cell("code", "x = 1\n// é", "t1", true, false, false, 2.5)).cells().get(0);
        assertEquals("a82b9d3ed2d0f2e67d801ba3ca772c14", Nbgrader.checksum(cell));
    }

    @Test
    void aGradeCellIsLockedAndASolutionCellIsNot() {
        var cells = Fixtures.source().cells();
        assertTrue(Nbgrader.isLocked(cells.get(3)));
        assertFalse(Nbgrader.isLocked(cells.get(2)));
        assertTrue(Nbgrader.isLocked(cells.get(1)));
        assertFalse(Nbgrader.isTracked(cells.get(0)));
    }

    @Test
    void pointsArePrintedAsPythonPrintsAFloat() {
        assertEquals("4.0", Nbgrader.pythonFloat(4));
        assertEquals("2.5", Nbgrader.pythonFloat(2.5));
        assertEquals("0.0", Nbgrader.pythonFloat(0));
    }

    @Test
    void everyReleasedChecksumEqualsAnIndependentPythonComputation() throws Exception {
        Path dir = Fixtures.root().resolve("notebooks/exercises");
        int compared = 0;
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList()) {
                Map<String, String> python = python(file);
                Map<String, String> ours = new LinkedHashMap<>();
                for (Notebook.Cell c : Notebook.read(file).cells()) {
                    if (Nbgrader.isTracked(c)) {
                        ours.put(Nbgrader.gradeId(c), Nbgrader.meta(c).get("checksum").getAsString());
                    }
                }
                assertEquals(python, ours, file.toString());
                compared += ours.size();
            }
        }
        assertTrue(compared > 0, "no released notebook in " + dir);
    }

    private static Map<String, String> python(Path notebook) throws IOException, InterruptedException {
        Path script = Fixtures.root().resolve("grader/src/test/python/nbgrader_checksums.py");
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), notebook.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        Map<String, String> sums = new LinkedHashMap<>();
        for (String line : out.strip().split("\n")) {
            String[] parts = line.split(" ");
            sums.put(parts[0], parts[1]);
        }
        return sums;
    }
}
