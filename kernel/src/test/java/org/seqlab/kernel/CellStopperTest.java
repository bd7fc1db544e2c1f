package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CellStopperTest {
    private static final AtomicLong SINK = new AtomicLong();

    private static Thread busy(String name) {
        Thread t = new Thread(() -> {
            long i = 0;
            while (true) {
                SINK.lazySet(i++);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void aStackWithASnippetFrameIsCellCode() {
        StackTraceElement snippet = new StackTraceElement("REPL.$JShell$12", "do_it$", "#12", 1);
        StackTraceElement kernel = new StackTraceElement("java.util.concurrent.FutureTask", "run", "FutureTask.java", 264);
        assertTrue(CellStopper.runsSnippet(new StackTraceElement[] {snippet, kernel}));
        assertFalse(CellStopper.runsSnippet(new StackTraceElement[] {kernel}));
    }

    @Test
    void aThreadThatEndsOnItsInterruptIsNotStoppedByForce() throws Exception {
        Thread polite = new Thread(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // ends
            }
        });
        polite.start();
        polite.interrupt();
        CellStopper stopper = new CellStopper(Duration.ofMillis(500), Duration.ofMillis(500));
        assertEquals(List.of(), stopper.stop(List.of(polite)));
        assertNull(stopper.stuckWarning());
    }

    @Test
    void aLoopThatIgnoresItsInterruptIsStoppedAfterTheGracePeriod() throws Exception {
        assumeTrue(Runtime.version().feature() < 20, "Thread.stop exists until Java 19");
        Thread runaway = busy("runaway");
        runaway.interrupt();
        long start = System.nanoTime();
        List<Thread> left = new CellStopper(Duration.ofMillis(300), Duration.ofMillis(1000)).stop(List.of(runaway));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(List.of(), left);
        assertFalse(runaway.isAlive());
        assertTrue(millis < 1500, "stopping took " + millis + " ms");
    }

    @Test
    void aThreadThatCannotBeStoppedIsReportedAsStuck() throws Exception {
        assumeTrue(Runtime.version().feature() >= 20, "only where Thread.stop is gone");
        Thread runaway = busy("runaway");
        CellStopper stopper = new CellStopper(Duration.ofMillis(100), Duration.ofMillis(200));
        assertEquals(List.of(runaway), stopper.stop(List.of(runaway)));
        assertTrue(stopper.stuckWarning().contains("Restart"));
    }
}
