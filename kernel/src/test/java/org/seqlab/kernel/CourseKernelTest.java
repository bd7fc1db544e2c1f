package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The kernel without a Jupyter connection: JShell on this JVM's class path, cells run through evalRaw. */
class CourseKernelTest {
    private static CourseKernel kernel;

    @BeforeAll
    static void start() {
        kernel = new CourseKernel();
    }

    @AfterAll
    static void stop() {
        kernel.onShutdown(false);
    }

    @Test
    void anInterruptStopsALoopThatIgnoresItAndKeepsEarlierVariables() throws Exception {
        assumeTrue(Runtime.version().feature() < 20, "Thread.stop exists until Java 19");
        kernel.evalRaw("int kept = 41;");
        CompletableFuture<Object> cell = CompletableFuture.supplyAsync(() -> {
            try {
                return kernel.evalRaw("while (true) {}");
            } catch (Exception e) {
                return e;
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (CellStopper.cellThreads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(1, CellStopper.cellThreads().size(), "the loop did not start");

        long interrupted = System.nanoTime();
        kernel.interrupt();
        Object ended = cell.get(5, TimeUnit.SECONDS);
        assertTrue(ended instanceof Exception, "the interrupted cell ended with " + ended);
        while (!CellStopper.cellThreads().isEmpty() && System.nanoTime() - interrupted < TimeUnit.SECONDS.toNanos(2)) {
            Thread.sleep(20);
        }
        assertEquals(0, CellStopper.cellThreads().size(), "the loop still runs 2 s after the interrupt");
        assertEquals(42, kernel.evalRaw("kept + 1"));
    }
}
