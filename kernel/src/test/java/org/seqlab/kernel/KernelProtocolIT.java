package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The installed course kernel spoken to through the real {@code jupyter_client}: each test runs one scenario
 * of {@code src/test/python/kernel_protocol.py}, which starts the kernel, sends messages and checks the replies.
 */
class KernelProtocolIT {
    private static void scenario(String name) {
        KernelFixture.Installation kernel = KernelFixture.installed();
        Path script = Path.of(System.getProperty("seqlab.kernel.python", "src/test/python"), "kernel_protocol.py");
        KernelFixture.Result result = KernelFixture.run(List.of(KernelFixture.PYTHON, script.toString(), name),
                kernel.env(), Duration.ofMinutes(15));
        assertEquals(0, result.status(), () -> "scenario " + name + " failed:\n" + result.output());
    }

    @Test
    void cellsKeepStateReportErrorsAndCompileErrorsDisplayAndCompleteLibraryNames() {
        scenario("cells");
    }

    @Test
    void tablesArraysChartsAndDisplayablesRenderAsRichOutput() {
        scenario("renderers");
    }

    @Test
    void anInterruptStopsARunawayCellWithinTwoSecondsAndKeepsTheVariables() {
        scenario("interrupt");
    }

    @Test
    void anInterruptDuringTrainingKeepsTheModelAndHistoryTrainedSoFar() {
        scenario("training-interrupt");
    }

    @Test
    void systemExitInACellIsBlockedWithAPlainMessageAndTheKernelLivesOn() {
        scenario("exit");
    }

    @Test
    void theKernelExitsWhenTheProcessThatStartedItDies() {
        scenario("orphan");
    }
}
