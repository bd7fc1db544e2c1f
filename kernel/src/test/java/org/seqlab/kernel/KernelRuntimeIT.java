package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The course kernel's runtime over the real {@code jupyter_client}: Kernel → Interrupt on every kind of runaway
 * cell, exits, threads, and a quiet log. Each test runs one scenario of {@code src/test/python/kernel_runtime.py}
 * on the installed kernel, which runs on the JDK named by {@code -Dseqlab.kernel.java} (the test JVM's own when
 * unset), so {@code ./course test} runs them once per JDK of its matrix.
 */
class KernelRuntimeIT {
    private static void scenario(String name) {
        KernelFixture.Installation kernel = KernelFixture.installed();
        Path script = Path.of(System.getProperty("seqlab.kernel.python", "src/test/python"), "kernel_runtime.py");
        KernelFixture.Result result = KernelFixture.run(List.of(KernelFixture.PYTHON, script.toString(), name),
                kernel.env(), Duration.ofMinutes(4));
        System.out.println(result.output());   // the measured stop times, for the build log
        assertEquals(0, result.status(), () -> "scenario " + name + " failed:\n" + result.output());
    }

    @Test
    void everyKindOfRunawayCellStopsWithinTwoSecondsAndTheNextCellAnswersWithTheVariablesKept() {
        scenario("stop-cases");
    }

    @Test
    void threadsACellStartedStopWithItAndOneThatCannotIsNamed() {
        scenario("stop-threads");
    }

    @Test
    void aCellStuckInLibraryCodeIsLeftBehindAndLaterCellsRunAndAreWarned() {
        scenario("stop-stuck-cell");
    }

    @Test
    void anInterruptBeforeItsCellStartsIsNotLostAndAnIdleOneDoesNotLinger() {
        scenario("interrupt-early");
    }

    @Test
    void everyExitFromACellIsRefusedWithAPlainMessageAndTheKernelKeepsItsVariables() {
        scenario("exits");
    }

    @Test
    void theJupyterLogGetsNoWarningsFromTheJvm() {
        scenario("quiet-log");
    }

    @Test
    void aNotebookSavedOutsideTheRepositoryFindsTheCoursesDatasets() {
        scenario("datasets-anywhere");
    }
}
