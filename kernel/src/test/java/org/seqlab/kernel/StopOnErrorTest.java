package org.seqlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.jupyter.messages.Header;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.request.ExecuteRequest;
import io.github.spencerpark.jupyter.messages.request.KernelInfoRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StopOnErrorTest {
    private static ExecuteRequest request(boolean silent, boolean stopOnError) {
        return new ExecuteRequest("int a = 1/0;", silent, true, Map.of(), false, stopOnError);
    }

    private static Message<?> execute(String code, boolean stopOnError) {
        return new Message<>(new Header<>(MessageType.EXECUTE_REQUEST),
                new ExecuteRequest(code, false, true, Map.of(), false, stopOnError));
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
                () -> log.add("reply and idle of the failed request, " + socket.size() + " left waiting"),
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
        assertEquals(0, StopOnError.abortWaiting(() -> null, () -> { }, seen::add, seen::add));
        assertTrue(seen.isEmpty());
    }
}
