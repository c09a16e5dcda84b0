package app.highway.realtime;

import app.highway.config.Secret;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Frame;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's WebSocket to the OpenAI Realtime API, GA dialect: {@code ?model=} in the URL,
 * {@code Authorization: Bearer}, no beta header. Runs on the connector's shared Jetty client:
 * sends are non-blocking and happen on the caller's thread; server events reach the listener one
 * at a time on the shared pool.
 */
public final class RealtimeClient {
    private static final Logger log = LoggerFactory.getLogger(RealtimeClient.class);
    private static final AtomicBoolean FIRST_CONNECTION_LOGGED = new AtomicBoolean();
    /** Far above any real event (audio deltas are a few KB); guards the parser against a broken peer. */
    private static final int MAX_EVENT_BYTES = 4 * 1024 * 1024;
    private static final byte[] DELTA_PREFIX = "{\"type\":\"response.output_audio.delta\""
            .getBytes(StandardCharsets.US_ASCII);
    private static final String APPEND_PREFIX = "{\"type\":\"input_audio_buffer.append\",\"audio\":\"";

    private final RealtimeSockets sockets;
    private final URI uri;
    private final Secret apiKey;
    private final RealtimeListener listener;
    private final ObjectMapper json;
    private final String label;
    private final String endpointName;
    private final AtomicBoolean closedReported = new AtomicBoolean();
    private final Endpoint endpoint = new Endpoint();
    private volatile CompletableFuture<Session> connecting;
    private volatile Session session;
    /**
     * Open from {@code onWebSocketOpen} until we close or the socket closes. Checked on every send
     * instead of {@link Session#isOpen()}, which takes the session's lock (two sends per frame).
     */
    private volatile boolean open;
    private volatile boolean closedByUs;
    private volatile RealtimeFailure pendingFailure;

    RealtimeClient(RealtimeSockets sockets, URI baseUrl, String model, Secret apiKey, ObjectMapper json,
            RealtimeListener listener, String label, String endpointName) {
        this.sockets = sockets;
        this.listener = listener;
        this.endpointName = endpointName;
        this.json = json;
        this.label = label;
        this.apiKey = apiKey;
        String separator = baseUrl.getQuery() == null ? "?" : "&";
        this.uri = URI.create(baseUrl + separator + "model=" + URLEncoder.encode(model, StandardCharsets.UTF_8));
    }

    /** Starts connecting; the listener hears {@code onOpen} or {@code onClosed}. */
    public void connect() {
        ClientUpgradeRequest request = new ClientUpgradeRequest(uri);
        request.setHeader("Authorization", "Bearer " + apiKey.reveal());
        try {
            CompletableFuture<Session> future = sockets.client().connect(endpoint, request);
            connecting = future;
            future.whenComplete((s, error) -> {
                if (error != null) {
                    connectFailed(error);
                }
            });
        } catch (IOException | RuntimeException e) {
            connectFailed(e);
        }
    }

    public boolean isOpen() {
        return open;
    }

    /** Sends one client event; false if the socket is not open (the caller decides what that means). */
    public boolean send(JsonNode event) {
        return sendText(event.toString());
    }

    /** Hot path: one caller audio frame, μ-law base64 as Twilio sent it, no re-encoding. */
    public boolean appendAudio(String base64) {
        return sendText(APPEND_PREFIX + base64 + "\"}");
    }

    public void close() {
        closedByUs = true;
        open = false;
        Session s = session;
        if (s != null) {
            s.close(StatusCode.NORMAL, "call ended", Callback.NOOP);
        } else {
            CompletableFuture<Session> pending = connecting;
            if (pending != null) {
                pending.cancel(true);
            }
        }
    }

    private boolean sendText(String text) {
        Session s = session;
        if (s == null || !open) {
            return false;
        }
        s.sendText(text, Callback.NOOP); // on a socket closing meanwhile, Jetty fails the callback: nothing throws
        return true;
    }

    private void connectFailed(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (closedByUs || cause instanceof CancellationException) {
            reportClosed(StatusCode.NORMAL, "closed before it opened", null);
            return;
        }
        RealtimeFailure failure;
        int status = upgradeStatus(cause);
        if (status == 401 || status == 403) {
            failure = RealtimeFailure.keyRejected();
        } else if (status > 0) {
            failure = new RealtimeFailure(RealtimeFailure.Kind.PROTOCOL,
                    "The Realtime API refused the connection: HTTP status " + status);
        } else if (tlsFailure(cause)) {
            failure = new RealtimeFailure(RealtimeFailure.Kind.UNREACHABLE,
                    "The secure connection to the OpenAI Realtime API at " + uri.getHost() + " failed (" + describe(cause)
                            + "): check the system clock, and any proxy or antivirus that inspects TLS");
        } else if (reachability(cause)) {
            failure = new RealtimeFailure(RealtimeFailure.Kind.UNREACHABLE,
                    "Could not reach the OpenAI Realtime API at " + uri.getHost() + ": " + describe(cause));
        } else {
            failure = new RealtimeFailure(RealtimeFailure.Kind.PROTOCOL,
                    "The Realtime API connection failed: " + describe(cause));
        }
        log.debug("Realtime connection failed ({}): {}", label, describe(cause));
        reportClosed(StatusCode.ABNORMAL, describe(cause), failure);
    }

