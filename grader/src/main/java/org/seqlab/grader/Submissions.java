package org.seqlab.grader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the submissions in a folder: {@code <student_id>.ipynb} files and {@code <student_id>/} folders holding one
 * notebook each (at any depth, as nbgrader's {@code submitted/<student>/<assignment>/} has it). In a folder with
 * several notebooks the one named after the assignment wins, else the one sharing most grade ids with it: a
 * renamed notebook is found by its grade ids.
 */
final class Submissions {
    private Submissions() {}

    /**
     * One student's submission.
     *
     * @param studentId the file or folder name
     * @param file      the notebook, or null when the folder holds none
     * @param folder    the student's folder (for {@code timestamp.txt}), or null
     * @param notes     what the discovery noticed (a renamed notebook)
     */
    record Found(String studentId, Path file, Path folder, List<String> notes) {}

    static List<Found> in(Path dir, Assignment assignment) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("the submissions folder " + dir + " does not exist");
        }
        List<Found> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                if (Files.isRegularFile(p) && name.endsWith(".ipynb")) {
                    found.add(new Found(name.substring(0, name.length() - ".ipynb".length()), p, null, List.of()));
                } else if (Files.isDirectory(p)) {
                    found.add(inFolder(name, p, assignment));
                }
            }
        }
        return found;
    }

    /** The notebook of one student's folder. */
    static Found inFolder(String studentId, Path folder, Assignment assignment) throws IOException {
        List<Path> notebooks;
        try (Stream<Path> walk = Files.walk(folder, 4)) {
            notebooks = walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".ipynb"))
                    .filter(p -> !p.toString().contains(".ipynb_checkpoints")).sorted().toList();
        }
        if (notebooks.isEmpty()) {
            return new Found(studentId, null, folder, List.of());
        }
        String expected = assignment.name() + ".ipynb";
        Path chosen = notebooks.stream().filter(p -> p.getFileName().toString().equals(expected)).findFirst()
                .orElseGet(() -> notebooks.stream().max(Comparator.comparingInt(p -> sharedIds(p, assignment))).get());
        List<String> notes = new ArrayList<>();
        if (!chosen.getFileName().toString().equals(expected)) {
            notes.add("the notebook is named " + chosen.getFileName() + ", not " + expected + "; it was matched by its grade ids ("
                    + sharedIds(chosen, assignment) + " of " + assignment.gradeIds().size() + ")");
        }
        if (notebooks.size() > 1) {
            notes.add("the folder holds " + notebooks.size() + " notebooks; " + folder.relativize(chosen) + " was graded");
        }
        return new Found(studentId, chosen, folder, List.copyOf(notes));
    }

    private static int sharedIds(Path file, Assignment assignment) {
        try {
            Set<String> ids = new HashSet<>(assignment.gradeIds());
            int n = 0;
            for (Notebook.Cell c : Notebook.read(file).cells()) {
                if (Nbgrader.meta(c) != null && ids.remove(Nbgrader.gradeId(c))) {
                    n++;
                }
            }
            return n;
        } catch (Notebook.Unreadable e) {
            return -1;
        }
    }
}
