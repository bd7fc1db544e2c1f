package org.seqlab.kernel;

import java.io.File;
import java.nio.file.Path;
import jdk.jshell.JShell;

/** JShell instances for the analysis tests: this JVM's class path (the library, ND4J, ...) and the course's imports. */
final class TestShells {
    /** The library's sources in this repository, which the kernel ships as a sources jar. */
    static final Path LIBRARY_SOURCES = Path.of("../lib/src/main/java").toAbsolutePath().normalize();

    private TestShells() {}

    /** A JShell that runs snippets in this JVM, with the imports of the course's start-up script. */
    static JShell withLibrary() {
        JShell shell = JShell.builder().executionEngine("local").build();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            shell.addToClasspath(entry);
        }
        shell.eval("import java.util.*;");
        for (String line : StartupScript.text(java.util.Set.copyOf(StartupScript.LIBRARY_PACKAGES)).split("\n")) {
            if (line.startsWith("import")) {
                shell.eval(line);
            }
        }
        return shell;
    }
}
