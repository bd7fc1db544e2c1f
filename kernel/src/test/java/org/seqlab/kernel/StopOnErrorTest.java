package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.jupyter.messages.Header;
import io.github.spencerpark.jupyter.messages.KernelTimestamp;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.request.ExecuteRequest;
import io.github.spencerpark.jupyter.messages.request.InterruptRequest;
import io.github.spencerpark.jupyter.messages.request.KernelInfoRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class StopOnErrorTest {
    private static ExecuteRequest request(boolean silent, boolean stopOnError) {
        return new ExecuteRequest("int a = 1/0;", silent, true, Map.of(), false, stopOnError);
    }

    private static Message<?> execute(String code, boolean stopOnError) {
        return new Message<>(new Header<>(MessageType.EXECUTE_REQUEST),
                new ExecuteRequest(code, false, true, Map.of(), false, stopOnError));
    }

    /** A message whose client sent it at {@code date} (its header date, as jupyter_client writes it). */
    private static <T> Message<T> sentAt(MessageType<T> type, T content, String date) {
        return new Message<>(new Header<>("id-" + date, "learner", "session", new KernelTimestamp(date), type, "5.3"),
                content);
    }

    @Test
    void afterAnInterruptOnlyTheRequestsSentBeforeItAreAborted() {
        long started = System.nanoTime();
        Message<?> runAllQueue = sentAt(MessageType.EXECUTE_REQUEST, new ExecuteRequest("1;", false, true, Map.of(),
                false, true), "2026-11-30T08:01:02.100000Z");
        StopOnError.interruptRequested(sentAt(MessageType.INTERRUPT_REQUEST, new InterruptRequest(),
                "2026-11-30T08:01:02.200000+00:00"));
        Message<?> ranAfterTheInterrupt = sentAt(MessageType.EXECUTE_REQUEST, new ExecuteRequest("2;", false, true,
                Map.of(), false, true), "2026-11-30T08:01:02.300Z");
        Predicate<Message<?>> abortable = StopOnError.abortable(started);
        assertTrue(abortable.test(runAllQueue), "a cell Run All queued before the interrupt");
        assertFalse(abortable.test(ranAfterTheInterrupt), "a cell the learner ran after clicking interrupt");
        assertTrue(StopOnError.abortable(System.nanoTime()).test(ranAfterTheInterrupt),
                "an interrupt that came before the failed request started has nothing to do with its failure");
    }

    private static Message<?> kernelInfo() {
        return new Message<>(new Header<>(MessageType.KERNEL_INFO_REQUEST), new KernelInfoRequest());
    }

    @Test
    void onlyAFailedLoudRequestAskingForItAbortsTheQueue() {
        assertTrue(StopOnError.abortsQueue(request(false, true), true));
        assertFalse(StopOnError.abortsQueue(request(false, true), false), "a cell that succeeded");
        assertFalse(StopOnError.abortsQueue(request(false, false), true), "stop_on_error=false");
        assertFalse(StopOnError.abortsQueue(request(true, true), true), "a silent request");
    }

    @Test
    void everyWaitingExecuteRequestIsAbortedWhateverItsOwnFlagAndOtherRequestsAreHandledInOrder() {
        Message<?> first = execute("System.out.println(1);", true);
        Message<?> info = kernelInfo();
        Message<?> second = execute("System.out.println(2);", false);
        Deque<Message<?>> socket = new ArrayDeque<>(List.of(first, info, second));
        List<String> log = new ArrayList<>();
        Message<?> late = execute("System.out.println(3);", true);

        int aborted = StopOnError.abortWaiting(socket::poll,
                () -> log.add("reply and idle of the failed request, " + socket.size() + " left waiting"), m -> true,
                m -> log.add("abort " + ((ExecuteRequest) m.getContent()).getCode()),
                m -> {
                    log.add("handle " + m.getHeader().getType().getName());
                    socket.add(late); // arrives while the waiting ones are being answered
                });

        assertEquals(2, aborted);
        assertEquals(List.of("reply and idle of the failed request, 0 left waiting", "abort System.out.println(1);",
                "handle kernel_info_request", "abort System.out.println(2);"), log);
        assertEquals(List.of(late), List.copyOf(socket), "a request arriving afterwards is left to run");
    }

    @Test
    void anEmptyQueueAbortsNothing() {
        List<Message<?>> seen = new ArrayList<>();
        assertEquals(0, StopOnError.abortWaiting(() -> null, () -> { }, m -> true, seen::add, seen::add));
        assertTrue(seen.isEmpty());
    }
}
