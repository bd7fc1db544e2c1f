package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the installed course kernel shows, checked through the real {@code jupyter_client}: each test runs one
 * scenario of {@code src/test/python/kernel_output.py}.
 */
class KernelOutputIT {
    private static void scenario(String name) {
        KernelFixture.Installation kernel = KernelFixture.installed();
        Path script = Path.of(System.getProperty("seqlab.kernel.python", "src/test/python"), "kernel_output.py");
        KernelFixture.Result result = KernelFixture.run(List.of(KernelFixture.PYTHON, script.toString(), name),
                kernel.env(), Duration.ofMinutes(3));
        assertEquals(0, result.status(), () -> "scenario " + name + " failed:\n" + result.output());
    }

    @Test
    void errorsShowEveryCauseWithTheCellsOwnLinesInThemeProofColours() {
        scenario("errors");
    }

    @Test
    void printedOutputArrivesInFewMessagesInOrderAlsoWhileAnInterruptStopsTheCellAndIsCappedWithANote() {
        scenario("streams");
    }

    @Test
    void anInterruptedTrainingRunShowsACalmNoticeWithTheStepItStoppedAt() {
        scenario("training-notice");
    }
}
