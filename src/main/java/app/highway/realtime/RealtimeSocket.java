package app.highway.realtime;

import app.highway.config.Secret;
import app.highway.transport.TextFrames;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import java.net.ConnectException;
import java.net.URI;
import java.nio.channels.UnresolvedAddressException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model WebSocket, whatever the dialect: {@code Authorization: Bearer} on the upgrade, no
 * extension offered, whole text messages out, whole text messages in (as bytes, for the dialect to
 * parse), and every way it can fail turned into a {@link RealtimeFailure} an operator understands.
 * Opened from the transport's relay loop, so its events reach the {@link Receiver} one at a time on
 * that loop's thread (the thread the media sockets run on); sends are non-blocking from any thread.
 */
final class RealtimeSocket {
    private static final Logger log = LoggerFactory.getLogger(RealtimeSocket.class);
    private static final AtomicBoolean FIRST_CONNECTION_LOGGED = new AtomicBoolean();
    /** Far above any real event (audio deltas are a few KB); guards the parser against a broken peer. */
    private static final int MAX_EVENT_BYTES = 4 * 1024 * 1024;
    private static final int RETAINED_BUFFER_BYTES = 16 * 1024;
    /** Above this a message goes out as text, which Vert.x splits into frames of its maximum size. */
    private static final int SINGLE_FRAME_BYTES = 60 * 1024;
    private static final short NORMAL = 1000;
    private static final short ABNORMAL = 1006;

    /** What the dialect on top of the socket hears; one call at a time, on the relay loop. */
    interface Receiver {
        void onOpen();

        /** One whole text message: {@code message[0, length)}, UTF-8; the array is reused afterwards. */
        void onMessage(byte[] message, int length);

        void onClosed(int code, String reason, RealtimeFailure failure);
    }

    private final RealtimeSockets sockets;
    private final URI uri;
    private final Secret apiKey;
    private final Receiver receiver;
    private final String label;
    private final String endpointName;
    private final AtomicBoolean closedReported = new AtomicBoolean();
    private volatile WebSocket socket;
    /** Open from the upgrade until we close or the socket closes; checked on every send. */
    private volatile boolean open;
    private volatile boolean closedByUs;
    private volatile RealtimeFailure pendingFailure;

    // the message being read: touched only on the relay loop
    private byte[] buffer = new byte[4096];
    private int length;
    private boolean oversized;
    private boolean binaryMessage;

    RealtimeSocket(RealtimeSockets sockets, URI uri, Secret apiKey, Receiver receiver, String label,
            String endpointName) {
        this.sockets = sockets;
        this.uri = uri;
        this.apiKey = apiKey;
        this.receiver = receiver;
        this.label = label;
        this.endpointName = endpointName;
    }

    /** Starts connecting (from the relay loop, whatever the caller's thread); the receiver hears {@code onOpen} or {@code onClosed}. */
    void connect() {
        WebSocketConnectOptions options;
        try {
            options = connectOptions(uri).addHeader("Authorization", "Bearer " + apiKey.reveal());
        } catch (RuntimeException e) {
            connectFailed(e);
            return;
        }
        sockets.relay().runOnContext(v -> {
            if (closedByUs) {
                return; // closed before it started: already reported
            }
            sockets.client().connect(options).onComplete(this::opened, this::connectFailed);
        });
    }

