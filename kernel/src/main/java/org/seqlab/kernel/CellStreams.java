package org.seqlab.kernel;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A cell's standard output and error, sent to Jupyter as few {@code stream} messages, as ipykernel does.
 *
 * <p>IJava sends one message per {@code println}: a loop printing 5000 lines sends 5000 messages, and the
 * notebook server, which forwards at most 1000 a second, drops the rest and shows "IOPub message rate
 * exceeded". Here what a cell prints collects in one ordered buffer (standard output and error interleaved as
 * printed) and goes out {@link #INTERVAL} after the first byte, at once when {@link #SIZE_TRIGGER} bytes wait,
 * and in full when the cell ends ({@link #flush}), before its value or error, so the order holds.
 *
 * <p>A cell's output stops at {@link #CAP} bytes with a note, so a runaway loop cannot fill the browser. Sending
 * is paced to at most {@link #WINDOW_BYTES} per {@link #WINDOW}, under the notebook server's default data rate
 * limit (1 MB/s averaged over 3 s), beyond which the server would drop output; a cell that prints megabytes
 * therefore stays busy until its output has been delivered (2 s a megabyte).
 */
final class CellStreams {
    /** How long output may wait for more before it is sent. ipykernel waits 200 ms; half keeps progress lively. */
    static final Duration INTERVAL = Duration.ofMillis(100);
    /** Pending bytes that are sent without waiting for the interval. */
    static final int SIZE_TRIGGER = 128 * 1024;
    /**
     * The most bytes of one {@code stream} message: half of {@link #WINDOW_BYTES}, so a window holds two and
     * long output goes out at the full pace (at 256 KB, one message filled a window and the pace halved).
     */
    static final int MESSAGE_BYTES = 250_000;
    /** The most bytes a cell prints before its output is cut. */
    static final long CAP = 10L * 1024 * 1024;
    /**
     * The pacing window and the bytes sent within any such window: half the notebook server's default rate, spread
     * over one-second windows. The server counts bytes when it reads them, not when they were sent, so messages
     * delayed on a busy machine arrive bunched; at 80 % of its limit over its own 3 s window a second's delay was
     * enough to trip it (a CI run dropped a 4 MB cell's output). At half the rate, evenly spread, a delay of well
     * over a second still stays under the limit.
     */
    static final Duration WINDOW = Duration.ofSeconds(1);
    static final long WINDOW_BYTES = 500_000;

    /** Where the text goes: the current cell's output, or the kernel's log when no cell runs. */
    interface Sink {
        /** True while a cell's output is attached. */
        boolean attached();

        /** Sends one {@code stream} message ({@code name} is stdout or stderr) to the attached cell. */
        void send(String name, byte[] utf8, int offset, int length);

        /** Writes text that arrives when no cell is attached (a background thread) to the kernel's log. */
        void log(String name, byte[] utf8, int offset, int length);
    }

    /** A monotonic clock that can wait, replaced by a fake one in tests. */
    interface Time {
        long nanos();

        void sleep(long nanos) throws InterruptedException;
    }

    static final Time SYSTEM_TIME = new Time() {
        @Override
        public long nanos() {
            return System.nanoTime();
        }

        @Override
        public void sleep(long nanos) throws InterruptedException {
            Thread.sleep(Math.max(1, nanos / 1_000_000));
        }
    };

    private record Chunk(String name, java.io.ByteArrayOutputStream bytes) {}

    private record Sent(long at, long bytes) {}

    private final Sink sink;
    private final Time time;
    private final Object lock = new Object();
    private final Deque<Chunk> pending = new ArrayDeque<>();
    private long pendingBytes;
    private long cellBytes;
    private boolean truncated;
    /** Held while sending, so two flushes cannot reorder their chunks. */
    private final Object sending = new Object();
    private final Deque<Sent> window = new ArrayDeque<>();
    private long windowBytes;
    /** The start of a character split between two writes, per stream. */
    private final Map<String, byte[]> carry = new HashMap<>();

    CellStreams(Sink sink, Time time) {
        this.sink = sink;
        this.time = time;
    }

    /** The bytes a program writes to the stream {@code name} ({@code stdout} or {@code stderr}), as UTF-8. */
    OutputStream stream(String name) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                accept(name, b, off, len);
            }
        };
    }

    /** Starts counting a new cell's output against the cap. */
    void cellStarts() {
        synchronized (lock) {
            cellBytes = 0;
            truncated = false;
        }
    }

    private void accept(String name, byte[] b, int off, int len) {
        synchronized (lock) {
            if (truncated || len <= 0) {
                return;
            }
            if (cellBytes + len > CAP) {
                len = boundary(b, off, (int) (CAP - cellBytes));
                truncated = true;
            }
            boolean first = pending.isEmpty();
            append(name, b, off, len);
            cellBytes += len;
            if (truncated) {
                byte[] note = ("\n… output cut: this cell printed more than " + (CAP >> 20) + " MB; the rest is not "
                        + "shown (Kernel → Interrupt stops the cell).\n").getBytes(StandardCharsets.UTF_8);
                append("stderr", note, 0, note.length);
            }
            // The first bytes start the sender's interval; without this wake-up, output smaller than the size
            // trigger waited for the cell's end (a training loop's progress lines all came at once).
            if (first || pendingBytes >= SIZE_TRIGGER || truncated) {
                lock.notifyAll();
            }
        }
    }

    private void append(String name, byte[] b, int off, int len) {
        Chunk last = pending.peekLast();
        if (last == null || !last.name().equals(name)) {
            last = new Chunk(name, new java.io.ByteArrayOutputStream());
            pending.addLast(last);
        }
        last.bytes().write(b, off, len);
        pendingBytes += len;
    }

    /** Sends everything written so far, in order, in as few messages as the size and pace limits allow. */
    void flush() throws InterruptedException {
        synchronized (sending) {
            List<Chunk> taken;
            synchronized (lock) {
                taken = new ArrayList<>(pending);
                pending.clear();
                pendingBytes = 0;
            }
            for (Chunk chunk : taken) {
                send(chunk.name(), withCarry(chunk.name(), chunk.bytes().toByteArray()));
            }
        }
    }

    /** Waits for output, gives it {@link #INTERVAL} to grow, and sends it; runs until interrupted. */
    void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                synchronized (lock) {
                    while (pending.isEmpty()) {
                        lock.wait();
                    }
                    long deadline = time.nanos() + INTERVAL.toNanos();
                    long left;
                    while (pendingBytes < SIZE_TRIGGER && !truncated && (left = deadline - time.nanos()) > 0) {
                        lock.wait(Math.max(1, left / 1_000_000));
                    }
                }
                flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts {@link #run} on a daemon thread. */
    Thread start() {
        Thread t = new Thread(this::run, "seqlab-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Bytes with the previous write's unfinished character in front and this one's kept back for the next. */
    private byte[] withCarry(String name, byte[] bytes) {
        byte[] before = carry.remove(name);
        if (before != null) {
            byte[] joined = new byte[before.length + bytes.length];
            System.arraycopy(before, 0, joined, 0, before.length);
            System.arraycopy(bytes, 0, joined, before.length, bytes.length);
            bytes = joined;
        }
        int end = boundary(bytes, 0, bytes.length);
        if (end < bytes.length) {
            byte[] rest = new byte[bytes.length - end];
            System.arraycopy(bytes, end, rest, 0, rest.length);
            carry.put(name, rest);
        }
        return end < bytes.length ? java.util.Arrays.copyOf(bytes, end) : bytes;
    }

    private void send(String name, byte[] bytes) throws InterruptedException {
        int off = 0;
        while (off < bytes.length) {
            int len = Math.min(MESSAGE_BYTES, bytes.length - off);
            if (off + len < bytes.length) {
                int newline = lastNewline(bytes, off, len);
                len = newline > 0 ? newline : boundary(bytes, off, len);
            }
            if (sink.attached()) {
                pace(len);
                sink.send(name, bytes, off, len);
            } else {
                sink.log(name, bytes, off, len);
            }
            off += len;
        }
    }

    /** Waits until {@code bytes} more fit in the current window, then counts them. */
    private void pace(long bytes) throws InterruptedException {
        while (true) {
            long now = time.nanos();
            while (!window.isEmpty() && now - window.peekFirst().at() >= WINDOW.toNanos()) {
                windowBytes -= window.removeFirst().bytes();
            }
            if (window.isEmpty() || windowBytes + bytes <= WINDOW_BYTES) {
                window.addLast(new Sent(now, bytes));
                windowBytes += bytes;
                return;
            }
            time.sleep(window.peekFirst().at() + WINDOW.toNanos() - now);
        }
    }

    /** The length of {@code b[off, off + len)} up to and including its last newline, or 0 without one. */
    private static int lastNewline(byte[] b, int off, int len) {
        for (int i = off + len - 1; i >= off; i--) {
            if (b[i] == '\n') {
                return i - off + 1;
            }
        }
        return 0;
    }

    /** The longest prefix of {@code b[off, off + len)} that does not end inside a UTF-8 character. */
    static int boundary(byte[] b, int off, int len) {
        if (len <= 0) {
            return 0;
        }
        int start = off + len - 1;
        int back = 0;
        while (back < 3 && start - back >= off && (b[start - back] & 0xC0) == 0x80) {
            back++;
        }
        int lead = start - back;
        if (lead < off) {
            return len;
        }
        int first = b[lead] & 0xFF;
        int size = first < 0x80 ? 1 : first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1;
        return back + 1 >= size ? len : lead - off;
    }
}
