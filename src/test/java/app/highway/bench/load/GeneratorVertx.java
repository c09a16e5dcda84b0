package app.highway.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.util.concurrent.TimeUnit;

/**
 * The load generator's own sockets (carriers and fake model) on Vert.x, like the product's: two event
 * loops on native epoll, every read handled on its loop without a hand-off to a pool. The generator
 * shares the 2 cores with the target it measures, so what it spends per frame is taken from that
 * target: on Jetty's WebSocket client and server (a pool thread per readable socket) it cost 1.3
 * cores at 200 calls, enough to starve the target at 500.
 */
final class GeneratorVertx implements AutoCloseable {
    private static final int MAX_CALLS = 4_000;
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2)
            .setPreferNativeTransport(true));
    /** The carriers as Twilio: no WebSocket extension offered. */
    final WebSocketClient carriers = client(false);
    /** The carriers as a generic WebSocket client: {@code permessage-deflate} offered. */
    final WebSocketClient deflateCarriers = client(true);

    GeneratorVertx() {
        if (!vertx.isNativeTransportEnabled()) {
            LoadGenerator.log("generator: no native transport (" + vertx.unavailableNativeTransportCause() + ")");
        }
    }

    Vertx vertx() {
        return vertx;
    }

    private WebSocketClient client(boolean offerDeflate) {
        return vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(MAX_CALLS)
                .setTcpNoDelay(true).setMaxFrameSize(1024 * 1024).setMaxMessageSize(1024 * 1024)
                .setTryUsePerMessageCompression(offerDeflate).setConnectTimeout(CarrierStream.CONNECT_SECONDS * 1000)
                .setIdleTimeout(0));
    }

    /** Waits for {@code future} at most {@code seconds}. */
    static <T> T await(Future<T> future, long seconds) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        try {
            await(vertx.close(), 10);
        } catch (Exception e) {
            LoadGenerator.log("generator's Vert.x did not close: " + e);
        }
    }
}
