package app.highway.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load test's Realtime server (GA dialect), on the generator's Vert.x ({@link GeneratorVertx}):
 * answers the session, then speaks a 3 s turn every 6 s as 20 ms audio deltas in real time, with
 * transcript deltas, a tool call and usage. Deltas carry their send time ({@link TimedFrame}); each
 * caller frame that arrives is timed against the carrier's send.
 *
 * <p>It serves the bridge and Twilio's Node sample alike ({@link PeerBenchmark}): turns start once
 * the client has configured the session ({@code session.update}, with or without an event id) or
 * asked for a response, and the caller's first frame has told which call this is. The sample, as
 * shipped, never sends {@code response.create} (its greeting is commented out). It declines every
 * WebSocket extension: Node's {@code ws} client offers {@code permessage-deflate} by default, the
 * bridge's does not, and the model socket is measured uncompressed for both.
 */
final class LoadModelServer implements AutoCloseable {
    private static final String APPEND = "{\"type\":\"input_audio_buffer.append\"";
    private final ObjectMapper json = new ObjectMapper();
    private final Ticker ticker;
    private final Metrics metrics;
    private final AtomicInteger ids = new AtomicInteger();
    /** The extensions the last model client offered on its upgrade (all declined). */
    volatile String offeredExtensions = "none";
    private final HttpServer server;

    LoadModelServer(Vertx vertx, Ticker ticker, Metrics metrics) {
        this.ticker = ticker;
        this.metrics = metrics;
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0).setTcpNoDelay(true)
                .setMaxWebSocketFrameSize(1024 * 1024).setMaxWebSocketMessageSize(1024 * 1024)
                .setPerMessageWebSocketCompressionSupported(false) // no permessage-deflate, whoever offers it
                .setPerFrameWebSocketCompressionSupported(false));
        server.webSocketHandler(this::accept);
    }

    private void accept(ServerWebSocket ws) {
        if (!ws.path().equals("/v1/realtime")) {
            ws.close((short) 1008, "not the realtime path");
            return;
        }
        String offered = ws.headers().get("Sec-WebSocket-Extensions");
        offeredExtensions = offered == null || offered.isBlank() ? "none" : offered.replaceAll(";[^,]*", "");
        Conn c = new Conn(ws);
        ws.textMessageHandler(m -> onMessage(c, m));
        ws.closeHandler(v -> c.closed = true);
        ws.exceptionHandler(e -> c.closed = true);
        c.send("{\"type\":\"session.created\",\"session\":{\"type\":\"realtime\"}}");
    }

    void start() {
        try {
            GeneratorVertx.await(server.listen(), 10);
        } catch (Exception e) {
            throw new IllegalStateException("the load model server did not start", e);
        }
    }

    URI url() {
        return URI.create("ws://127.0.0.1:" + server.actualPort() + "/v1/realtime");
    }

    private void onMessage(Conn c, String message) {
        if (message.startsWith(APPEND)) {
            TimedFrame f = TimedFrame.in(message, "\"audio\":\"");
            if (f != null) {
                c.heard(f.call());
                metrics.carrierToModel(f, System.nanoTime());
            }
            return;
        }
        JsonNode m;
        try {
            m = json.readTree(message);
        } catch (Exception e) {
            return;
        }
        switch (m.path("type").asText()) {
            case "session.update" -> {
                c.send("{\"type\":\"session.updated\",\"session\":{\"type\":\"realtime\"}}");
                c.wantTurns();
            }
            case "response.create" -> c.wantTurns();
            default -> { }
        }
    }

    @Override
    public void close() {
        try {
            GeneratorVertx.await(server.close(), 10);
        } catch (Exception e) {
            LoadGenerator.log("load model server did not stop: " + e);
        }
    }

    /** One call's model side: a 3 s turn every 6 s, 20 ms deltas in real time. */
    private final class Conn implements Runnable {
        private final ServerWebSocket session;
        private volatile boolean closed;
        private volatile int callIndex = -1;
        private volatile boolean wantsTurns;
        private boolean turning;
        private int seq;
        private int ticks;

        Conn(ServerWebSocket session) {
            this.session = session;
        }

        void send(String text) {
            session.writeTextMessage(text);
        }

        /** The session is configured or a response asked for; turns start once the caller's index is known from its audio. */
        void wantTurns() {
            wantsTurns = true;
            maybeStartTurns();
        }

        void heard(int call) {
            if (callIndex < 0) {
                callIndex = call;
                maybeStartTurns();
            }
        }

        private synchronized void maybeStartTurns() {
            if (!turning && wantsTurns && callIndex >= 0) {
                turning = true;
                ticker.every20ms(callIndex % Ticker.SLOTS + Ticker.SLOTS / 2, this); // half a period after the caller's
            }
        }

        @Override
        public void run() {
            if (closed || session.isClosed()) {
                throw new IllegalStateException("call ended"); // the ticker drops this sender
            }
            int phase = ticks++ % 300; // 6 s cycle: 3 s speaking, 3 s listening
            String item = "item_" + (ticks / 300);
            if (phase < 150) {
                long now = System.nanoTime();
                metrics.modelSent(now);
                send("{\"type\":\"response.output_audio.delta\",\"response_id\":\"r\",\"item_id\":\"" + item
                        + "\",\"output_index\":0,\"content_index\":0,\"delta\":\""
                        + new TimedFrame(callIndex, ++seq, now).base64() + "\"}");
                if (phase % 10 == 0) {
                    send("{\"type\":\"response.output_audio_transcript.delta\",\"item_id\":\"" + item
                            + "\",\"delta\":\"word \"}");
                }
            } else if (phase == 150) {
                send("{\"type\":\"response.output_audio.done\",\"item_id\":\"" + item + "\"}");
                send("{\"type\":\"response.output_audio_transcript.done\",\"item_id\":\"" + item
                        + "\",\"transcript\":\"a turn of speech\"}");
                send("{\"type\":\"response.function_call_arguments.done\",\"name\":\"call_reflection_data\","
                        + "\"call_id\":\"c" + ids.incrementAndGet() + "\",\"arguments\":\"{\\\"status\\\":\\\"in_progress\\\"}\"}");
                send("{\"type\":\"response.done\",\"response\":{\"status\":\"completed\",\"usage\":{"
                        + "\"total_tokens\":200,\"input_tokens\":120,\"output_tokens\":80,\"input_token_details\":{"
                        + "\"text_tokens\":90,\"audio_tokens\":30,\"cached_tokens\":0},\"output_token_details\":{"
                        + "\"text_tokens\":5,\"audio_tokens\":75}}}}");
            }
        }
    }
}
