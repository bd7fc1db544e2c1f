package org.seqlab.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.ShellChannel;
import io.github.spencerpark.jupyter.channels.ShellHandler;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.messages.ContentType;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.ReplyType;
import io.github.spencerpark.jupyter.messages.request.ExecuteRequest;
import io.github.spencerpark.jupyter.messages.KernelTimestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.zeromq.ZMQ;

/**
 * ipykernel's {@code stop_on_error}, which IJava ignores: after an execute request that asks for it (and is not
 * silent) ends in an error, a failed cell or an interrupted one, every execute request already waiting on the
 * shell channel is answered {@code execute_reply} with {@code status: "aborted"}, between a busy and an idle
 * status, without running. So Notebook's and JupyterLab's Run All, nbclient and nbconvert stop at a learner's
 * error instead of running the cells below it on stale state.
 *
 * <p>As in ipykernel 6 ({@code kernelbase.py}: {@code _abort_queues} with {@code stop_on_error_timeout = 0}):
 * the queue is what is waiting at that moment; a waiting request's own {@code stop_on_error} does not matter;
 * waiting requests of other kinds (completion, kernel info, ...) are handled as usual, in their order; requests
 * that arrive later run normally. Aborted requests take no execution count and no history entry.
 *
 * <p>One difference, for interrupts: stopping a cell takes this kernel a moment after the interrupt request is
 * answered (it waits for the cell's code to reach a stop poll), and Notebook shows the kernel idle as soon as the
 * interrupt is answered. A cell the learner runs in that moment is sent <em>after</em> the interrupt, yet waits
 * behind the stopping cell; it runs. Only execute requests the client sent before its interrupt request (by their
 * header dates, which the same client wrote) are aborted — Run All's queue.
 */
final class StopOnError {
    private static final Logger LOG = Logger.getLogger(StopOnError.class.getName());

    /** The last interrupt request: when its client sent it (its header date) and when it arrived here. */
    private record Interrupt(Instant sent, long arrivedNanos) {}

    private static final AtomicReference<Interrupt> LAST_INTERRUPT = new AtomicReference<>();

    private StopOnError() {
    }

    /** Notes an interrupt request as it arrives (on the control channel's thread). */
    static void interruptRequested(Message<?> request) {
        LAST_INTERRUPT.set(new Interrupt(sent(request), System.nanoTime()));
    }

