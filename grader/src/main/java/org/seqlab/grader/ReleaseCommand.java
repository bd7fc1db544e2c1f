package org.seqlab.grader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code release [ASSIGNMENT…]}: writes the student versions of the instructor sources. */
@Command(name = "release", description = "Write the student versions of exercises/source/*.ipynb to notebooks/exercises/.")
final class ReleaseCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ASSIGNMENT", description = "names such as 03-vanilla-rnn (default: every source)")
    List<String> names = new ArrayList<>();

    @Option(names = "--source", paramLabel = "DIR", defaultValue = Main.ROOT + "/exercises/source", description = "the instructor sources")
    Path source;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = Main.ROOT + "/notebooks/exercises", description = "where the student versions go")
    Path out;

    @Option(names = "--check", description = "write nothing; fail when a committed student version differs from a fresh release")
    boolean check;

    @Override
    public Integer call() throws IOException {
        List<Path> files = sources(source, names);
        List<String> stale = new ArrayList<>();
        for (Path file : files) {
            Assignment a = Assignment.load(file);
            String text = Release.of(a).toJson();
            Path target = out.resolve(file.getFileName());
            if (check) {
                String committed = Files.isRegularFile(target) ? Files.readString(target, StandardCharsets.UTF_8) : null;
                if (!text.equals(committed)) {
                    stale.add(target.toString());
                }
            } else {
                Files.createDirectories(out);
                Files.writeString(target, text, StandardCharsets.UTF_8);
                System.out.println("released " + a.name() + ": " + a.exercises().size() + " exercises, "
                        + Csv.number(a.maxScore()) + " points -> " + target);
            }
        }
        if (!stale.isEmpty()) {
            System.err.println("[grader] these student versions differ from a fresh release (run ./course exercises release): "
                    + String.join(", ", stale));
            return 1;
        }
        return 0;
    }

    /** The source notebooks named (or all of them), checked to exist. */
    static List<Path> sources(Path dir, List<String> names) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no instructor sources in " + dir);
        }
        if (names.isEmpty()) {
            try (Stream<Path> list = Files.list(dir)) {
                return list.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().toList();
            }
        }
        List<Path> files = new ArrayList<>();
        for (String n : names) {
            Path p = dir.resolve(n.endsWith(".ipynb") ? n : n + ".ipynb");
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("no assignment " + n + " (expected " + p + ")");
            }
            files.add(p);
        }
        return files;
    }
}
