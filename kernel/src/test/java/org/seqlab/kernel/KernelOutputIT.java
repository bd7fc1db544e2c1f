package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the installed course kernel shows, checked through the real {@code jupyter_client}: each test runs one
 * scenario of {@code src/test/python/kernel_output.py}.
 */
class KernelOutputIT {
    private static void scenario(String name) {
        KernelFixture.Installation kernel = KernelFixture.installed();
        Path script = Path.of(System.getProperty("seqlab.kernel.python", "src/test/python"), "kernel_output.py");
        Map<String, String> env = new HashMap<>(kernel.env());
        env.put("SEQLAB_TEST_JARS", System.getProperty("seqlab.test.jars", "target/reference-jars"));
        KernelFixture.Result result = KernelFixture.run(List.of(KernelFixture.PYTHON, script.toString(), name),
                env, Duration.ofMinutes(15));
        assertEquals(0, result.status(), () -> "scenario " + name + " failed:\n" + result.output());
    }

    @Test
    void errorsShowEveryCauseWithTheCellsOwnLinesInThemeProofColours() {
        scenario("errors");
    }

    @Test
    void printedOutputArrivesWhileTheCellRunsInFewMessagesInOrderAndIsCappedWithANote() {
        scenario("streams");
    }

    @Test
    void whatACellPrintsWhileAnInterruptStopsItReachesThatCellBeforeItsError() {
        scenario("interrupt-output");
    }

    @Test
    void anInterruptedTrainingRunShowsACalmNoticeWithTheStepItStoppedAt() {
        scenario("training-notice");
    }

    @Test
    void arraysRecordsCollectionsOptionalsUrlsPathsImagesAndListsOfChartsRenderReadably() {
        scenario("values");
    }

    @Test
    void aNewerJeroMqOrGsonAddedWithJarsAndTheLibrarysOwnVersionsWinOverIJavasBundledCopies() {
        scenario("relocation");
    }
}
