package app.highway.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * The load test's Realtime server (GA dialect), on Jetty like the bridge: answers the session,
 * then speaks a 3 s turn every 6 s as 20 ms audio deltas in real time, with transcript deltas, a
 * tool call and usage. Deltas carry their send time ({@link TimedFrame}); each caller frame that
 * arrives is timed against the carrier's send.
 */
final class LoadModelServer implements AutoCloseable {
    private static final String APPEND = "{\"type\":\"input_audio_buffer.append\"";
    private final ObjectMapper json = new ObjectMapper();
    private final Ticker ticker;
    private final Metrics metrics;
    private final Map<String, Conn> conns = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Javalin app;

    LoadModelServer(Ticker ticker, Metrics metrics) {
        this.ticker = ticker;
        this.metrics = metrics;
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.modifyWebSocketServletFactory(f -> f.setMaxTextMessageSize(1024 * 1024));
            cfg.routes.ws("/v1/realtime", ws -> {
                ws.onConnect(ctx -> {
                    Conn c = new Conn(ctx.session);
                    conns.put(ctx.sessionId(), c);
                    c.send("{\"type\":\"session.created\",\"session\":{\"type\":\"realtime\"}}");
                });
                ws.onMessage(ctx -> onMessage(ctx, ctx.message()));
                ws.onClose(ctx -> {
                    Conn c = conns.remove(ctx.sessionId());
                    if (c != null) {
                        c.closed = true;
                    }
                });
            });
        });
    }

    void start() {
        app.start("127.0.0.1", 0);
    }

    URI url() {
        return URI.create("ws://127.0.0.1:" + app.port() + "/v1/realtime");
    }

    private void onMessage(WsContext ctx, String message) {
        Conn c = conns.get(ctx.sessionId());
        if (c == null) {
            return;
        }
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
            case "session.update" -> c.send("{\"type\":\"session.updated\",\"session\":{\"type\":\"realtime\"}}");
            case "response.create" -> c.wantTurns();
            default -> { }
        }
    }

    @Override
    public void close() {
        app.stop();
    }

    /** One call's model side: a 3 s turn every 6 s, 20 ms deltas in real time. */
    private final class Conn implements Runnable {
        private final Session session;
        private volatile boolean closed;
        private volatile int callIndex = -1;
        private volatile boolean wantsTurns;
        private boolean turning;
        private int seq;
        private int ticks;

        Conn(Session session) {
            this.session = session;
        }

        void send(String text) {
            session.sendText(text, Callback.NOOP);
        }

        /** The bridge asked for a response; turns start once the caller's index is known from its audio. */
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
            if (closed || !session.isOpen()) {
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
