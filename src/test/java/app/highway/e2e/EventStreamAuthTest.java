package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.stream.ConnectionState;
import app.highway.support.BridgeHarness;
import app.highway.support.StreamConsoles;
import app.highway.support.StreamRecorder;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code /events} is opened only with the bridge's token, checked at the upgrade, before any socket exists. */
@Tag("e2e")
class EventStreamAuthTest {
    private BridgeHarness h;
    private final StreamConsoles consoles = new StreamConsoles();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        h = BridgeHarness.start();
    }

    @AfterEach
    void stop() {
        consoles.close();
        h.close();
    }

    private int upgradeStatus(String path, String authorization) {
        WebSocket.Builder b = http.newWebSocketBuilder();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            WebSocket ws = b.buildAsync(URI.create("ws://127.0.0.1:" + h.bridge.port() + path),
                    new WebSocket.Listener() { }).orTimeout(5, TimeUnit.SECONDS).join();
            ws.abort();
            return 101;
        } catch (CompletionException e) {
            WebSocketHandshakeException refused = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
            return refused.getResponse().statusCode();
        }
    }

    @Test
    void withoutTheRightTokenTheUpgradeIsRefusedWith401AndNoStreamOpens() throws Exception {
        String token = BridgeHarness.API_TOKEN;
        assertEquals(401, upgradeStatus("/events", null));
        assertEquals(401, upgradeStatus("/events", "Bearer wrong-token"));
        assertEquals(401, upgradeStatus("/events", "Bearer " + token.toUpperCase(Locale.ROOT)));
        assertEquals(401, upgradeStatus("/events", "Basic " + token));
        assertEquals(401, upgradeStatus("/events", "Bearer " + token + "x"));
        assertEquals(401, upgradeStatus("/events?after=3", "Bearer"));
        assertEquals(0, h.bridge.eventStreams().attached());
        assertEquals(101, upgradeStatus("/events", "Bearer " + token));
        assertEquals(101, upgradeStatus("/events", "bearer " + token)); // the scheme is case-insensitive
    }

    @Test
    void aConsoleWithAWrongTokenIsToldItIsRefusedAndDoesNotRetry() throws Exception {
        StreamRecorder console = consoles.connect(h.baseUrl(), "not-the-token");
        ConnectionState.Refused refused = console.awaitState(ConnectionState.Refused.class, Duration.ofSeconds(5));
        assertTrue(refused.reason().contains("401"), refused.reason());
        // a later check that the bridge never saw a stream, and that the console made no second attempt
        StreamRecorder right = consoles.connect(h.baseUrl(), BridgeHarness.API_TOKEN);
        right.awaitSnapshot(1, Duration.ofSeconds(5));
        assertEquals(2, console.states().size(), "Connecting, then Refused, nothing else: " + console.states());
        assertInstanceOf(ConnectionState.Connecting.class, console.states().get(0));
        assertEquals(java.util.List.of(), console.snapshots());
    }

    @Test
    void onOneKeptAliveConnectionEveryRequestIsCheckedAgain() throws Exception {
        try (Socket s = new Socket("127.0.0.1", h.bridge.port())) {
            OutputStream out = s.getOutputStream();
            InputStream in = new BufferedInputStream(s.getInputStream());
            out.write(get("Bearer " + BridgeHarness.API_TOKEN));
            assertEquals(426, status(in), "the right token, but no upgrade: a WebSocket is needed");
            out.write(get("Bearer " + BridgeHarness.API_TOKEN.toUpperCase(Locale.ROOT)));
            assertEquals(401, status(in), "the token in another case, on the same connection");
            out.write(get("Bearer " + BridgeHarness.API_TOKEN));
            assertEquals(426, status(in));
        }
    }

    @Test
    void otherRequestsOnEventsAreAnsweredPlainly() throws Exception {
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(h.baseUrl() + "/events"))
                .header("Authorization", "Bearer " + BridgeHarness.API_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode(), post.body());
        assertEquals("GET", post.headers().firstValue("Allow").orElse(""));
        assertEquals(400, upgradeStatus("/events?after=yesterday", "Bearer " + BridgeHarness.API_TOKEN));
        assertEquals(400, upgradeStatus("/events?after=-1", "Bearer " + BridgeHarness.API_TOKEN));
        assertEquals(401, http.send(HttpRequest.newBuilder(URI.create(h.baseUrl() + "/events")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    private byte[] get(String authorization) {
        return ("GET /events HTTP/1.1\r\nHost: 127.0.0.1:" + h.bridge.port() + "\r\nAuthorization: " + authorization
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads one response (status line, headers, Content-Length body) and returns its status. */
    private static int status(InputStream in) throws IOException {
        String head = readHead(in);
        int length = 0;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        assertEquals(length, body.length);
        return Integer.parseInt(head.split(" ")[1]);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            byte[] sofar = head.toByteArray();
            int n = sofar.length;
            if (n >= 4 && Arrays.equals(Arrays.copyOfRange(sofar, n - 4, n), "\r\n\r\n".getBytes())) {
                return head.toString(StandardCharsets.US_ASCII);
            }
        }
        throw new IOException("connection closed in a response head: " + head);
    }
}
