package app.highway.transport;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network runtime of a bridge: one Vert.x instance (Netty, native epoll where the platform has
 * it) and the <em>relay loop</em>, the one event-loop context that serves the media socket and the
 * model socket of every call. The HTTP server is created on it (so every accepted connection is
 * handled there) and every model socket is opened from it, so a frame is relayed on the thread that
 * read it: no hand-off, no queue, no lock. One loop carries the relay of several hundred calls on
 * a fraction of a core (the load benchmark says how many); anything that blocks (a database read,
 * Twilio's REST API) runs on Vert.x's worker pool, never on the loop.
 */
public final class Transport implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Transport.class);

    private final Vertx vertx;
    private final Context relay;

    private Transport(Vertx vertx, Context relay) {
        this.vertx = vertx;
        this.relay = relay;
    }

    /** Starts the runtime; {@code name} says whose it is in the log (the bridge, the simulation). */
    public static Transport start(String name) {
        Vertx vertx = Vertx.vertx(new VertxOptions()
                .setPreferNativeTransport(true)
                .setEventLoopPoolSize(2)
                .setBlockedThreadCheckInterval(2)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS));
        if (vertx.isNativeTransportEnabled()) {
            log.debug("{}: native transport (epoll)", name);
        } else {
            Throwable why = vertx.unavailableNativeTransportCause();
            log.info("{}: native transport unavailable ({}); using Java NIO", name,
                    why == null ? "not supported here" : why.getMessage());
        }
        return new Transport(vertx, vertx.getOrCreateContext());
    }

    public Vertx vertx() {
        return vertx;
    }

    /** The event-loop context every socket of the relay runs on. */
    public Context relay() {
        return relay;
    }

    public boolean nativeTransport() {
        return vertx.isNativeTransportEnabled();
    }

    @Override
    public void close() {
        try {
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.debug("Stopping the network runtime: {}", e.getMessage());
        }
    }
}
