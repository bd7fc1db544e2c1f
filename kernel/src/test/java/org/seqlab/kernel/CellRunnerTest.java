package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runner's decisions with real threads: which interrupt applies to which cell, what a stopped cell reports,
 * and that a cell that ends cleanly after an interrupt keeps its value. The cells are woven copies of
 * {@link CellWeaverTest.Cell} or plain callables.
 */
class CellRunnerTest {
    private CellRunner runner;
    private Class<?> cell;

    @BeforeEach
    void newRunner() throws Exception {
        byte[] original;
        try (InputStream in = CellWeaverTest.class.getResourceAsStream("CellWeaverTest$Cell.class")) {
            original = in.readAllBytes();
        }
        byte[] woven = CellWeaver.weave(original);
        ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {
            {
                byte[] hook = CellWeaver.hookClass();
                defineClass(CellWeaver.HOOK_NAME, hook, 0, hook.length);
                defineClass(CellWeaverTest.Cell.class.getName(), woven, 0, woven.length);
            }
        };
        runner = new CellRunner(new StopSignal(loader.loadClass(CellWeaver.HOOK_NAME)));
        cell = loader.loadClass(CellWeaverTest.Cell.class.getName());
    }

    /** Runs a learner's cell on another thread, as IJava's shell thread would. */
    private CompletableFuture<Object> learnerCell(java.util.concurrent.Callable<Object> body) {
        return CompletableFuture.supplyAsync(() -> {
            runner.cellStarts();
            try {
                return runner.run(body);
            } catch (Exception e) {
                return e;
            } finally {
                runner.cellEnds();
            }
        });
    }

    @Test
    void anEndlessLoopThatIgnoresItsInterruptIsStoppedByThePollAndReportsInterrupted() throws Exception {
        Method spin = cell.getMethod("spin");
        CompletableFuture<Object> ended = learnerCell(() -> spin.invoke(null));
        Thread.sleep(300);
        runner.interrupt();
        assertInstanceOf(CellRunner.Interrupted.class, ended.get(10, TimeUnit.SECONDS));
        long counted = cell.getField("n").getLong(null);
        Thread.sleep(100);
        assertEquals(counted, cell.getField("n").getLong(null), "the loop still counts after its cell ended");
    }

