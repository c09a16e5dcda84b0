package app.highway.realtime;

import app.highway.config.Secret;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.handshake.ServerHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's WebSocket to the OpenAI Realtime API, GA dialect: {@code ?model=} in the URL,
 * {@code Authorization: Bearer}, no beta header. Sends are non-blocking (queued to the socket's
 * writer); every server event goes to the listener on the reader thread.
 */
public final class RealtimeClient {
    private static final Logger log = LoggerFactory.getLogger(RealtimeClient.class);
    private static final AtomicBoolean FIRST_CONNECTION_LOGGED = new AtomicBoolean();
    /** Far above any real event (audio deltas are a few KB); guards the parser against a broken peer. */
    private static final int MAX_EVENT_CHARS = 4 * 1024 * 1024;
    private static final String DELTA_PREFIX = "{\"type\":\"response.output_audio.delta\"";
    private static final String APPEND_PREFIX = "{\"type\":\"input_audio_buffer.append\",\"audio\":\"";

    private final Socket socket;
    private final RealtimeListener listener;
    private final ObjectMapper json;
    private final String label;
    private final String endpointName;
    private final AtomicBoolean closedReported = new AtomicBoolean();
    private volatile RealtimeFailure pendingFailure;

    public RealtimeClient(URI baseUrl, String model, Secret apiKey, ObjectMapper json, RealtimeListener listener,
            String label, String endpointName) {
        this.listener = listener;
        this.endpointName = endpointName;
        this.json = json;
        this.label = label;
        String separator = baseUrl.getQuery() == null ? "?" : "&";
        URI uri = URI.create(baseUrl + separator + "model=" + java.net.URLEncoder.encode(model,
                java.nio.charset.StandardCharsets.UTF_8));
        this.socket = new Socket(uri, Map.of("Authorization", "Bearer " + apiKey.reveal()));
        this.socket.setConnectionLostTimeout(30);
        this.socket.setTcpNoDelay(true); // audio frames are small: never wait to coalesce them
    }

    /** Starts connecting; the listener hears {@code onOpen} or {@code onClosed}. */
    public void connect() {
        socket.connect();
    }

    public boolean isOpen() {
        return socket.isOpen();
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
        socket.close();
    }

    private boolean sendText(String text) {
        try {
            socket.send(text);
            return true;
        } catch (WebsocketNotConnectedException e) {
            return false;
        }
    }

    /** Audio deltas are most of what the model sends: stream-parse them; false means "use the full parser". */
    private boolean fastAudioDelta(String message) {
        String itemId = null;
        String delta = null;
        try (com.fasterxml.jackson.core.JsonParser p = json.getFactory().createParser(message)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return false;
            }
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String field = p.currentName();
                com.fasterxml.jackson.core.JsonToken value = p.nextToken();
                if ("item_id".equals(field) && value == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
                    itemId = p.getText();
                } else if ("delta".equals(field) && value == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
                    delta = p.getText();
                } else {
                    p.skipChildren();
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
        if (itemId == null || delta == null) {
            return false;
        }
        listener.onAudioDelta(itemId, delta);
        return true;
    }

    private void reportClosed(int code, String reason, RealtimeFailure failure) {
        if (closedReported.compareAndSet(false, true)) {
            listener.onClosed(code, reason, failure);
        }
    }

    private final class Socket extends WebSocketClient {
        Socket(URI uri, Map<String, String> headers) {
            super(uri, headers);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            if (FIRST_CONNECTION_LOGGED.compareAndSet(false, true)) {
                log.info("Connected to the {} ({})", endpointName, label);
            } else {
                log.debug("Connected to the {} ({})", endpointName, label);
            }
            listener.onOpen();
        }

        @Override
        public void onMessage(String message) {
            if (message.length() > MAX_EVENT_CHARS) {
                log.warn("Ignoring a Realtime message of {} chars ({})", message.length(), label);
                return;
            }
            if (message.startsWith(DELTA_PREFIX) && fastAudioDelta(message)) {
                return;
            }
            JsonNode event;
            try {
                event = json.readTree(message);
            } catch (Exception e) {
                log.warn("Ignoring a Realtime message that is not JSON ({} chars)", message.length());
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
        public void onClose(int code, String reason, boolean remote) {
            RealtimeFailure failure = pendingFailure;
            String r = reason == null ? "" : reason;
            if (failure == null && (r.contains(" 401") || r.contains("invalid_api_key"))) {
                failure = RealtimeFailure.keyRejected();
            } else if (failure == null && code == -1) {
                failure = new RealtimeFailure(RealtimeFailure.Kind.UNREACHABLE,
                        "Could not reach the OpenAI Realtime API at " + getURI().getHost() + ": " + r);
            } else if (failure == null && (code == 1002 || code == 1006) && !r.isEmpty()
                    && r.toLowerCase(Locale.ROOT).contains("status")) {
                failure = new RealtimeFailure(RealtimeFailure.Kind.PROTOCOL, "The Realtime API refused the "
                        + "connection: " + r);
            } else if (failure == null && remote && code != 1000) {
                failure = new RealtimeFailure(RealtimeFailure.Kind.SERVER_CLOSED,
                        "The Realtime API closed the connection (" + code + (r.isEmpty() ? "" : " " + r) + ")");
            }
            reportClosed(code, r, failure);
        }

        @Override
        public void onError(Exception ex) {
            String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            if (message.contains(" 401")) {
                pendingFailure = RealtimeFailure.keyRejected();
            }
            log.debug("Realtime socket error ({}): {}", label, message);
        }
    }
}
