package org.seqlab.kernel;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Where JShell finds the javadoc it shows: the JDK's sources ({@code lib/src.zip}, found by JShell itself; on
 * Debian the package {@code openjdk-17-source}) and the sources jars shipped with the kernel in
 * {@code dist/src/} (the course library's, built by Maven beside its jar).
 *
 * <p>JShell (17 to 25) has no public way to add sources: its analysis keeps the list it searches in a private
 * field, filled once with the JDK's sources. {@link #add} appends to that list by reflection, which needs the JVM
 * option {@link #OPENS} (the kernelspec passes it). Without it, or on a JDK whose JShell changed, signatures
 * still show, and javadoc only for the JDK.
 */
final class JavadocSources {
    /** The JVM option that lets {@link #add} reach JShell's list. */
    static final String OPENS = "--add-opens=jdk.jshell/jdk.jshell=ALL-UNNAMED";

    private JavadocSources() {}

    /**
     * Appends {@code sources} (jars, zips or folders of {@code .java} files) to the places JShell's analysis
     * searches for javadoc.
     *
     * @return whether JShell took them
     */
    static boolean add(SourceCodeAnalysis analysis, List<Path> sources) {
        if (sources.isEmpty()) {
            return true;
        }
        try {
            Method find = analysis.getClass().getDeclaredMethod("findSources");
            find.setAccessible(true);
            Field field = analysis.getClass().getDeclaredField("availableSources");
            field.setAccessible(true);
            List<?> jdk = (List<?>) find.invoke(analysis);
            List<Object> all = new ArrayList<>(jdk);
            for (Path p : sources) {
                if (!all.contains(p)) all.add(p);
            }
            field.set(analysis, List.copyOf(all));
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The sources jars shipped with the kernel: the {@code .jar} files in the {@code src} folder beside the folder
     * holding this class's jar ({@code kernel/target/dist/src} for {@code kernel/target/dist/lib}); none when the
     * kernel runs from compiled classes.
     */
    static List<Path> shipped() {
        try {
            Path self = Path.of(JavadocSources.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(self) || self.getParent() == null || self.getParent().getParent() == null) {
                return List.of();
            }
            Path src = self.getParent().getParent().resolve("src");
            if (!Files.isDirectory(src)) {
                return List.of();
            }
            try (Stream<Path> files = Files.list(src)) {
                return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
            }
        } catch (URISyntaxException | IOException | SecurityException e) {
            return List.of();
        }
    }
}
