package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@code ./course start} opens: Debian's Jupyter Notebook server on the workbook, offering the course
 * kernel, which starts through the server and answers a cell over the server's websocket
 * ({@code src/test/python/notebook_server.py}).
 */
class NotebookServerIT {
    @Test
    void theWorkbookOpensInJupyterAndItsKernelAnswersThroughTheServer() {
        KernelFixture.Installation kernel = KernelFixture.installed();
        Path script = Path.of(System.getProperty("seqlab.kernel.python", "src/test/python"), "notebook_server.py");
        String notebooks = System.getProperty("seqlab.notebooks", "../notebooks");
        KernelFixture.Result result = KernelFixture.run(List.of(KernelFixture.PYTHON, script.toString(), notebooks),
                kernel.env(), Duration.ofMinutes(15));
        assertEquals(0, result.status(), () -> "the notebook server check failed:\n" + result.output());
    }
}
