package app.highway.audiolink;

import app.highway.config.Secret;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A console's end of the call-audio link: opens {@code /calls/{id}/listen} or {@code /calls/{id}/takeover}
 * with the person's token and hands what it hears to an {@link AudioSink} (and, on a take-over, what an
 * {@link AudioSource} captures to the bridge). A refused upgrade completes the answer exceptionally with an
 * {@link AudioLinkRefused} carrying the bridge's status and message; a closed link completes its session's
 * {@link AudioLinkSession#outcome()}.
 *
 * <p>On a Vert.x {@link WebSocketClient} with a small Vert.x of its own (one event loop), like the console's
 * event stream ({@code stream.EventStreamClient}): frames are read on that loop and handed to the sink there,
 * which never blocks.
 */
public final class AudioLinkClient implements AutoCloseable {
    private static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private final URI bridge;
    private final Secret token;
    private final Vertx vertx;
    private final WebSocketClient client;
    private final Duration connectTimeout;

    /**
     * @param bridge the bridge's address ({@code http://host:port} or {@code https://…})
     * @param token  the person's token (sent only in the upgrade's {@code Authorization} header)
     */
    public AudioLinkClient(URI bridge, Secret token, Duration connectTimeout) {
        this.bridge = bridge;
        this.token = token;
        this.connectTimeout = connectTimeout;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setName("audio-link")
                .setTryUsePerMessageCompression(false)
                .setTryUsePerFrameCompression(false)
                .setMaxConnections(64)
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setTcpNoDelay(true)
                .setVerifyHost(true));
    }

    /** Listens in on call {@code callId}: the mix the caller hears goes to {@code sink}. */
    public CompletableFuture<AudioLinkSession> listen(String callId, AudioSink sink) {
        return open(callId, AudioLinkSession.Kind.LISTEN, sink, null);
    }

    /** Takes call {@code callId} over: {@code mic}'s frames go to the caller, the caller's audio to {@code sink}. */
    public CompletableFuture<AudioLinkSession> takeOver(String callId, AudioSource mic, AudioSink sink) {
        return open(callId, AudioLinkSession.Kind.TAKE_OVER, sink, mic);
    }

    private CompletableFuture<AudioLinkSession> open(String callId, AudioLinkSession.Kind kind, AudioSink sink,
            AudioSource source) {
        URI uri = linkUri(bridge, callId, kind);
        CompletableFuture<AudioLinkSession> opened = new CompletableFuture<>();
        WebSocketConnectOptions request = new WebSocketConnectOptions()
                .setAbsoluteURI(uri.toString())
                .putHeader("Authorization", "Bearer " + token.reveal())
                .setTimeout(connectTimeout.toMillis());
        client.connect(request).onComplete(ws -> {
            AudioLinkSession session = new AudioLinkSession(callId, kind, ws, sink, source);
            try {
                session.begin();
            } catch (RuntimeException e) { // the device could not be opened: no link without it
                ws.close((short) 1000, "console could not open its audio device");
                sink.close();
                if (source != null) {
                    source.stop();
                }
                opened.completeExceptionally(e);
                return;
            }
            opened.complete(session);
        }, e -> opened.completeExceptionally(classify(e)));
        return opened;
    }

    static URI linkUri(URI bridge, String callId, AudioLinkSession.Kind kind) {
        String scheme = bridge.getScheme() == null ? "" : bridge.getScheme().toLowerCase(Locale.ROOT);
        String ws = switch (scheme) {
            case "https", "wss" -> "wss";
            case "http", "ws" -> "ws";
            default -> throw new IllegalArgumentException("a bridge's address starts with http://, https://, ws:// "
                    + "or wss://: " + bridge);
        };
        String path = bridge.getPath() == null ? "" : bridge.getPath().replaceAll("/+$", "");
        String id = URLEncoder.encode(callId, StandardCharsets.UTF_8).replace("+", "%20");
        return URI.create(ws + "://" + bridge.getRawAuthority() + path + "/calls/" + id
                + (kind == AudioLinkSession.Kind.LISTEN ? "/listen" : "/takeover"));
    }

    private Throwable classify(Throwable e) {
        if (e instanceof UpgradeRejectedException rejected) {
            int status = rejected.getStatus();
            String body = rejected.getBody() == null ? "" : rejected.getBody().toString(StandardCharsets.UTF_8);
            Matcher m = MESSAGE.matcher(body);
            String message = m.find() ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : defaultMessage(status);
            return new AudioLinkRefused(new LinkOutcome.Refused(status, message));
        }
        return new AudioLinkRefused(new LinkOutcome.Lost(1006, "the bridge at " + bridge + " cannot be reached ("
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")"));
    }

    private static String defaultMessage(int status) {
        return switch (status) {
            case 401 -> "The bridge no longer accepts your token";
            case 403 -> "Your role may not do this on this call";
            case 404 -> "No such call";
            case 409 -> "The call is not live here, or is already taken over";
            default -> "The bridge refused (HTTP " + status + ")";
        };
    }

    @Override
    public void close() {
        client.close();
        vertx.close();
    }

    /** The link did not open: {@link #outcome()} says why (a refusal with the bridge's words, or no connection). */
    public static final class AudioLinkRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient LinkOutcome outcome;

        public AudioLinkRefused(LinkOutcome outcome) {
            super(outcome.message(), null, false, false);
            this.outcome = outcome;
        }

        public LinkOutcome outcome() {
            return outcome;
        }
    }
}
