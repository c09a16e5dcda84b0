package app.highway.realtime;

import app.highway.transport.Transport;
import io.vertx.core.Context;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.util.concurrent.TimeUnit;

/**
 * The one WebSocket client every model socket shares: a Vert.x {@link WebSocketClient} of the
 * bridge's {@link Transport}. Every connect starts on the transport's relay loop, so each model
 * socket's handlers run on the same event-loop thread as the media sockets: a frame is relayed on
 * the thread that read it. Sends never block and may come from any thread (Vert.x hands them to the
 * socket's loop).
 */
final class RealtimeSockets implements AutoCloseable {
    /** Far above any real event (audio deltas are a few KB); a bigger frame closes the socket (1009). */
    static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
    /** A ringing call's model socket waits for the caller in silence; a live one carries audio every 20 ms. */
    static final int IDLE_TIMEOUT_MINUTES = 10;
    static final int CONNECT_TIMEOUT_MS = 10_000;
    /** Vert.x caps concurrent sockets per host (50 by default): every call has one to the same host. */
    static final int MAX_CONNECTIONS = 10_000;

    private final Context relay;
    private final WebSocketClient client;

    RealtimeSockets(Transport transport) {
        this.relay = transport.relay();
        this.client = transport.vertx().createWebSocketClient(options());
    }

    /**
     * No compression offered (audio does not compress, and deflate costs CPU per frame); frames as
     * big as the largest message we accept (the socket joins fragments itself); TLS with the JDK's
     * default trust (the {@code javax.net.ssl.trustStore} properties are honoured) and host name
     * verification.
     */
    static WebSocketClientOptions options() {
        return new WebSocketClientOptions()
                .setName("realtime")
                .setTryUsePerMessageCompression(false)
                .setTryUsePerFrameCompression(false)
                .setMaxConnections(MAX_CONNECTIONS)
                .setMaxFrameSize(MAX_MESSAGE_BYTES)
                .setMaxMessageSize(MAX_MESSAGE_BYTES)
                .setTcpNoDelay(true)
                .setConnectTimeout(CONNECT_TIMEOUT_MS)
                .setIdleTimeout(IDLE_TIMEOUT_MINUTES)
                .setIdleTimeoutUnit(TimeUnit.MINUTES)
                .setVerifyHost(true);
    }

    /** The context every model socket is opened from, and so runs on. */
    Context relay() {
        return relay;
    }

    WebSocketClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close(); // asynchronous; the transport's close waits for what is left
    }
}
