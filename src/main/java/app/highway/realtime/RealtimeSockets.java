package app.highway.realtime;

import java.time.Duration;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
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
        QueuedThreadPool pool = new QueuedThreadPool(16, 2);
        pool.setName("realtime");
        pool.setDaemon(true);
        ClientConnector connector = new ClientConnector();
        connector.setSelectors(1);
        connector.setTCPNoDelay(true); // audio frames are small: never wait to coalesce them
        connector.setExecutor(pool);
        HttpClient http = new HttpClient(new org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP(connector));
        http.setExecutor(pool);
        http.setName("realtime");
        http.setConnectTimeout(10_000);
        client = new WebSocketClient(http);
        client.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
        client.setMaxBinaryMessageSize(64 * 1024);
        client.setIdleTimeout(IDLE_TIMEOUT);
        client.setStopAtShutdown(false);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the Realtime WebSocket client: " + e.getMessage(), e);
        }
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
