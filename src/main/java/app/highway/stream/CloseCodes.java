package app.highway.stream;

/**
 * How the bridge closes an event stream, and what the client does about it. WebSocket close codes
 * 4000–4999 are the application's own (RFC 6455 §7.4.2).
 */
public final class CloseCodes {
    /** The bridge is stopping: reconnect with backoff and resume. */
    public static final short GOING_AWAY = 1001;
    /** The client fell behind (the bridge's write queue for it was full): reconnect at once and resume. */
    public static final short RESYNC = 4001;
    /** The token was revoked (or its person removed): do not reconnect. */
    public static final short REVOKED = 4003;
    /** The bridge failed to serve the stream: reconnect with backoff. */
    public static final short INTERNAL_ERROR = 1011;

    private CloseCodes() {
    }
}