    private static int upgradeStatus(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof UpgradeException upgrade && upgrade.getResponseStatusCode() > 0) {
                return upgrade.getResponseStatusCode();
            }
        }
        return 0;
    }

    private static boolean tlsFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException || t instanceof java.security.cert.CertificateException) {
                return true;
            }
        }
        return false;
    }

    private static boolean reachability(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnresolvedAddressException
                    || t instanceof java.net.UnknownHostException || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    /** Audio deltas are most of what the model sends: stream-parse them; false means "use the full parser". */
    private boolean fastAudioDelta(byte[] message, int length) {
        String itemId = null;
        String delta = null;
        try (JsonParser p = json.getFactory().createParser(message, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("item_id".equals(field) && value == JsonToken.VALUE_STRING) {
                    itemId = p.getText();
                } else if ("delta".equals(field) && value == JsonToken.VALUE_STRING) {
                    delta = p.getText();
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        if (itemId == null || delta == null) {
            return false;
        }
        listener.onAudioDelta(itemId, delta);
        return true;
    }

    private static boolean startsWith(byte[] message, int length, byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (message[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private void reportClosed(int code, String reason, RealtimeFailure failure) {
        if (closedReported.compareAndSet(false, true)) {
            listener.onClosed(code, reason, failure);
        }
    }

    /**
     * The socket's events, one at a time per socket; Jetty asks for the next frame after each. Public
     * only because Jetty invokes listener methods through method handles.
     */
    public final class Endpoint implements Session.Listener.AutoDemanding {
        private static final int RETAINED_BUFFER_BYTES = 16 * 1024;
        private byte[] buffer = new byte[4096];
        private int length;
        private boolean oversized;

        private Endpoint() {
        }

        @Override
        public void onWebSocketOpen(Session opened) {
            session = opened;
            open = !closedByUs;
            if (closedByUs) {
                opened.close(StatusCode.NORMAL, "call ended", Callback.NOOP);
                return;
            }
            if (FIRST_CONNECTION_LOGGED.compareAndSet(false, true)) {
                log.info("Connected to the {} ({})", endpointName, label);
            } else {
                log.debug("Connected to the {} ({})", endpointName, label);
            }
            listener.onOpen();
        }

        /**
         * Frames, not messages: Jetty's message sinks allocate a decoder of the input buffer size (4 KB)
         * for every message. A message is almost always one frame; its bytes are parsed as they are,
         * and fragments are joined in one buffer per socket that is reused.
         */
        @Override
        public void onWebSocketFrame(Frame frame, Callback callback) {
            try {
                byte op = frame.getEffectiveOpCode();
                if (op == Frame.Type.TEXT.getOpCode()) {
                    text(frame.getPayload(), frame.isFin());
                } else if (op == Frame.Type.BINARY.getOpCode() && frame.isFin()) {
                    log.warn("Ignoring a binary Realtime message ({})", label);
                }
            } finally {
                callback.succeed();
            }
        }

        private void text(ByteBuffer payload, boolean fin) {
            int size = payload == null ? 0 : payload.remaining();
            if (!oversized && length + size > MAX_EVENT_BYTES) {
                oversized = true;
            }
            if (!oversized && size > 0) {
                if (length + size > buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + size));
                }
                payload.get(payload.position(), buffer, length, size); // absolute: Jetty's buffer stays as it was
                length += size;
            }
            if (!fin) {
                return;
            }
            int messageLength = length;
            boolean dropped = oversized;
            length = 0;
            oversized = false;
            if (dropped) {
                log.warn("Ignoring a Realtime message over {} bytes ({})", MAX_EVENT_BYTES, label);
            } else {
                onMessage(buffer, messageLength);
            }
            if (buffer.length > RETAINED_BUFFER_BYTES) {
                buffer = new byte[RETAINED_BUFFER_BYTES]; // a rare big event does not pin its buffer for the call
            }
        }

        private void onMessage(byte[] message, int size) {
            if (startsWith(message, size, DELTA_PREFIX) && fastAudioDelta(message, size)) {
                return;
            }
            JsonNode event;
            try {
                event = json.readTree(message, 0, size);
            } catch (Exception e) {
                log.warn("Ignoring a Realtime message that is not JSON ({} bytes)", size);
                return;
            }
            if (event == null || !event.isObject() || !event.path("type").isTextual()) {
                log.warn("Ignoring a Realtime message without a type");
                return;
            }
            String type = event.get("type").asText();
            if ("error".equals(type) && "invalid_api_key".equals(event.path("error").path("code").asText())) {
                pendingFailure = RealtimeFailure.keyRejected();
            }
            listener.onEvent(type, event);
        }

        @Override
        public void onWebSocketClose(int code, String reason) {
            open = false;
            RealtimeFailure failure = pendingFailure;
            String r = reason == null ? "" : reason;
            if (failure == null && r.contains("invalid_api_key")) {
                failure = RealtimeFailure.keyRejected();
            } else if (failure == null && !closedByUs && code != StatusCode.NORMAL) {
                failure = new RealtimeFailure(RealtimeFailure.Kind.SERVER_CLOSED,
                        "The Realtime API closed the connection (" + code + (r.isEmpty() ? "" : " " + r) + ")");
            }
            reportClosed(code, r, failure);
        }

        @Override
        public void onWebSocketError(Throwable error) {
            log.debug("Realtime socket error ({}): {}", label, describe(error));
        }
    }
}
