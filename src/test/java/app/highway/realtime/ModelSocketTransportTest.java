package app.highway.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.config.Json;
import app.highway.config.Secret;
import app.highway.support.FakeRealtimeServer;
import app.highway.support.FakeRealtimeServer.ModelPeer;
import app.highway.support.ServerEvents;
import app.highway.transport.Transport;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.lang.reflect.Proxy;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The model socket on the bridge's transport: opened from the relay loop whatever thread asks, so
 * every event of the socket reaches the call on that loop (the loop the media sockets run on); its
 * upgrade offers no WebSocket extension (no compression on audio); a send on a socket that is not
 * open says so instead of blocking or throwing.
 */
@Tag("unit")
class ModelSocketTransportTest {
    private final Transport transport = Transport.start("test");
    private final FakeRealtimeServer server = new FakeRealtimeServer();
    private final RealtimeConnector connector = new RealtimeConnector(transport, server.url(), Secret.of("sk-test"),
            Json.mapper(), "test endpoint");
    private final BlockingQueue<Heard> heard = new LinkedBlockingQueue<>();

    /** One listener call: which, on which Vert.x context and thread. */
    private record Heard(String method, Context context, String thread) { }

    @AfterEach
    void stop() {
        connector.close();
        server.close();
        transport.close();
    }

    private ModelListener recorder() {
        return (ModelListener) Proxy.newProxyInstance(ModelListener.class.getClassLoader(),
                new Class<?>[] {ModelListener.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("equals") ? proxy == args[0]
                                : method.getName().equals("hashCode") ? System.identityHashCode(proxy) : "recorder";
                    }
                    heard.add(new Heard(method.getName(), Vertx.currentContext(), Thread.currentThread().getName()));
                    return null;
                });
    }

    private Heard await(String method) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Heard h = heard.poll(100, TimeUnit.MILLISECONDS);
            if (h != null && h.method().equals(method)) {
                return h;
            }
        }
        throw new AssertionError("The listener did not hear " + method);
    }

    @Test
    void everyEventOfTheModelSocketRunsOnTheRelayLoop() throws Exception {
        ModelConnection model = connector.create("gpt-realtime", recorder(), "call test");
        assertFalse(model.appendAudio("AAAA"), "not connected yet: nothing is sent");
        model.connect(); // from the test's thread, not the loop's

        CompletableFuture<String> loop = new CompletableFuture<>();
        transport.relay().runOnContext(v -> loop.complete(Thread.currentThread().getName()));
        String relayThread = loop.get(5, TimeUnit.SECONDS);

        Heard connected = await("onConnected");
        assertSame(transport.relay(), connected.context(), "the socket was opened from the relay context");
        assertTrue(connected.context().isEventLoopContext());
        assertEquals(relayThread, connected.thread(), "onConnected on the relay loop's thread");

        ModelPeer peer = server.awaitPeer();
        peer.send(ServerEvents.sessionUpdated());
        peer.sendFragmented(ServerEvents.audioDelta("r1", "a1", ServerEvents.audio(160, 1)), 3);
        Heard ready = await("onSessionReady");
        Heard delta = await("onAudioDelta");
        for (Heard h : new Heard[] {ready, delta}) {
            assertSame(transport.relay(), h.context(), h.method() + " on the relay context");
            assertEquals(relayThread, h.thread(), h.method() + " on the relay loop's thread");
        }

        assertTrue(model.appendAudio("AAAA"), "open: sent");
        assertNotNull(peer.awaitAppend("AAAA"));
        model.close();
        Heard closed = await("onClosed");
        assertSame(transport.relay(), closed.context(), "the close is heard on the relay context too");
        assertFalse(model.appendAudio("AAAA"), "closed: nothing is sent, nothing throws");
    }

    @Test
    void theUpgradeOffersNoExtensionAndCarriesTheKey() throws Exception {
        ModelConnection model = connector.create("gpt-realtime", recorder(), "call test");
        model.connect();
        ModelPeer peer = server.awaitPeer();
        assertNull(peer.extensions, "no permessage-deflate (or any extension) offered: " + peer.extensions);
        assertEquals("Bearer sk-test", peer.authorization);
        assertEquals("/v1/realtime?model=gpt-realtime", peer.resource);
        model.close();
    }
}
