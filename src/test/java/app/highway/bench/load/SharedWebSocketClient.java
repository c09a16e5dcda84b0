package app.highway.bench.load;

import java.time.Duration;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * The load generator's carrier side (test code since the product left Jetty's WebSocket client):
 * a Jetty WebSocket client meant to be shared by many sockets: one selector and a small daemon
 * pool for all of them, instead of threads per socket. Sends run on the caller's thread
 * (non-blocking; Jetty queues what a socket cannot take at once), reads on the pool. No Nagle
 * delay: audio frames are small and must never wait to be coalesced.
 */
final class SharedWebSocketClient {
    private SharedWebSocketClient() {
    }

    /**
     * Starts a client whose threads are named {@code name-N}.
     *
     * @param maxTextBytes a bigger text message closes its socket (1009)
     */
    static WebSocketClient start(String name, int maxThreads, Duration idleTimeout, long maxTextBytes) {
        QueuedThreadPool pool = new QueuedThreadPool(maxThreads, 2);
        pool.setName(name);
        pool.setDaemon(true);
        ClientConnector connector = new ClientConnector();
        connector.setSelectors(1);
        connector.setTCPNoDelay(true);
        connector.setExecutor(pool);
        HttpClient http = new HttpClient(new HttpClientTransportOverHTTP(connector));
        http.setExecutor(pool);
        http.setName(name);
        http.setConnectTimeout(10_000);
        WebSocketClient client = new WebSocketClient(http);
        client.setMaxTextMessageSize(maxTextBytes);
        client.setMaxBinaryMessageSize(64 * 1024);
        client.setIdleTimeout(idleTimeout);
        client.setStopAtShutdown(false);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the " + name + " WebSocket client: " + e.getMessage(), e);
        }
        return client;
    }
}
