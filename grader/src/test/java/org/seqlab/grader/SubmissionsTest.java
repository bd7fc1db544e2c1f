package org.seqlab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmissionsTest {
    @TempDir
    Path dir;

    @Test
    void filesAndFoldersAreStudentsAndARenamedNotebookIsFoundByItsGradeIds() throws Exception {
        Assignment a = Fixtures.assignment();
        String released = Release.of(a).toJson();
        Files.writeString(dir.resolve("ann.ipynb"), released);
        Files.createDirectories(dir.resolve("ben/fixture"));
        Files.writeString(dir.resolve("ben/fixture/my copy (1).ipynb"), released);
        Files.writeString(dir.resolve("ben/fixture/scratch.ipynb"), Fixtures.notebook(Fixtures.plain("code", "1")).toJson());
        Files.writeString(dir.resolve("ben/timestamp.txt"), "2026-11-29 10:00:00 UTC\n");
        Files.createDirectories(dir.resolve("cat"));
        List<Submissions.Found> found = Submissions.in(dir, a);
        assertEquals(List.of("ann", "ben", "cat"), found.stream().map(Submissions.Found::studentId).toList());
        assertEquals("my copy (1).ipynb", found.get(1).file().getFileName().toString());
        assertTrue(found.get(1).notes().get(0).contains("matched by its grade ids (5 of 5)"), found.get(1).notes().toString());
        assertEquals("2026-11-29 10:00:00 UTC", Autograder.timestamp(found.get(1).folder()));
        assertNull(found.get(2).file());
    }

    @Test
    void emptyAndMalformedFilesAreUnreadableWithAReason() throws Exception {
        Files.writeString(dir.resolve("empty.ipynb"), "");
        Files.writeString(dir.resolve("bad.ipynb"), "{\"cells\": [");
        Files.writeString(dir.resolve("list.ipynb"), "[1, 2]");
        assertTrue(assertThrows(Notebook.Unreadable.class, () -> Notebook.read(dir.resolve("empty.ipynb"))).getMessage().contains("is empty"));
        assertTrue(assertThrows(Notebook.Unreadable.class, () -> Notebook.read(dir.resolve("bad.ipynb"))).getMessage()
                .contains("is not valid JSON"));
        assertTrue(assertThrows(Notebook.Unreadable.class, () -> Notebook.read(dir.resolve("list.ipynb"))).getMessage()
                .contains("not a notebook"));
    }

    @Test
    void sizesReadAsTheJvmWritesThem() {
        assertEquals(2L << 30, Limits.parseSize("2g"));
        assertEquals(512L << 20, Limits.parseSize("512m"));
        assertThrows(IllegalArgumentException.class, () -> Limits.parseSize("lots"));
    }
}
