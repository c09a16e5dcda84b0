package app.highway.realtime;

import app.highway.websocket.SharedWebSocketClient;
import java.time.Duration;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * The one WebSocket client every model socket shares: one selector and a small thread pool for
 * all calls, instead of a reader and a writer thread per call. Sends run on the caller's thread
 * (non-blocking; Jetty queues what the socket cannot take at once), reads on the pool.
 */
final class RealtimeSockets implements AutoCloseable {
    /** Far above any real event (audio deltas are a few KB); a bigger message closes the socket (1009). */
    static final long MAX_MESSAGE_BYTES = 8L * 1024 * 1024;
    /** A ringing call's model socket waits for the caller in silence; a live one carries audio every 20 ms. */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);

    private final WebSocketClient client;

    RealtimeSockets() {
        client = SharedWebSocketClient.start("realtime", 16, IDLE_TIMEOUT, MAX_MESSAGE_BYTES);
    }

    WebSocketClient client() {
        return client;
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            // stopping is best effort: the sockets are closed by then
        }
    }
}
