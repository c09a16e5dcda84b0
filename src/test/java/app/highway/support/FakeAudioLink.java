package app.highway.support;

import app.highway.audiolink.AudioFrame;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bridge's call-audio link as the protocol in {@code audiolink/package-info.java} describes it, over a real
 * socket: {@code /calls/{id}/listen} and {@code /calls/{id}/takeover} with a bearer token, refusals with the
 * API's JSON error, frames both ways, the "ended" message and the close codes. The test decides per call what
 * the bridge answers ({@link #refuse}) and what it sends.
 */
public final class FakeAudioLink implements AutoCloseable {
    private static final Pattern PATH = Pattern.compile("^/calls/([^/]+)/(listen|takeover)$");
    private static final Pattern POWER = Pattern.compile("^/calls/([^/]+)/(whisper|say|mute|unmute|transfer)$");
    public static final String TOKEN = "audio-link-test-token";

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final int port;
    private final Map<String, int[]> refusals = new ConcurrentHashMap<>();
    private final Map<String, String> refusalMessages = new ConcurrentHashMap<>();
    /** Open sockets per "id/kind". */
    private final Map<String, ServerWebSocket> open = new ConcurrentHashMap<>();
    /** Frames the console sent, per call id (take-over). */
    private final Map<String, List<AudioFrame>> received = new ConcurrentHashMap<>();
    public final List<String> requests = new CopyOnWriteArrayList<>();
    /** The text powers asked for: "POST /calls/hw-1/whisper {json body}". */
    public final List<String> powers = new CopyOnWriteArrayList<>();

    public FakeAudioLink() throws Exception {
        server = vertx.createHttpServer().requestHandler(this::handle);
        port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .actualPort();
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    /** The bridge answers the upgrade for {@code id} with {@code status} and the API's JSON error. */
    public void refuse(String id, int status, String message) {
        refusals.put(id, new int[] {status});
        refusalMessages.put(id, message);
    }

    private void handle(HttpServerRequest req) {
        requests.add(req.path());
        Matcher p = POWER.matcher(req.path());
        if (p.matches() && "POST".equals(req.method().name())) {
            power(req, p.group(1), p.group(2));
            return;
        }
        Matcher m = PATH.matcher(req.path());
        if (!m.matches()) {
            error(req, 404, "not_found", "No such endpoint");
            return;
        }
        if (!("Bearer " + TOKEN).equals(req.getHeader("Authorization"))) {
            error(req, 401, "unauthorized", "A valid bearer token is required");
            return;
        }
        String id = m.group(1);
        String kind = m.group(2);
        int[] refusal = refusals.get(id);
        if (refusal != null) {
            error(req, refusal[0], refusal[0] == 403 ? "forbidden" : refusal[0] == 404 ? "not_found" : "conflict",
                    refusalMessages.get(id));
            return;
        }
        req.toWebSocket().onSuccess(ws -> {
            open.put(id + "/" + kind, ws);
            ws.binaryMessageHandler(b -> received.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>())
                    .add(AudioFrame.fromWire(b.getBytes())));
            ws.closeHandler(v -> open.remove(id + "/" + kind, ws));

        });
    }

    private void power(HttpServerRequest req, String id, String power) {
        req.body().onSuccess(body -> {
            if (!("Bearer " + TOKEN).equals(req.getHeader("Authorization"))) {
                error(req, 401, "unauthorized", "A valid bearer token is required");
                return;
            }
            int[] refusal = refusals.get(id);
            if (refusal != null) {
                error(req, refusal[0], "refused", refusalMessages.get(id));
                return;
            }
            powers.add("POST " + req.path() + (body.length() == 0 ? "" : " " + body.toString()));
            boolean mute = power.equals("mute") || power.equals("unmute");
            req.response().setStatusCode(mute ? 200 : 202).putHeader("Content-Type", "application/json")
                    .end(mute ? "{\"muted\":" + power.equals("mute") + "}" : "{\"call\":\"" + id + "\"}");
        });
    }

    private static void error(HttpServerRequest req, int status, String code, String message) {
        req.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end("{\"error\":\"" + code + "\",\"message\":\"" + message.replace("\"", "\\\"") + "\"}");
    }

    private ServerWebSocket socket(String id, String kind) {
        // the client's handshake can complete before this side's handler has registered the socket: wait a little
        ServerWebSocket ws = open.get(id + "/" + kind);
        long until = System.nanoTime() + 5_000_000_000L;
        while (ws == null && System.nanoTime() < until) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            ws = open.get(id + "/" + kind);
        }
        if (ws == null) {
            throw new AssertionError("no " + kind + " socket open for " + id + ": " + open.keySet());
        }
        return ws;
    }

    public boolean isOpen(String id, String kind) {
        return open.containsKey(id + "/" + kind);
    }

    /** Sends frames to the console on the call's {@code kind} socket, in the order given. */
    public void send(String id, String kind, List<AudioFrame> frames) {
        ServerWebSocket ws = socket(id, kind);
        for (AudioFrame f : frames) {
            ws.writeBinaryMessage(Buffer.buffer(f.toWire()));
        }
    }

    /** The call ended: the "ended" message, then 1000. */
    public void end(String id, String kind, String reason) {
        ServerWebSocket ws = socket(id, kind);
        ws.writeTextMessage("{\"type\":\"ended\",\"reason\":\"" + reason + "\"}");
        ws.close((short) 1000, "call ended");
    }

    public void close(String id, String kind, int code, String reason) {
        socket(id, kind).close((short) code, reason);
    }

    public List<AudioFrame> received(String id) {
        return List.copyOf(received.getOrDefault(id, List.of()));
    }

    @Override
    public void close() {
        vertx.close();
    }
}
