package org.seqlab.grader;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gradescope NAME}: a Gradescope autograder zip. At its root {@code setup.sh} (Java and Maven, then the
 * kernel and the grader built from the sources in {@code seqlab/}) and {@code run_autograder} (the grader's
 * {@code autograde} on {@code /autograder/submission}), beside the instructor's notebook.
 */
@Command(name = "gradescope", description = "Write a Gradescope autograder zip for an assignment to target/gradescope/NAME.zip.")
final class GradescopeCommand implements Callable<Integer> {
    /** The parts of the repository the zip carries: enough to build lib, kernel and grader with Maven. */
    static final List<String> MODULE_SOURCES = List.of("lib", "kernel", "grader");
    /** Modules the parent pom lists but the autograder does not build: their poms must still be there. */
    static final List<String> OTHER_MODULES = List.of("bench", "book");

    @Parameters(paramLabel = "NAME", description = "the assignment, e.g. 03-vanilla-rnn")
    String name;

    @Option(names = "--source", paramLabel = "DIR", defaultValue = Main.ROOT + "/exercises/source", description = "the instructor sources")
    Path source;

    @Option(names = "--root", paramLabel = "DIR", defaultValue = Main.ROOT, description = "the Seqlab repository (default: $SEQLAB_ROOT or .)")
    Path root;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = Main.ROOT + "/target/gradescope", description = "where the zip goes")
    Path out;

    @Override
    public Integer call() throws IOException {
        Assignment a = Assignment.load(ReleaseCommand.sources(source, List.of(name)).get(0));
        Files.createDirectories(out);
        Path zip = out.resolve(a.name() + ".zip");
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(zip.toFile())) {
            add(z, "setup.sh", script("setup.sh", a), 0755);
            add(z, "run_autograder", script("run_autograder", a), 0755);
            add(z, a.name() + ".ipynb", Files.readAllBytes(a.file()), 0644);
            add(z, "seqlab/pom.xml", Files.readAllBytes(root.resolve("pom.xml")), 0644);
            add(z, "seqlab/LICENSE", Files.readAllBytes(root.resolve("LICENSE")), 0644);
            for (String module : OTHER_MODULES) {
                add(z, "seqlab/" + module + "/pom.xml", Files.readAllBytes(root.resolve(module).resolve("pom.xml")), 0644);
            }
            for (String module : MODULE_SOURCES) {
                Path dir = root.resolve(module);
                add(z, "seqlab/" + module + "/pom.xml", Files.readAllBytes(dir.resolve("pom.xml")), 0644);
                try (Stream<Path> files = Files.walk(dir.resolve("src").resolve("main"))) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        add(z, "seqlab/" + module + "/" + dir.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f), 0644);
                    }
                }
            }
        }
        System.out.println("[grader] wrote " + zip + ": upload it as the assignment's autograder on Gradescope");
        return 0;
    }

    private static byte[] script(String resource, Assignment a) throws IOException {
        try (InputStream in = GradescopeCommand.class.getResourceAsStream("gradescope/" + resource)) {
            if (in == null) {
                throw new IOException("the grader's jar lacks gradescope/" + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@ASSIGNMENT@", a.name())
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    private static void add(ZipArchiveOutputStream z, String name, byte[] data, int mode) throws IOException {
        ZipArchiveEntry e = new ZipArchiveEntry(name);
        e.setUnixMode(mode);
        e.setSize(data.length);
        z.putArchiveEntry(e);
        try (OutputStream o = new java.io.FilterOutputStream(z) {
            @Override
            public void close() {
                // The entry is closed below; the zip stays open.
            }
        }) {
            o.write(data);
        }
        z.closeArchiveEntry();
    }
}
