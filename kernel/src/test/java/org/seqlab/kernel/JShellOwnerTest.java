package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JShellOwnerTest {
    private static final String GUEST = "guest-of-the-cell";
    private final JShellOwner owner = new JShellOwner(t -> t.getName().equals(GUEST));

    @AfterEach
    void close() {
        owner.close();
    }

    @Test
    void workRunsOnTheOwnerThreadAndItsResultComesBack() throws Exception {
        assertEquals(JShellOwner.THREAD_NAME, owner.call(() -> Thread.currentThread().getName()));
    }

    @Test
    void workFromManyThreadsRunsOneAtATimeInTheOrderItCame() throws Exception {
        List<Integer> order = new ArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> call(() -> {
            release.await();
            order.add(0);
            return null;
        }));
        while (!owner.isBusy()) {
            Thread.sleep(1);
        }
        List<CompletableFuture<Void>> later = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int n = i;
            later.add(CompletableFuture.runAsync(() -> call(() -> order.add(n))));
            while (owner.waiting() < n) { // each caller queues before the next asks: the order asked is 1, 2, 3
                Thread.sleep(1);
            }
        }
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        for (CompletableFuture<Void> f : later) {
            f.get(10, TimeUnit.SECONDS);
        }
        assertEquals(List.of(0, 1, 2, 3), order);
    }

    @Test
    void anExceptionThrownByTheWorkReachesTheCallerAsItself() {
        IOException thrown = new IOException("no such file");
        Exception caught = assertThrows(IOException.class, () -> owner.call(() -> {
            throw thrown;
        }));
        assertSame(thrown, caught);
        Error error = new AssertionError("bad");
        assertSame(error, assertThrows(AssertionError.class, () -> owner.call(() -> {
            throw error;
        })));
    }

    @Test
    void workAskedFromTheOwnerThreadRunsAtOnceInsteadOfWaitingForItself() throws Exception {
        assertEquals("inner", owner.call(() -> owner.call(() -> "inner")));
    }

    @Test
    void aCellsOwnThreadCallingBackWhileItsCellRunsIsServedAtOnce() throws Exception {
        // The owner runs a "cell" that waits for its code, running on another thread, to call back into JShell.
        AtomicReference<String> served = new AtomicReference<>();
        String result = owner.call(() -> {
            Thread cellCode = new Thread(() -> served.set(call(() -> Thread.currentThread().getName())), GUEST);
            cellCode.start();
            cellCode.join(10_000);
            return "cell done";
        });
        assertEquals("cell done", result);
        assertEquals(GUEST, served.get(), "the cell's call back ran on its own thread, not queued behind the cell");
    }

    @Test
    void anotherThreadCallingWhileACellRunsWaitsForTheCell() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> cell = CompletableFuture.runAsync(() -> call(() -> {
            release.await();
            return null;
        }));
        while (!owner.isBusy()) {
            Thread.sleep(1);
        }
        CompletableFuture<String> other = CompletableFuture.supplyAsync(() -> call(() -> "after"));
        Thread.sleep(100);
        assertFalse(other.isDone(), "a completion ran beside the cell");
        release.countDown();
        assertEquals("after", other.get(10, TimeUnit.SECONDS));
        cell.get(10, TimeUnit.SECONDS);
    }

    @Test
    void idleWorkRunsOnlyWhenNothingElseRunsOrWaits() throws Exception {
        assertTrue(owner.callIfIdle(() -> null), "idle work did not run on an idle owner");
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> cell = CompletableFuture.runAsync(() -> call(() -> {
            release.await();
            return null;
        }));
        while (!owner.isBusy()) {
            Thread.sleep(1);
        }
        assertFalse(owner.callIfIdle(() -> {
            throw new AssertionError("idle work ran while a cell ran");
        }));
        release.countDown();
        cell.get(10, TimeUnit.SECONDS);
    }

    @Test
    void callWithinGivesUpOnWorkStuckBehindACellThatWillNotEnd() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture.runAsync(() -> call(() -> {
            release.await();
            return null;
        }));
        while (!owner.isBusy()) {
            Thread.sleep(1);
        }
        assertFalse(owner.callWithin(Duration.ofMillis(100), () -> null));
        release.countDown();
        assertTrue(owner.callWithin(Duration.ofSeconds(10), () -> null));
    }

    @Test
    void afterCloseTheQueuedWorkFinishesAndNewWorkIsRefused() throws Exception {
        assertEquals(1, owner.call(() -> 1));
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> call(() -> {
            release.await();
            return 2;
        }));
        while (!owner.isBusy()) {
            Thread.sleep(1);
        }
        CompletableFuture<Integer> queued = CompletableFuture.supplyAsync(() -> call(() -> 3));
        Thread.sleep(50);
        owner.close();
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> owner.call(() -> 4));
        assertTrue(refused.getMessage().contains("shut down"), refused.getMessage());
        release.countDown();
        assertEquals(2, running.get(10, TimeUnit.SECONDS));
        assertEquals(3, queued.get(10, TimeUnit.SECONDS), "work queued before close was dropped");
    }

    private <T> T call(JShellOwner.Work<T> work) {
        try {
            return owner.call(work);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
