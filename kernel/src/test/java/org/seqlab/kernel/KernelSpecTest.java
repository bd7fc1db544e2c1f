package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelSpecTest {
    private static KernelSpec spec(int javaFeature, Path cds) {
        return new KernelSpec(Path.of("/jdk/bin/java"), javaFeature, Path.of("/dist/lib"),
                List.of(Path.of("/dist/lib/seqlab-lib.jar"), Path.of("/dist/lib/nd4j-api.jar")),
                Path.of("/k/startup.jshell"), cds, 1, "2g");
    }

    @Test
    void argvRunsTheLauncherWithAbsolutePathsQuietLoggingAndTheConnectionFileLast() {
        List<String> argv = spec(17, null).argv();
        assertEquals("/jdk/bin/java", argv.get(0));
        assertTrue(argv.contains("-Xmx2g"));
        assertTrue(argv.contains("-Djava.awt.headless=true"));
        assertTrue(argv.contains("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        int cp = argv.indexOf("-cp");
        assertEquals("/dist/lib/*", argv.get(cp + 1));
        assertEquals(Launcher.class.getName(), argv.get(cp + 2));
        assertEquals("{connection_file}", argv.get(argv.size() - 1));
    }

    @Test
    void jshellsAnalysisIsOpenedSoTheLibrarysJavadocCanBeAdded() {
        assertTrue(spec(17, null).argv().contains(JavadocSources.OPENS));
        assertTrue(spec(25, null).argv().contains(JavadocSources.OPENS));
    }

    @Test
    void theSecurityManagerIsAllowedOnlyWhereJavaStillHasOne() {
        assertTrue(spec(17, null).argv().contains("-Djava.security.manager=allow"));
        assertFalse(spec(25, null).argv().contains("-Djava.security.manager=allow"));
    }

    @Test
    void aClassDataArchiveIsNamedOnlyWhenThereIsOne() {
        assertTrue(spec(17, Path.of("/k/seqlab.jsa")).argv().contains("-XX:SharedArchiveFile=/k/seqlab.jsa"));
        assertTrue(spec(17, null).argv().stream().noneMatch(a -> a.startsWith("-XX:SharedArchiveFile")));
    }

    @Test
    void kernelJsonNamesTheLanguageMessageInterruptsAndTheEnvironmentWithoutPlaceholders() {
        JsonObject json = new JsonParser().parse(spec(17, null).toJson()).getAsJsonObject();
        assertEquals("Java (Seqlab)", json.get("display_name").getAsString());
        assertEquals("java", json.get("language").getAsString());
        assertEquals("message", json.get("interrupt_mode").getAsString());
        JsonObject env = json.getAsJsonObject("env");
        assertEquals("/dist/lib/seqlab-lib.jar:/dist/lib/nd4j-api.jar", env.get("IJAVA_CLASSPATH").getAsString());
        assertEquals("/k/startup.jshell", env.get("IJAVA_STARTUP_SCRIPTS_PATH").getAsString());
        assertEquals("1", env.get("OMP_NUM_THREADS").getAsString());
        assertFalse(env.toString().contains("${") || env.toString().contains("{connection_file}"));
    }
}
