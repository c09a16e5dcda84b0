package app.highway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A local stand-in for the OpenAI Realtime API (GA) on a real WebSocket, and for GPT-Live on the same port:
 * a connection to {@code /v1/live/sessions} speaks GPT-Live ({@link ModelPeer#live}: no {@code session.created},
 * and it records what the bridge sent before the test answered {@code session.start} with
 * {@link ModelPeer#startLive()}). Each connection becomes a {@link ModelPeer} the test drives: it reads what the
 * bridge sent and answers with server events ({@link ServerEvents}, {@link LiveServerEvents}).
 */
public final class FakeRealtimeServer extends WebSocketServer implements AutoCloseable {
    private final ObjectMapper json = new ObjectMapper();
    private final BlockingQueue<ModelPeer> peers = new LinkedBlockingQueue<>();
    private final Map<WebSocket, ModelPeer> byConn = new ConcurrentHashMap<>();
    private final CountDownLatch started = new CountDownLatch(1);

    public FakeRealtimeServer() {
        super(new InetSocketAddress("127.0.0.1", 0));
        setReuseAddr(true);
        setTcpNoDelay(true);
        setConnectionLostTimeout(0);
        start();
        try {
            started.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public URI url() {
        return URI.create("ws://127.0.0.1:" + getPort() + "/v1/realtime");
    }

    /** Where the bridge finds GPT-Live beside {@link #url()}. */
    public URI liveUrl() {
        return URI.create("ws://127.0.0.1:" + getPort() + LIVE_PATH);
    }

    public static final String LIVE_PATH = "/v1/live/sessions";

    public ModelPeer awaitPeer() throws InterruptedException {
        ModelPeer peer = peers.poll(10, TimeUnit.SECONDS);
        if (peer == null) {
            throw new AssertionError("The bridge did not open a model socket");
        }
        return peer;
    }

    public int connectionsSoFar() {
        return peers.size() + byConn.size();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        ModelPeer peer = new ModelPeer(conn, json, handshake.getResourceDescriptor(),
                handshake.getFieldValue("Authorization"), handshake.getFieldValue("OpenAI-Beta"),
                handshake.hasFieldValue("Sec-WebSocket-Extensions")
                        ? handshake.getFieldValue("Sec-WebSocket-Extensions") : null);
        byConn.put(conn, peer);
        peers.add(peer);
        if (!peer.live) { // GPT-Live says nothing until session.start
            peer.send("{\"type\":\"session.created\",\"event_id\":\"event_1\",\"session\":{\"type\":\"realtime\","
                    + "\"id\":\"sess_test\"}}");
        }
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        ModelPeer peer = byConn.get(conn);
        if (peer != null) {
            try {
                peer.received(json.readTree(message));
            } catch (Exception e) {
                peer.received(json.createObjectNode().put("type", "__not_json__").put("raw", message));
            }
        }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        ModelPeer peer = byConn.remove(conn);
        if (peer != null) {
            peer.closed(code);
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void close() {
        try {
            stop(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Everything one model socket received, and a way to answer. */
    public static final class ModelPeer {
        private final WebSocket conn;
        private final ObjectMapper json;
        private final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
        private final CountDownLatch closed = new CountDownLatch(1);
        public final String resource;
        public final String authorization;
        public final String betaHeader;
        /** The {@code Sec-WebSocket-Extensions} request header as the bridge sent it; null if it offered none. */
        public final String extensions;
        /** The bridge connected to GPT-Live's path: this peer speaks GPT-Live. */
        public final boolean live;
        /** GPT-Live: what the bridge sent before {@link #startLive()}, in order (the first must be session.start). */
        public final java.util.List<JsonNode> beforeStarted = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile boolean liveStarted;

        ModelPeer(WebSocket conn, ObjectMapper json, String resource, String authorization, String betaHeader,
                String extensions) {
            this.conn = conn;
            this.json = json;
            this.resource = resource;
            this.authorization = authorization;
            this.betaHeader = betaHeader == null || betaHeader.isEmpty() ? null : betaHeader;
            this.extensions = extensions;
            this.live = resource != null && resource.startsWith(LIVE_PATH);
        }

        void received(JsonNode message) {
            if (live && !liveStarted) {
                beforeStarted.add(message);
            }
            inbox.add(message);
        }

        /** GPT-Live: answers {@code session.start} with {@code session.started}; from now on the bridge may send. */
        public void startLive() {
            liveStarted = true;
            send(LiveServerEvents.sessionStarted());
        }

        void closed(int code) {
            closed.countDown();
        }

        public void send(String event) {
            conn.send(event);
        }

        /**
         * Sends one event as a text message split into {@code pieces} WebSocket frames (a first TEXT frame,
         * then continuations), cut at byte boundaries, so a multi-byte character may straddle two frames.
         */
        public synchronized void sendFragmented(String event, int pieces) {
            byte[] bytes = event.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            int size = (bytes.length + pieces - 1) / pieces;
            for (int start = 0; start < bytes.length; start += size) {
                int end = Math.min(bytes.length, start + size);
                conn.sendFragmentedFrame(org.java_websocket.enums.Opcode.TEXT,
                        java.nio.ByteBuffer.wrap(bytes, start, end - start), end == bytes.length);
            }
        }

        /**
         * When the fake model began sending a turn's end of speech and its answer, on its own clock
         * ({@link System#nanoTime()}): the bridge cannot have read either before; and the wall-clock time of the
         * stop, to compare with the times the bridge records.
         */
        public record TurnSent(long stoppedNanos, long answerNanos, java.time.Instant stoppedAt) { }

        /**
         * A model that takes {@code delay} to answer: sends {@code stopped} (the caller's
         * {@code input_audio_buffer.speech_stopped}) now, then, {@code delay} later on the fake's clock, the
         * answer's events in order (its first audio among them). Returns once all are sent.
         */
        public TurnSent answerAfter(String stopped, java.time.Duration delay, String... answer) {
            java.time.Instant wall = java.time.Instant.now();
            long stoppedAt = System.nanoTime();
            send(stopped);
            long due = stoppedAt + delay.toNanos();
            for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
                java.util.concurrent.locks.LockSupport.parkNanos(left); // the model thinking, not a test waiting
            }
            long answeredAt = System.nanoTime();
            for (String event : answer) {
                send(event);
            }
            return new TurnSent(stoppedAt, answeredAt, wall);
        }

        /** The next message of this type; earlier messages of other types are skipped. */
        public JsonNode awaitMessage(String type) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                JsonNode m = inbox.poll(100, TimeUnit.MILLISECONDS);
                if (m != null && type.equals(m.path("type").asText())) {
                    return m;
                }
            }
            throw new AssertionError("The bridge did not send " + type + " to the model");
        }

        /**
         * Every message (appends of the caller's audio left out) up to and including the next one of this type
         * that {@code matches}: to check what the bridge did and did not send in between.
         */
        public java.util.List<JsonNode> messagesUntil(String type, java.util.function.Predicate<JsonNode> matches)
                throws InterruptedException {
            java.util.List<JsonNode> seen = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                JsonNode m = inbox.poll(100, TimeUnit.MILLISECONDS);
                if (m == null || isAppend(m)) {
                    continue;
                }
                seen.add(m);
                if (type.equals(m.path("type").asText()) && matches.test(m)) {
                    return seen;
                }
            }
            throw new AssertionError("The bridge did not send the expected " + type + " to the model; it sent " + seen);
        }

        /** The next {@code input_audio_buffer.append} carrying exactly this audio. */
        public JsonNode awaitAppend(String base64) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                JsonNode m = inbox.poll(100, TimeUnit.MILLISECONDS);
                if (m != null && isAppend(m) && base64.equals(m.path("audio").asText())) {
                    return m;
                }
            }
            throw new AssertionError("The caller's audio frame did not reach the model");
        }

        /** An append of the caller's audio, in either dialect. */
        static boolean isAppend(JsonNode m) {
            String type = m.path("type").asText();
            return "input_audio_buffer.append".equals(type) || "session.input_audio.append".equals(type);
        }

        /** The next message from the bridge, whatever its type, within {@code millis}; null if none came. */
        public JsonNode pollAny(long millis) throws InterruptedException {
            return inbox.poll(millis, TimeUnit.MILLISECONDS);
        }

        public boolean awaitClosedByBridge() throws InterruptedException {
            return closed.await(10, TimeUnit.SECONDS);
        }

        /** Whether the socket closed within {@code millis}. */
        public boolean closedWithin(long millis) throws InterruptedException {
            return closed.await(millis, TimeUnit.MILLISECONDS);
        }

        public void drop() {
            conn.closeConnection(1006, "dropped by test");
        }

        public void close(int code, String reason) {
            conn.close(code, reason);
        }

        public ObjectMapper json() {
            return json;
        }
    }
}
