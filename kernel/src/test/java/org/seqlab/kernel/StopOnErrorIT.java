package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code stop_on_error} through the real {@code jupyter_client}, as Run All sends it: each test runs one scenario
 * of {@code src/test/python/stop_on_error.py} against the installed course kernel.
 */
class StopOnErrorIT {
    private static void scenario(String name) {
        KernelFixture.Installation kernel = KernelFixture.installed();
        Path script = Path.of(System.getProperty("seqlab.kernel.python", "src/test/python"), "stop_on_error.py");
        KernelFixture.Result result = KernelFixture.run(List.of(KernelFixture.PYTHON, script.toString(), name),
                kernel.env(), Duration.ofMinutes(15));
        assertEquals(0, result.status(), () -> "scenario " + name + " failed:\n" + result.output());
    }

    @Test
    void requestsQueuedBehindAFailedCellAreAbortedAndALaterOneRuns() {
        scenario("queue");
    }

    @Test
    void anInterruptedCellAbortsTheQueueBehindItToo() {
        scenario("interrupted");
    }

    @Test
    void withStopOnErrorFalseTheCellsBehindAFailureRun() {
        scenario("no-stop");
    }

    @Test
    void aSilentFailureAbortsNothing() {
        scenario("silent");
    }
}
