package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StopSignalTest {
    private static StopSignal signal() {
        byte[] hook = CellWeaver.hookClass();
        ClassLoader loader = new ClassLoader(StopSignalTest.class.getClassLoader()) {
            {
                defineClass(CellWeaver.HOOK_NAME, hook, 0, hook.length);
            }
        };
        try {
            return new StopSignal(loader.loadClass(CellWeaver.HOOK_NAME));
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aRaisedStopStopsEveryThreadUntilLowered() {
        StopSignal signal = signal();
        assertDoesNotThrow(signal::check);
        signal.raise();
        assertThrows(CellStopped.class, signal::check);
        signal.lower();
        assertDoesNotThrow(signal::check);
    }

    @Test
    void aDoomedThreadStopsAtItsNextPollAndOtherThreadsRunOn() throws Exception {
        StopSignal signal = signal();
        CountDownLatch doomed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Throwable> other = CompletableFuture.supplyAsync(() -> {
            try {
                doomed.await();
                signal.check();
                release.await();
                signal.check();
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        signal.doom(Thread.currentThread());
        doomed.countDown();
        assertThrows(CellStopped.class, signal::check);
        signal.lower();
        assertThrows(CellStopped.class, signal::check, "lowering the raise does not pardon a doomed thread");
        assertEquals(List.of(Thread.currentThread()), signal.doomedAlive());
        release.countDown();
        assertEquals(null, other.get(5, TimeUnit.SECONDS), "a thread that is not doomed was stopped");
    }

    @Test
    void anExitMessageNamesTheCallSaysTheKernelStaysAndHowToRestart() {
        SecurityException e = assertThrows(SecurityException.class, () -> StopSignal.refuseExit("Runtime.getRuntime().halt", 2));
        assertTrue(e.getMessage().startsWith("Runtime.getRuntime().halt(2) is blocked in the course kernel"), e.getMessage());
        assertTrue(e.getMessage().contains("the kernel stays alive") && e.getMessage().contains("Kernel → Restart"));
    }
}
