package app.highway.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * The load test's Realtime server (GA dialect): answers the session, then every few seconds
 * speaks a turn as 20 ms audio deltas in real time, with transcript, a tool call and usage.
 * Each delta carries (call, sequence) in its first bytes so the carrier can time it; each caller
 * frame that arrives is timed against the carrier's send.
 */
final class LoadModelServer extends WebSocketServer {
    private final ObjectMapper json = new ObjectMapper();
    private final ScheduledExecutorService clock;
    private final Metrics metrics;
    private final CountDownLatch started = new CountDownLatch(1);
    private final Map<WebSocket, Conn> conns = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    LoadModelServer(ScheduledExecutorService clock, Metrics metrics) {
        super(new InetSocketAddress("127.0.0.1", 0));
        this.clock = clock;
        this.metrics = metrics;
        setReuseAddr(true);
        setTcpNoDelay(true);
        setConnectionLostTimeout(0);
    }

    URI url() throws InterruptedException {
        started.await(5, TimeUnit.SECONDS);
        return URI.create("ws://127.0.0.1:" + getPort() + "/v1/realtime");
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        conns.put(conn, new Conn(conn));
        conn.send("{\"type\":\"session.created\",\"session\":{\"type\":\"realtime\"}}");
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        Conn c = conns.get(conn);
        if (c == null) {
            return;
        }
        if (message.startsWith("{\"type\":\"input_audio_buffer.append\"")) {
            int start = message.indexOf("\"audio\":\"") + 9;
            byte[] audio = Base64.getDecoder().decode(message.substring(start, message.indexOf('"', start)));
            ByteBuffer b = ByteBuffer.wrap(audio);
            int call = b.getInt();
            int seq = b.getInt();
            c.callIndex = call;
            metrics.carrierToModel(call, seq, System.nanoTime());
            return;
        }
        JsonNode m;
        try {
            m = json.readTree(message);
        } catch (Exception e) {
            return;
        }
        switch (m.path("type").asText()) {
            case "session.update" -> conn.send("{\"type\":\"session.updated\",\"session\":{\"type\":\"realtime\"}}");
            case "response.create" -> c.startTurns();
            default -> { }
        }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        Conn c = conns.remove(conn);
        if (c != null) {
            c.closed = true;
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
    }

    /** One call's model side: a 3 s turn every 6 s, 20 ms deltas in real time. */
    private final class Conn {
        private final WebSocket conn;
        private volatile boolean closed;
        private volatile int callIndex = -1;
        private boolean turning;
        private int seq;

        Conn(WebSocket conn) {
            this.conn = conn;
        }

        synchronized void startTurns() {
            if (turning) {
                return;
            }
            turning = true;
            clock.scheduleAtFixedRate(this::tick, 20, 20, TimeUnit.MILLISECONDS);
        }

        private int ticks;

        private void tick() {
            if (closed || !conn.isOpen()) {
                throw new IllegalStateException("stop"); // cancels the schedule
            }
            int phase = ticks++ % 300; // 6 s cycle: 3 s speaking, 3 s listening
            String item = "item_" + (ticks / 300);
            if (phase < 150 && callIndex >= 0) {
                ByteBuffer b = ByteBuffer.allocate(160);
                b.putInt(callIndex).putInt(++seq);
                metrics.modelSent(callIndex, seq, System.nanoTime());
                conn.send("{\"type\":\"response.output_audio.delta\",\"response_id\":\"r\",\"item_id\":\"" + item
                        + "\",\"output_index\":0,\"content_index\":0,\"delta\":\""
                        + Base64.getEncoder().encodeToString(b.array()) + "\"}");
                if (phase % 10 == 0) {
                    conn.send("{\"type\":\"response.output_audio_transcript.delta\",\"item_id\":\"" + item
                            + "\",\"delta\":\"word \"}");
                }
            } else if (phase == 150) {
                conn.send("{\"type\":\"response.output_audio.done\",\"item_id\":\"" + item + "\"}");
                conn.send("{\"type\":\"response.output_audio_transcript.done\",\"item_id\":\"" + item
                        + "\",\"transcript\":\"a turn of speech\"}");
                conn.send("{\"type\":\"response.function_call_arguments.done\",\"name\":\"call_reflection_data\","
                        + "\"call_id\":\"c" + ids.incrementAndGet() + "\",\"arguments\":\"{\\\"status\\\":\\\"in_progress\\\"}\"}");
                conn.send("{\"type\":\"response.done\",\"response\":{\"status\":\"completed\",\"usage\":{"
                        + "\"total_tokens\":200,\"input_tokens\":120,\"output_tokens\":80,\"input_token_details\":{"
                        + "\"text_tokens\":90,\"audio_tokens\":30,\"cached_tokens\":0},\"output_token_details\":{"
                        + "\"text_tokens\":5,\"audio_tokens\":75}}}}");
            }
        }
    }
}
