package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.call.CallEvent;
import app.highway.stream.ConnectionState;
import app.highway.support.BridgeHarness;
import app.highway.support.StreamConsoles;
import app.highway.support.StreamRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Streams end when their token is revoked (at once, for good) and when the bridge stops (consoles come back). */
@Tag("e2e")
class EventStreamClosingTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private BridgeHarness h;
    private final StreamConsoles consoles = new StreamConsoles();

    @BeforeEach
    void start() throws Exception {
        h = BridgeHarness.start();
    }

    @AfterEach
    void stop() {
        consoles.close();
        h.close();
    }

    @Test
    void closingAPersonsStreamsClosesThemAtOnceAndTheirConsolesStopTrying() throws Exception {
        StreamRecorder a = consoles.connect(h.baseUrl(), BridgeHarness.API_TOKEN);
        StreamRecorder b = consoles.connect(h.baseUrl(), BridgeHarness.API_TOKEN);
        a.awaitSnapshot(1, WAIT);
        b.awaitSnapshot(1, WAIT);
        StreamConsoles.await("two streams attached", () -> h.bridge.eventStreams().attached() == 2, WAIT);
        assertEquals(0, (int) h.bridge.eventStreams().closeUser("someone-else", "removed").get(5, TimeUnit.SECONDS));

        long t0 = System.nanoTime();
        assertEquals(2, (int) h.bridge.eventStreams().closeUser("owner", "token revoked").get(5, TimeUnit.SECONDS));
        assertEquals(0, h.bridge.eventStreams().attached(), "no event goes to them once this has completed");
        for (StreamRecorder console : List.of(a, b)) {
            ConnectionState.Refused refused = console.awaitState(ConnectionState.Refused.class, Duration.ofSeconds(2));
            assertTrue(refused.reason().contains("revoked"), refused.reason());
        }
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(2).toNanos(), "at once");

        // a later event reaches a console connected afterwards, not the revoked ones, and they never came back
        StreamRecorder c = consoles.connect(h.baseUrl(), BridgeHarness.API_TOKEN);
        c.awaitSnapshot(1, WAIT);
        h.bridge.events().publish(new CallEvent.CallProblem("hw-x", "after the revocation", Instant.now()));
        c.awaitEvent(CallEvent.CallProblem.class, e -> e.callId().equals("hw-x"), WAIT);
        for (StreamRecorder revoked : List.of(a, b)) {
            assertEquals(List.of(), revoked.events());
            assertTrue(revoked.state() instanceof ConnectionState.Refused, revoked.states().toString());
            assertEquals(3, revoked.states().size(), "Connecting, Connected, Refused: " + revoked.states());
        }
        assertEquals(1, h.bridge.eventStreams().attached());
    }

    @Test
    void closingATokensStreamsClosesOnlyThose() throws Exception {
        StreamRecorder a = consoles.connect(h.baseUrl(), BridgeHarness.API_TOKEN);
        a.awaitSnapshot(1, WAIT);
        StreamConsoles.await("one stream attached", () -> h.bridge.eventStreams().attached() == 1, WAIT);
        assertEquals(0, (int) h.bridge.eventStreams().closeToken("another-token", "revoked").get(5, TimeUnit.SECONDS));
        assertEquals(1, h.bridge.eventStreams().attached());
        assertEquals(1, (int) h.bridge.eventStreams().closeToken("bridge", "revoked").get(5, TimeUnit.SECONDS));
        a.awaitState(ConnectionState.Refused.class, WAIT);
    }

    @Test
    void aStoppingBridgeSaysSoAndAConsoleFollowsItsRestartWithAFreshSnapshot() throws Exception {
        StreamRecorder console = consoles.connect(h.baseUrl(), BridgeHarness.API_TOKEN);
        ConnectionState.Connected first = console.awaitState(ConnectionState.Connected.class, WAIT);
        console.awaitSnapshot(1, WAIT);
        h.bridge.events().publish(new CallEvent.CallProblem("hw-x", "before the restart", Instant.now()));
        console.awaitEvent(CallEvent.CallProblem.class, e -> e.callId().equals("hw-x"), WAIT);
        int port = h.bridge.port();
        int before = console.states().size();

        h.close();
        ConnectionState.Reconnecting away = console.awaitState(ConnectionState.Reconnecting.class, before, WAIT);
        assertTrue(away.reason().contains("stopping"), away.reason());
        h = BridgeHarness.start(Map.of("PORT", String.valueOf(port), "PUBLIC_BASE_URL", "http://127.0.0.1:" + port,
                "HIGHWAY_DATA_DIR", h.dataDir.toString()));
        ConnectionState.Connected again = console.awaitState(ConnectionState.Connected.class, before, Duration.ofSeconds(20));
        assertNotEquals(first.bridge(), again.bridge(), "a restarted bridge is another bridge");
        console.awaitSnapshot(2, WAIT); // its numbers start again: a fresh snapshot, not a resume
    }
}
