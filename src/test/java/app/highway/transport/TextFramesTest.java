package app.highway.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The one place that uses Vert.x's internal frame class: a text message written from bytes reaches
 * a peer as exactly that text (a masked client frame and an unmasked server frame), as a text
 * message, UTF-8 intact; and a closed socket takes nothing.
 */
@Tag("unit")
class TextFramesTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aPeerReceivesTheExactTextBothWays() throws Exception {
        BlockingQueue<String> atServer = new LinkedBlockingQueue<>();
        BlockingQueue<String> atClient = new LinkedBlockingQueue<>();
        CompletableFuture<ServerWebSocket> accepted = new CompletableFuture<>();
        HttpServer server = vertx.createHttpServer().webSocketHandler(ws -> {
            ws.textMessageHandler(atServer::add);
            ws.binaryMessageHandler(b -> atServer.add("BINARY " + b));
            accepted.complete(ws);
        }).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        WebSocketClient client = vertx.createWebSocketClient();
        WebSocket ws = client.connect(server.actualPort(), "127.0.0.1", "/").await(10, TimeUnit.SECONDS);
        ws.textMessageHandler(atClient::add);
        ServerWebSocket serverSide = accepted.get(10, TimeUnit.SECONDS);

        byte[] head = "{\"streamSid\":\"MZé\",\"payload\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] body = "xx//79AAAAxx".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\"}".getBytes(StandardCharsets.US_ASCII);
        String expected = "{\"streamSid\":\"MZé\",\"payload\":\"//79AAAA\"}";

        assertTrue(TextFrames.write(ws, head, body, 2, 8, tail));
        assertEquals(expected, atServer.poll(10, TimeUnit.SECONDS), "client → server (masked frame)");
        assertTrue(TextFrames.write(serverSide, head, body, 2, 8, tail));
        assertEquals(expected, atClient.poll(10, TimeUnit.SECONDS), "server → client");

        for (int i = 0; i < 100; i++) { // in order, none lost, none merged
            assertTrue(TextFrames.write(ws, head, body, 2, 8, new byte[] {'"', '}', (byte) ('0' + i % 10)}));
        }
        for (int i = 0; i < 100; i++) {
            assertEquals(expected + (char) ('0' + i % 10), atServer.poll(10, TimeUnit.SECONDS));
        }

        ws.close().await(10, TimeUnit.SECONDS);
        assertFalse(TextFrames.write(ws, head, body, 2, 8, tail), "a closed socket takes nothing");
    }
}
