package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Printed output through the notebook server {@code ./course start} opens, counted over the kernel's websocket
 * as the browser receives it ({@code src/test/python/notebook_server_output.py}).
 */
class NotebookServerOutputIT {
    @Test
    void everyPrintedLineReachesTheBrowserInAFewMessagesWithoutTheServerDroppingAny() {
        KernelFixture.Installation kernel = KernelFixture.installed();
        Path script = Path.of(System.getProperty("seqlab.kernel.python", "src/test/python"), "notebook_server_output.py");
        String notebooks = System.getProperty("seqlab.notebooks", "../notebooks");
        KernelFixture.Result result = KernelFixture.run(List.of(KernelFixture.PYTHON, script.toString(), notebooks),
                kernel.env(), Duration.ofMinutes(15));
        assertEquals(0, result.status(), () -> "the notebook server output check failed:\n" + result.output());
    }
}
