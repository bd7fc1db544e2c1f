package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Jupyter's own kernel test suite ({@code jupyter_kernel_test}) against the installed course kernel: message
 * schemas, execution, streams, errors, rich results, completion, completeness, history and inspection, with the
 * Java samples of {@code src/test/python/jupyter_suite.py}.
 */
class JupyterKernelTestIT {
    @Test
    void theCourseKernelPassesJupytersKernelTestSuite() {
        KernelFixture.Installation kernel = KernelFixture.installed();
        Path suite = Path.of(System.getProperty("seqlab.kernel.python", "src/test/python"), "jupyter_suite.py");
        KernelFixture.Result result = KernelFixture.run(List.of(KernelFixture.PYTHON, suite.toString()),
                kernel.env(), Duration.ofMinutes(15));
        assertEquals(0, result.status(), () -> "jupyter_kernel_test failed:\n" + result.output());
    }
}