    static WebSocketConnectOptions connectOptions(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        boolean tls = scheme.equals("wss") || scheme.equals("https");
        if (!tls && !scheme.equals("ws") && !scheme.equals("http")) {
            throw new IllegalArgumentException("Not a WebSocket URL: " + uri);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("No host in " + uri);
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return new WebSocketConnectOptions()
                .setHost(uri.getHost())
                .setPort(uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80)
                .setSsl(tls)
                .setURI(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
    }

    boolean isOpen() {
        return open;
    }

    /** The failure to report when the socket closes, whatever the close says (e.g. the key was refused). */
    void failWith(RealtimeFailure failure) {
        pendingFailure = failure;
    }

    void close() {
        closedByUs = true;
        open = false;
        WebSocket ws = socket;
        if (ws != null) {
            ws.close(NORMAL, "call ended");
        } else {
            reportClosed(NORMAL, "closed before it opened", null); // a socket that opens later is closed at once
        }
    }

    /**
     * Ends our side now (nothing more is sent) but goes on reading until the server closes, or {@link #close}
     * is called, or {@code waitMillis} have passed: for a protocol whose last message answers our request to
     * end (GPT-Live's {@code session.closed}, with the session's final duration).
     */
    void closeAfter(long waitMillis) {
        WebSocket ws = socket;
        if (ws == null || !open) {
            close();
            return;
        }
        closedByUs = true;
        open = false;
        sockets.relay().owner().setTimer(waitMillis, t -> ws.close(NORMAL, "call ended"));
    }

    /** Sends one message; false if the socket is not open (the caller decides what that means). Never blocks. */
    boolean sendText(String text) {
        WebSocket ws = socket;
        if (ws == null || !open) {
            return false;
        }
        try {
            ws.writeTextMessage(text); // queued on the socket's loop; a socket closing meanwhile fails the future
            return true;
        } catch (IllegalStateException closing) {
            return false;
        }
    }

    /**
     * The hot path: one message of {@code head + body[offset, offset + length) + tail}, UTF-8 bytes,
     * copied once into the frame (see {@link TextFrames}); false if the socket is not open. Never blocks.
     */
    boolean sendText(byte[] head, byte[] body, int offset, int length, byte[] tail) {
        WebSocket ws = socket;
        if (ws == null || !open) {
            return false;
        }
        if (head.length + length + tail.length > SINGLE_FRAME_BYTES) { // never for real audio: split as text
            byte[] all = new byte[head.length + length + tail.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(body, offset, all, head.length, length);
            System.arraycopy(tail, 0, all, head.length + length, tail.length);
            return sendText(new String(all, java.nio.charset.StandardCharsets.UTF_8));
        }
        return TextFrames.write(ws, head, body, offset, length, tail);
    }

    private void opened(WebSocket ws) {
        socket = ws;
        if (closedByUs) {
            ws.close(NORMAL, "call ended");
            return;
        }
        ws.frameHandler(this::frame);
        ws.closeHandler(v -> closed(ws.closeStatusCode(), ws.closeReason()));
        ws.exceptionHandler(error -> log.debug("Realtime socket error ({}): {}", label, describe(error)));
        open = true;
        if (FIRST_CONNECTION_LOGGED.compareAndSet(false, true)) {
            log.info("Connected to the {} ({})", endpointName, label);
        } else {
            log.debug("Connected to the {} ({})", endpointName, label);
        }
        receiver.onOpen();
    }

    /**
     * Frames, not messages: a message is almost always one frame, whose bytes are parsed as they
     * are; fragments are joined in one buffer per socket that is reused. No per-message String.
     */
    private void frame(WebSocketFrame frame) {
        WebSocketFrameType type = frame.type();
        if (type == WebSocketFrameType.TEXT || type == WebSocketFrameType.BINARY) {
            binaryMessage = type == WebSocketFrameType.BINARY;
        } else if (type != WebSocketFrameType.CONTINUATION) {
            return; // ping, pong and close are Vert.x's
        }
        if (binaryMessage) {
            if (frame.isFinal()) {
                log.warn("Ignoring a binary Realtime message ({})", label);
            }
            return;
        }
        text(frame.binaryData(), frame.isFinal());
    }

    private void text(Buffer payload, boolean fin) {
        int size = payload == null ? 0 : payload.length();
        if (!oversized && length + size > MAX_EVENT_BYTES) {
            oversized = true;
        }
        if (!oversized && size > 0) {
            if (length + size > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + size));
            }
            payload.getBytes(0, size, buffer, length);
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
            receiver.onMessage(buffer, messageLength);
        }
        if (buffer.length > RETAINED_BUFFER_BYTES) {
            buffer = new byte[RETAINED_BUFFER_BYTES]; // a rare big event does not pin its buffer for the call
        }
    }

    private void closed(Short status, String reason) {
        open = false;
        int code = status == null ? ABNORMAL : status;
        RealtimeFailure failure = pendingFailure;
        String r = reason == null ? "" : reason;
        if (failure == null && r.contains("invalid_api_key")) {
            failure = RealtimeFailure.keyRejected();
        } else if (failure == null && !closedByUs && code != NORMAL) {
            failure = new RealtimeFailure(RealtimeFailure.Kind.SERVER_CLOSED,
                    "The Realtime API closed the connection (" + code + (r.isEmpty() ? "" : " " + r) + ")");
        }
        reportClosed(code, r, failure);
    }

    private void connectFailed(Throwable cause) {
        if (closedByUs) {
            reportClosed(NORMAL, "closed before it opened", null);
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
        reportClosed(ABNORMAL, describe(cause), failure);
    }

    private static int upgradeStatus(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof UpgradeRejectedException upgrade && upgrade.getStatus() > 0) {
                return upgrade.getStatus();
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

    private void reportClosed(int code, String reason, RealtimeFailure failure) {
        if (closedReported.compareAndSet(false, true)) {
            receiver.onClosed(code, reason, failure);
        }
    }
}