    @Test
    void aCellThatEndsCleanlyAfterTheInterruptReportsInterruptedAsHavingReturned() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<Object> ended = learnerCell(() -> {
            running.countDown();
            // Like Trainer.fit: notices the interrupt at the end of a step and returns what it has.
            while (!Thread.currentThread().isInterrupted()) Thread.onSpinWait();
            return "trained so far";
        });
        running.await();
        runner.interrupt();
        // The cell still reports "interrupted" (so Run All stops there); what it assigned before returning stays,
        // as JShell assigned it inside the body (VariableNotices keeps such a variable).
        Object outcome = ended.get(10, TimeUnit.SECONDS);
        assertInstanceOf(CellRunner.Interrupted.class, outcome);
        assertTrue(((CellRunner.Interrupted) outcome).returned(), "the cell's code returned");
    }

    @Test
    void aSleepingCellEndsWithInterruptedAndItsExceptionIsNotShownAsAnError() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<Object> ended = learnerCell(() -> {
            running.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                throw new InvocationTargetException(e);
            }
            return null;
        });
        running.await();
        runner.interrupt();
        assertInstanceOf(CellRunner.Interrupted.class, ended.get(10, TimeUnit.SECONDS));
    }

    @Test
    void anInterruptWhileNoCellRunsStopsTheNextCellBeforeItsCodeStarts() throws Exception {
        runner.interrupt();
        AtomicBoolean ran = new AtomicBoolean();
        Object ended = learnerCell(() -> {
            ran.set(true);
            return 1;
        }).get(10, TimeUnit.SECONDS);
        assertInstanceOf(CellRunner.Interrupted.class, ended);
        assertFalse(ran.get(), "the cell's code ran although the interrupt came first");
        assertEquals(2, learnerCell(() -> 2).get(10, TimeUnit.SECONDS), "the interrupt was used up by one cell");
    }

    @Test
    void anInterruptDuringACompilationAppliesToTheCodeOfThatCell() throws Exception {
        runner.cellStarts();
        try {
            runner.interrupt();   // the cell is still being compiled: nothing runs yet
            assertThrows(CellRunner.Interrupted.class, () -> runner.run(() -> 1));
        } finally {
            runner.cellEnds();
        }
    }

    @Test
    void anInterruptDuringTheKernelsOwnWarmUpStopsItAndStillWaitsForTheLearnersCell() throws Exception {
        Method spin = cell.getMethod("spin");
        CompletableFuture<Object> warmUp = CompletableFuture.supplyAsync(() -> {
            try {
                return runner.run(() -> spin.invoke(null));
            } catch (Exception e) {
                return e;
            }
        });
        Thread.sleep(300);
        runner.interrupt();
        assertInstanceOf(CellRunner.Interrupted.class, warmUp.get(10, TimeUnit.SECONDS));
        assertInstanceOf(CellRunner.Interrupted.class, learnerCell(() -> 1).get(10, TimeUnit.SECONDS));
    }

    @Test
    void anInterruptLongBeforeACellDoesNotStopIt() throws Exception {
        runner.interrupt();
        Thread.sleep(CellRunner.EARLY.toMillis() + 200);
        assertEquals(3, learnerCell(() -> 3).get(10, TimeUnit.SECONDS));
    }

    @Test
    void onlyAStackOfTheCellsOwnFramesDownToItsEntryCountsAsOwnCode() {
        StackTraceElement own = new StackTraceElement("REPL.$JShell$12", "spin", null, 3);
        StackTraceElement entry = new StackTraceElement("REPL.$JShell$12", "do_it$", null, 1);
        StackTraceElement library = new StackTraceElement("org.seqlab.train.Trainer", "fit", null, 120);
        StackTraceElement reflection = new StackTraceElement("java.lang.reflect.Method", "invoke", null, 580);
        assertTrue(CellRunner.ownCodeOnly(new StackTraceElement[] {own, entry, reflection}));
        assertFalse(CellRunner.ownCodeOnly(new StackTraceElement[] {own, library, entry, reflection}));
        assertFalse(CellRunner.ownCodeOnly(new StackTraceElement[] {library, entry}));
        assertFalse(CellRunner.ownCodeOnly(new StackTraceElement[0]));
    }

    @Test
    void stopsAndInterruptsCountAsAStopButOtherFailuresDoNot() {
        assertTrue(CellRunner.endedByStop(new InvocationTargetException(new CellStopped())));
        assertTrue(CellRunner.endedByStop(new InvocationTargetException(new InterruptedException())));
        assertFalse(CellRunner.endedByStop(new InvocationTargetException(new IllegalStateException("boom"))));
    }

    @Test
    void theKernelsOwnWaitsDuringAStopAddUpToLessThanTheTwoSecondGoal() {
        // The protocol tests print the measured times; this holds the part the kernel decides.
        assertTrue(CellRunner.GRACE.plus(CellRunner.STOP_WAIT).plus(CellRunner.SETTLE).toMillis() < 2000);
    }

    @Test
    void aThreadWhoseTopFrameIsACellsCodeCountsAsInCellCode() {
        StackTraceElement cellFrame = new StackTraceElement("REPL.$JShell$12", "lambda$do_it$$0", null, 1);
        StackTraceElement library = new StackTraceElement("java.util.stream.LongPipeline", "sum", null, 1);
        assertTrue(CellRunner.inCellCode(new StackTraceElement[] {cellFrame, library}));
        assertFalse(CellRunner.inCellCode(new StackTraceElement[] {library, cellFrame}));
        assertFalse(CellRunner.inCellCode(new StackTraceElement[0]));
    }

    @Test
    void aWarmUpRunThatSlipsInWhileACellStartsLeavesTheInterruptForThatCell() throws Exception {
        runner.cellStarts();
        runner.interrupt();
        assertEquals("warm", runner.kernelWork(() -> runner.run(() -> "warm")));
        assertThrows(CellRunner.Interrupted.class, () -> runner.run(() -> "the learner's code"));
        runner.cellEnds();
    }
}
