package app.highway.realtime;

import app.highway.config.Secret;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
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
 * One model WebSocket, whatever the dialect: {@code Authorization: Bearer} on the upgrade, whole
 * text messages out, whole text messages in (as bytes, for the dialect to parse), and every way it
 * can fail turned into a {@link RealtimeFailure} an operator understands. Runs on the connector's
 * shared Jetty client: sends are non-blocking and happen on the caller's thread; messages reach the
 * {@link Receiver} one at a time on the shared pool.
 */
final class RealtimeSocket {
    private static final Logger log = LoggerFactory.getLogger(RealtimeSocket.class);
    private static final AtomicBoolean FIRST_CONNECTION_LOGGED = new AtomicBoolean();
    /** Far above any real event (audio deltas are a few KB); guards the parser against a broken peer. */
    private static final int MAX_EVENT_BYTES = 4 * 1024 * 1024;

    /** What the dialect on top of the socket hears; one call at a time, on the socket's reader. */
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

    RealtimeSocket(RealtimeSockets sockets, URI uri, Secret apiKey, Receiver receiver, String label,
            String endpointName) {
        this.sockets = sockets;
        this.uri = uri;
        this.apiKey = apiKey;
        this.receiver = receiver;
        this.label = label;
        this.endpointName = endpointName;
    }

    /** Starts connecting; the receiver hears {@code onOpen} or {@code onClosed}. */
    void connect() {
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

    /** Sends one message; false if the socket is not open (the caller decides what that means). */
    boolean sendText(String text) {
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

    private void reportClosed(int code, String reason, RealtimeFailure failure) {
        if (closedReported.compareAndSet(false, true)) {
            receiver.onClosed(code, reason, failure);
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
            receiver.onOpen();
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
                receiver.onMessage(buffer, messageLength);
            }
            if (buffer.length > RETAINED_BUFFER_BYTES) {
                buffer = new byte[RETAINED_BUFFER_BYTES]; // a rare big event does not pin its buffer for the call
            }
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
