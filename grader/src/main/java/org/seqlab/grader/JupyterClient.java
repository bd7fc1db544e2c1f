package org.seqlab.grader;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.commons.codec.digest.HmacAlgorithms;
import org.apache.commons.codec.digest.HmacUtils;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A client of one Jupyter kernel over Jupyter's messaging protocol (version 5.3) on ZeroMQ: the shell channel
 * (requests and replies), IOPub (outputs and status) and control (shutdown). Messages are signed with
 * HMAC-SHA256 and the kernel's are checked. Used by one thread.
 */
final class JupyterClient implements AutoCloseable {
    private static final String DELIMITER = "<IDS|MSG>";
    private static final String PROTOCOL = "5.3";

    /**
     * The connection file's content: where the kernel listens and the key it signs with.
     *
     * @param ports shell, iopub, stdin, control, heartbeat
     */
    record Connection(String ip, int[] ports, String key) {
        /** Five free ports on the loopback interface and a fresh key. */
        static Connection fresh() throws IOException {
            int[] ports = new int[5];
            List<ServerSocket> open = new ArrayList<>();
            try {
                synchronized (Connection.class) {
                    for (int k = 0; k < ports.length; k++) {
                        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                        open.add(s);
                        ports[k] = s.getLocalPort();
                    }
                }
            } finally {
                for (ServerSocket s : open) {
                    s.close();
                }
            }
            return new Connection("127.0.0.1", ports, UUID.randomUUID().toString());
        }

        /** The JSON Jupyter writes for a kernel to read. */
        String toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("ip", ip);
            o.addProperty("transport", "tcp");
            o.addProperty("shell_port", ports[0]);
            o.addProperty("iopub_port", ports[1]);
            o.addProperty("stdin_port", ports[2]);
            o.addProperty("control_port", ports[3]);
            o.addProperty("hb_port", ports[4]);
            o.addProperty("key", key);
            o.addProperty("signature_scheme", "hmac-sha256");
            o.addProperty("kernel_name", KernelLaunch.NAME);
            return o.toString();
        }

        String endpoint(int k) {
            return "tcp://" + ip + ":" + ports[k];
        }
    }

    /**
     * A message from the kernel.
     *
     * @param channel "shell", "iopub" or "control"
     */
    record Message(String channel, JsonObject header, JsonObject parent, JsonObject content) {
        String type() {
            return header.get("msg_type").getAsString();
        }

        /** The id of the request this message answers, or "". */
        String parentId() {
            return parent.has("msg_id") ? parent.get("msg_id").getAsString() : "";
        }
    }

    private final Connection connection;
    private final ZContext context = new ZContext();
    private final ZMQ.Socket shell, iopub, control;
    private final ZMQ.Poller poller;
    private final String session = UUID.randomUUID().toString();
    private final javax.crypto.Mac hmac;
    /** Messages whose signature did not check, ignored; counted for the log. */
    private int badSignatures;

    JupyterClient(Connection connection) {
        this.connection = connection;
        this.hmac = HmacUtils.getInitializedMac(HmacAlgorithms.HMAC_SHA_256, connection.key().getBytes(StandardCharsets.UTF_8));
        shell = socket(SocketType.DEALER, 0);
        iopub = socket(SocketType.SUB, 1);
        iopub.subscribe(new byte[0]);
        control = socket(SocketType.DEALER, 3);
        poller = context.createPoller(3);
        poller.register(shell, ZMQ.Poller.POLLIN);
        poller.register(iopub, ZMQ.Poller.POLLIN);
        poller.register(control, ZMQ.Poller.POLLIN);
    }

    private ZMQ.Socket socket(SocketType type, int port) {
        ZMQ.Socket s = context.createSocket(type);
        s.setLinger(0);
        s.setIdentity(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        s.connect(connection.endpoint(port));
        return s;
    }

    /** Sends a request on the shell channel; returns its message id. */
    String shell(String type, JsonObject content) {
        return send(shell, type, content);
    }

    /** Sends a request on the control channel; returns its message id. */
    String control(String type, JsonObject content) {
        return send(control, type, content);
    }

    /** Sends an {@code execute_request} for {@code code}; returns its message id. */
    String execute(String code) {
        JsonObject content = new JsonObject();
        content.addProperty("code", code);
        content.addProperty("silent", false);
        content.addProperty("store_history", true);
        content.add("user_expressions", new JsonObject());
        content.addProperty("allow_stdin", false);
        content.addProperty("stop_on_error", false);
        return shell("execute_request", content);
    }

    private String send(ZMQ.Socket socket, String type, JsonObject content) {
        String id = UUID.randomUUID().toString();
        JsonObject header = new JsonObject();
        header.addProperty("msg_id", id);
        header.addProperty("session", session);
        header.addProperty("username", "seqlab-grader");
        header.addProperty("date", Instant.now().toString());
        header.addProperty("msg_type", type);
        header.addProperty("version", PROTOCOL);
        String[] parts = {header.toString(), "{}", "{}", content.toString()};
        socket.sendMore(DELIMITER);
        socket.sendMore(sign(parts));
        socket.sendMore(parts[0]);
        socket.sendMore(parts[1]);
        socket.sendMore(parts[2]);
        socket.send(parts[3]);
        return id;
    }

    private String sign(String[] parts) {
        javax.crypto.Mac mac = hmac;
        mac.reset();
        for (String p : parts) {
            mac.update(p.getBytes(StandardCharsets.UTF_8));
        }
        return org.apache.commons.codec.binary.Hex.encodeHexString(mac.doFinal());
    }

    /** The next message on any channel within {@code timeoutMillis}, or null. */
    Message poll(long timeoutMillis) {
        if (poller.poll(Math.max(0, timeoutMillis)) <= 0) {
            return null;
        }
        for (int k = 0; k < 3; k++) {
            if (poller.pollin(k)) {
                ZMQ.Socket s = k == 0 ? shell : k == 1 ? iopub : control;
                Message m = receive(s, k == 0 ? "shell" : k == 1 ? "iopub" : "control");
                if (m != null) {
                    return m;
                }
            }
        }
        return null;
    }

    private Message receive(ZMQ.Socket socket, String channel) {
        List<byte[]> frames = new ArrayList<>();
        do {
            byte[] frame = socket.recv(ZMQ.DONTWAIT);
            if (frame == null) {
                break;
            }
            frames.add(frame);
        } while (socket.hasReceiveMore());
        int at = 0;
        while (at < frames.size() && !new String(frames.get(at), StandardCharsets.UTF_8).equals(DELIMITER)) {
            at++;
        }
        if (frames.size() < at + 6) {
            return null;
        }
        String[] parts = new String[4];
        for (int k = 0; k < 4; k++) {
            parts[k] = new String(frames.get(at + 2 + k), StandardCharsets.UTF_8);
        }
        String signature = new String(frames.get(at + 1), StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(signature.getBytes(StandardCharsets.UTF_8), sign(parts).getBytes(StandardCharsets.UTF_8))) {
            badSignatures++;
            return null;
        }
        try {
            return new Message(channel, JsonParser.parseString(parts[0]).getAsJsonObject(),
                    JsonParser.parseString(parts[1]).getAsJsonObject(), JsonParser.parseString(parts[3]).getAsJsonObject());
        } catch (RuntimeException e) {
            return null;
        }
    }

    int badSignatures() {
        return badSignatures;
    }

    @Override
    public void close() {
        context.close();
    }
}
