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
        return new KernelSpec(Path.of("/jdk/bin/java"), javaFeature, Path.of("/dist/lib"), Path.of("/dist/lib/seqlab-kernel.jar"),
                List.of(Path.of("/dist/lib/seqlab-lib.jar"), Path.of("/dist/lib/nd4j-api.jar")),
                Path.of("/k/startup.jshell"), cds, 1, "2g", Path.of("/course/datasets"));
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
    void theKernelJarIsTheJavaAgentAndNoJavaGetsASecurityManager() {
        for (int java : new int[] {17, 21, 25}) {
            List<String> argv = spec(java, null).argv();
            assertTrue(argv.contains("-javaagent:/dist/lib/seqlab-kernel.jar"), argv::toString);
            assertTrue(argv.indexOf("-javaagent:/dist/lib/seqlab-kernel.jar") < argv.indexOf("-cp"), argv::toString);
            assertTrue(argv.stream().noneMatch(a -> a.contains("security.manager")), argv::toString);
        }
    }

    @Test
    void javasThatWarnAboutNativeAccessAndUnsafeGetTheOptionsThatPermitThemAndOlderOnesDoNot() {
        List<String> on17 = spec(17, null).argv();
        assertFalse(on17.stream().anyMatch(a -> a.startsWith("--enable-native-access") || a.startsWith("--sun-misc")), on17::toString);
        List<String> on25 = spec(25, null).argv();
        assertTrue(on25.contains("--enable-native-access=ALL-UNNAMED"), on25::toString);
        assertTrue(on25.contains("--sun-misc-unsafe-memory-access=allow"), on25::toString);
    }

    @Test
    void theDatasetsFolderIsInTheEnvironmentWhenKnown() {
        assertEquals("/course/datasets", spec(17, null).env().get("SEQLAB_DATASETS"));
        KernelSpec without = new KernelSpec(Path.of("/jdk/bin/java"), 17, Path.of("/dist/lib"), null, List.of(),
                Path.of("/k/startup.jshell"), null, 1, "2g", null);
        assertFalse(without.env().containsKey("SEQLAB_DATASETS"));
        assertTrue(without.argv().stream().noneMatch(a -> a.startsWith("-javaagent")));
    }

    @Test
    void anAheadOfTimeCacheIsMappedWithItsOwnOptionAndSilentlyIgnoredWhenStale() {
        List<String> argv = spec(25, Path.of("/k/seqlab.aot")).argv();
        assertTrue(argv.contains("-XX:AOTCache=/k/seqlab.aot"), argv::toString);
        assertTrue(argv.contains("-Xlog:aot=off,cds=off"), argv::toString);
        assertTrue(argv.stream().noneMatch(a -> a.startsWith("-XX:SharedArchiveFile")), argv::toString);
    }

    @Test
    void jshellsAnalysisIsOpenedSoTheLibrarysJavadocCanBeAdded() {
        assertTrue(spec(17, null).argv().contains(JavadocSources.OPENS));
        assertTrue(spec(25, null).argv().contains(JavadocSources.OPENS));
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
