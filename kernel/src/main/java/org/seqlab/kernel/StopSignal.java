package org.seqlab.kernel;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ObjIntConsumer;

/**
 * The kernel's side of the hook class that woven cells call ({@link CellWeaver#hookClass()}): decides which
 * threads a raised poll stops, and refuses exits.
 *
 * <p>Two kinds of stop. {@link #raise()} stops every thread that runs a cell's code, until {@link #lower()}: the
 * interrupted cell, the threads it started, and any thread still running code from an earlier cell. {@link #doom}
 * marks one thread (an interrupted cell's thread that was inside library code when the stop ended) to be stopped
 * whenever it comes back into a cell's code, however late. While neither applies the poll costs one volatile read.
 */
final class StopSignal {
    private final Field armed;
    private volatile boolean all;
    private final Set<Thread> doomed = ConcurrentHashMap.newKeySet();

    /** Connects to a loaded hook class; its polls are calm until {@link #raise()}. */
    StopSignal(Class<?> hook) {
        try {
            armed = hook.getField(CellWeaver.ARMED);
            hook.getField(CellWeaver.ON_STOP).set(null, (Runnable) this::check);
            hook.getField(CellWeaver.ON_EXIT).set(null, (ObjIntConsumer<String>) StopSignal::refuseExit);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the stop hook " + hook.getName() + " is not what CellWeaver writes", e);
        }
    }

    /** Every thread running a cell's code throws {@link CellStopped} at its next poll. */
    void raise() {
        all = true;
        setArmed(true);
    }

    /** Ends {@link #raise()}; threads marked with {@link #doom} stay marked while they live. */
    void lower() {
        all = false;
        prune();
    }

    /** Whether {@link #raise()} is in force. */
    boolean raised() {
        return all;
    }

    /** Stops {@code thread} at its next poll, whenever that comes. */
    void doom(Thread thread) {
        doomed.add(thread);
        setArmed(true);
    }

    /** The doomed threads still alive. */
    List<Thread> doomedAlive() {
        prune();
        return List.copyOf(doomed);
    }

    /** What a raised poll runs: throws in the threads being stopped, returns in the others. */
    void check() {
        if (all || doomed.contains(Thread.currentThread())) {
            throw new CellStopped();
        }
    }

    private void prune() {
        doomed.removeIf(t -> !t.isAlive());
        setArmed(all || !doomed.isEmpty());
    }

    private void setArmed(boolean value) {
        try {
            armed.setBoolean(null, value);   // a volatile write: the field is volatile
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a cell's {@code System.exit(status)} (or {@code Runtime.getRuntime().exit/halt}) throws. */
    static void refuseExit(String call, int status) {
        throw new SecurityException(exitMessage(call, status));
    }

    /** The exit's message: it is blocked, the kernel and its variables stay, and how to restart on purpose. */
    static String exitMessage(String call, int status) {
        return call + "(" + status + ") is blocked in the course kernel: it would end the kernel and lose every "
                + "variable, so the kernel stays alive. To stop a computation, return from it or throw an exception; "
                + "to start afresh on purpose, use Kernel → Restart.";
    }
}