    /**
     * A message's header date (ISO 8601, as jupyter_client and Notebook write it, e.g.
     * {@code 2026-11-30T08:01:02.123456Z}; IJava's own parser takes none of these), or {@code null}.
     */
    static Instant sent(Message<?> message) {
        try {
            KernelTimestamp t = message.getHeader().getTimestamp();
            String date = t == null ? null : t.getDateString();
            if (date == null) return null;
            try {
                return Instant.parse(date);
            } catch (DateTimeParseException e) {
                return OffsetDateTime.parse(date).toInstant();
            }
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Which waiting execute requests to abort after a request that started at {@code startedNanos} failed: all,
     * unless an interrupt arrived while it ran; then those its client sent no later than the interrupt (a request
     * without a readable date is aborted).
     */
    static Predicate<Message<?>> abortable(long startedNanos) {
        Interrupt interrupt = LAST_INTERRUPT.get();
        if (interrupt == null || interrupt.sent() == null || interrupt.arrivedNanos() - startedNanos < 0) return m -> true;
        return m -> {
            Instant sent = sent(m);
            return sent == null || !sent.isAfter(interrupt.sent());
        };
    }

    /** Whether a request that ended this way aborts the waiting execute requests (ipykernel's rule). */
    static boolean abortsQueue(ExecuteRequest request, boolean failed) {
        return failed && request.shouldStopOnError() && !request.isSilent();
    }

    /**
     * Takes every message waiting in {@code waiting} (which gives {@code null} when none waits), runs
     * {@code taken}, then answers each {@code abortable} execute request with {@code abort} and hands each other
     * message to {@code handle}, in order. Messages that arrive after they were taken stay queued for the
     * channel's loop.
     *
     * @param taken runs once the waiting messages are taken, before any is answered: there the failed request's
     *     reply and idle status go out, so a client that waits for them before sending is never aborted
     * @return how many execute requests were aborted
     */
    static int abortWaiting(Supplier<Message<?>> waiting, Runnable taken, Predicate<Message<?>> abortable,
                            Consumer<Message<?>> abort, Consumer<Message<?>> handle) {
        List<Message<?>> queued = new ArrayList<>();
        for (Message<?> m = waiting.get(); m != null; m = waiting.get()) {
            queued.add(m);
        }
        taken.run();
        int aborted = 0;
        for (Message<?> m : queued) {
            if (m.getHeader().getType() == MessageType.EXECUTE_REQUEST && abortable.test(m)) {
                abort.accept(m);
                aborted++;
            } else {
                handle.accept(m);
            }
        }
        return aborted;
    }

    /**
     * Wraps the connection's execute handler: after a request that {@link #abortsQueue aborts the queue} (it
     * failed when {@code failures} grew while it ran), takes what waits, sends the request's reply and idle
     * status, then aborts the waiting execute requests (as ipykernel, which takes the queue before its idle).
     */
    static ShellHandler<ExecuteRequest> around(ShellHandler<ExecuteRequest> execute, JupyterConnection connection,
                                               IntSupplier failures) {
        return (env, message) -> {
            int before = failures.getAsInt();
            long started = System.nanoTime();
            execute.handle(env, message);
            if (!abortsQueue(message.getContent(), failures.getAsInt() > before)
                    || !(env.getShell() instanceof ShellChannel shell)) {
                return;
            }
            // IJava defers the reply and the idle status: the queue is taken before either goes out.
            int n = abortWaiting(() -> waiting(shell), env::resolveDeferrals, abortable(started),
                    m -> abort(connection, shell, m), m -> handle(connection, shell, m));
            if (n > 0) {
                LOG.info(() -> "stop_on_error: aborted " + n + " waiting execute request(s)");
            }
        };
    }

    /** The next message waiting on the shell socket, or {@code null}: never blocks. */
    private static Message<?> waiting(ShellChannel shell) {
        return (shell.getEvents() & ZMQ.Poller.POLLIN) != 0 ? shell.readMessage() : null;
    }

    private static void abort(JupyterConnection connection, ShellChannel shell, Message<?> message) {
        ShellReplyEnvironment env = connection.prepareReplyEnv(shell, message);
        env.setBusyDeferIdle();
        env.reply(new Aborted());
        env.resolveDeferrals();
    }

    /** What the channel's loop does with a message (base kernel 2.3.0's {@code ShellChannel}). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void handle(JupyterConnection connection, ShellChannel shell, Message<?> message) {
        ShellHandler handler = connection.getHandler(message.getHeader().getType());
        if (handler == null) {
            LOG.severe("Unhandled message: " + message.getHeader().getType().getName());
            return;
        }
        ShellReplyEnvironment env = connection.prepareReplyEnv(shell, message);
        try {
            handler.handle(env, message);
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "Unhandled exception handling " + message.getHeader().getType().getName(), e);
        } finally {
            env.resolveDeferrals();
        }
        if (env.isMarkedForShutdown()) {
            connection.close();
        }
    }

    /** {@code execute_reply} of a request that did not run: ipykernel's content, {@code {"status": "aborted"}}. */
    static final class Aborted implements ContentType<Aborted>, ReplyType<ExecuteRequest> {
        private final String status = "aborted";

        @Override
        @SuppressWarnings("unchecked")
        public MessageType<Aborted> getType() {
            return (MessageType<Aborted>) (MessageType<?>) MessageType.EXECUTE_REPLY;
        }

        @Override
        public MessageType<ExecuteRequest> getRequestType() {
            return MessageType.EXECUTE_REQUEST;
        }
    }
}
