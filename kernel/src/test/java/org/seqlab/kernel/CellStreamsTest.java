package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The output buffer with a recording sink and a fake clock: what messages a cell's printing becomes. */
class CellStreamsTest {
    /** One message as the sink received it. */
    record Message(String name, String text, long at) {}

    /** Records messages; the clock moves only when the buffer sleeps. */
    static final class Recorder implements CellStreams.Sink, CellStreams.Time {
        final List<Message> sent = new CopyOnWriteArrayList<>();
        final List<Message> logged = new CopyOnWriteArrayList<>();
        boolean attached = true;
        long now;

        @Override
        public boolean attached() {
            return attached;
        }

        @Override
        public void send(String name, byte[] utf8, int offset, int length) {
            sent.add(new Message(name, new String(utf8, offset, length, StandardCharsets.UTF_8), now));
        }

        @Override
        public void log(String name, byte[] utf8, int offset, int length) {
            logged.add(new Message(name, new String(utf8, offset, length, StandardCharsets.UTF_8), now));
        }

        @Override
        public long nanos() {
            return now;
        }

        @Override
        public void sleep(long nanos) {
            now += nanos;
        }

        String text(String name) {
            StringBuilder s = new StringBuilder();
            sent.stream().filter(m -> m.name().equals(name)).forEach(m -> s.append(m.text()));
            return s.toString();
        }
    }

    private final Recorder recorder = new Recorder();
    private final CellStreams streams = new CellStreams(recorder, recorder);
    private final PrintStream out = new PrintStream(streams.stream("stdout"), false, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(streams.stream("stderr"), false, StandardCharsets.UTF_8);

    @Test
    void fiveThousandPrintedLinesBecomeOneMessageWithEveryLineInOrder() throws Exception {
        streams.cellStarts();
        for (int i = 0; i < 5000; i++) {
            out.println("loss " + i);
        }
        streams.flush();
        assertEquals(1, recorder.sent.size());
        String[] lines = recorder.text("stdout").split("\n");
        assertEquals(5000, lines.length);
        assertEquals("loss 0", lines[0]);
        assertEquals("loss 4999", lines[4999]);
    }

    @Test
    void standardOutputAndErrorKeepTheOrderTheyWerePrintedIn() throws Exception {
        out.println("one");
        out.println("two");
        err.println("careful");
        out.println("three");
        streams.flush();
        assertEquals(List.of("stdout", "stderr", "stdout"), recorder.sent.stream().map(Message::name).toList());
        assertEquals("one\ntwo\n", recorder.sent.get(0).text());
        assertEquals("careful\n", recorder.sent.get(1).text());
    }

    @Test
    void aCharacterSplitBetweenTwoFlushesArrivesWhole() throws Exception {
        byte[] arrow = "→ done".getBytes(StandardCharsets.UTF_8);
        streams.stream("stdout").write(arrow, 0, 2);
        streams.flush();
        streams.stream("stdout").write(arrow, 2, arrow.length - 2);
        streams.flush();
        assertEquals("→ done", recorder.text("stdout"));
    }

    @Test
    void aCellPrintingMoreThanTheCapIsCutWithANote() throws Exception {
        streams.cellStarts();
        String line = "x".repeat(1023);
        for (int i = 0; i < (CellStreams.CAP >> 10) + 2000; i++) {
            out.println(line);
        }
        streams.flush();
        assertEquals(CellStreams.CAP, recorder.text("stdout").getBytes(StandardCharsets.UTF_8).length);
        assertTrue(recorder.text("stderr").contains("output cut: this cell printed more than 10 MB"), recorder.text("stderr"));
        streams.cellStarts();
        out.println("the next cell prints again");
        streams.flush();
        assertTrue(recorder.text("stdout").endsWith("the next cell prints again\n"));
    }

    @Test
    void whatACellPrintsIsSentWhileItRunsNotOnlyWhenItEnds() throws Exception {
        Recorder live = new Recorder();
        CellStreams running = new CellStreams(live, CellStreams.SYSTEM_TIME);
        PrintStream progress = new PrintStream(running.stream("stdout"), false, StandardCharsets.UTF_8);
        Thread sender = running.start();
        try {
            running.cellStarts();
            progress.println("epoch 1: loss 2.31");
            progress.flush();
            // No flush() of the cell's end: the sender thread must send it by itself, after its interval. The
            // bound is generous, for a busy machine; the interval is 100 ms.
            long until = System.nanoTime() + 60_000_000_000L;
            while (live.sent.isEmpty() && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertEquals("epoch 1: loss 2.31\n", live.text("stdout"));
        } finally {
            sender.interrupt();
            sender.join();
        }
    }

    @Test
    void longOutputGoesOutInMessagesOfAtMostAQuarterMegabyteEndingAtANewline() throws Exception {
        streams.cellStarts();
        String line = "y".repeat(99);
        for (int i = 0; i < 20_000; i++) {
            out.println(line);
        }
        streams.flush();
        assertEquals(8, recorder.sent.size());
        for (Message m : recorder.sent) {
            assertTrue(m.text().length() <= CellStreams.MESSAGE_BYTES && m.text().endsWith("\n"));
        }
        assertEquals(2_000_000, recorder.text("stdout").length());
    }

    @Test
    void sendingIsPacedUnderTheNotebookServersDataRateLimit() throws Exception {
        streams.cellStarts();
        String line = "z".repeat(999);
        for (int i = 0; i < 6000; i++) {
            out.println(line);
        }
        streams.flush();
        long window = CellStreams.WINDOW.toNanos();
        for (Message m : recorder.sent) {
            long inWindow = recorder.sent.stream().filter(o -> o.at() <= m.at() && o.at() > m.at() - window)
                    .mapToLong(o -> o.text().length()).sum();
            assertTrue(inWindow <= CellStreams.WINDOW_BYTES, inWindow + " bytes within one window");
            long inServersWindow = recorder.sent.stream()
                    .filter(o -> o.at() <= m.at() && o.at() > m.at() - 3_000_000_000L)
                    .mapToLong(o -> o.text().length()).sum();
            assertTrue(inServersWindow <= 1_500_000, inServersWindow + " bytes within the server's 3 s");
        }
        assertEquals(6_000_000, recorder.text("stdout").length());
        assertTrue(recorder.now >= 11 * window, "6 MB went out within " + recorder.now / 1e9 + " s");
        assertTrue(recorder.now <= 12 * window, "6 MB took " + recorder.now / 1e9 + " s, not the pace's 12");
    }

    @Test
    void outputWithNoCellAttachedGoesToTheKernelsLog() throws Exception {
        recorder.attached = false;
        out.println("from a background thread");
        streams.flush();
        assertTrue(recorder.sent.isEmpty());
        assertEquals("from a background thread\n", recorder.logged.get(0).text());
    }

    @Test
    void boundaryNeverEndsInsideACharacter() {
        byte[] b = "aé→𝄞".getBytes(StandardCharsets.UTF_8);
        assertEquals(1, CellStreams.boundary(b, 0, 2));
        assertEquals(3, CellStreams.boundary(b, 0, 3));
        assertEquals(3, CellStreams.boundary(b, 0, 5));
        assertEquals(6, CellStreams.boundary(b, 0, 6));
        assertEquals(6, CellStreams.boundary(b, 0, 9));
        assertEquals(10, CellStreams.boundary(b, 0, 10));
    }
}
