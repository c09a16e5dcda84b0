package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.call.CallEvent;
import app.highway.stream.ConnectionState;
import app.highway.support.BridgeHarness;
import app.highway.support.StreamConsoles;
import app.highway.support.StreamRecorder;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * People on one bridge, each with a console on {@code /events}: an agent's console shows their own calls
 * only, a supervisor's every call; revoking a token or disabling a person ends their console's stream at
 * once and it does not come back.
 */
@Tag("e2e")
class TeamStreamTest {
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
    void eachConsoleSeesWhatItsPersonMaySeeAndRevocationEndsItAtOnce() throws Exception {
        JsonNode alice = add("alice", "agent");
        JsonNode bob = add("bob", "agent");
        JsonNode sue = add("sue", "supervisor");
        StreamRecorder alicesConsole = consoles.connect(h.baseUrl(), token(alice));
        StreamRecorder bobsConsole = consoles.connect(h.baseUrl(), token(bob));
        StreamRecorder suesConsole = consoles.connect(h.baseUrl(), token(sue));
        for (StreamRecorder console : new StreamRecorder[] {alicesConsole, bobsConsole, suesConsole}) {
            console.awaitSnapshot(1, WAIT);
        }

        String alicesCall = place(token(alice));
        alicesConsole.awaitEvent(CallEvent.CallCreated.class, e -> e.callId().equals(alicesCall), WAIT);
        CallEvent.CallCreated seen = suesConsole.awaitEvent(CallEvent.CallCreated.class,
                e -> e.callId().equals(alicesCall), WAIT);
        assertEquals("alice", seen.placedBy(), "the supervisor sees who placed it");
        String bobsCall = place(token(bob));
        bobsConsole.awaitEvent(CallEvent.CallCreated.class, e -> e.callId().equals(bobsCall), WAIT);
        assertEquals(0, bobsConsole.eventsOf(alicesCall).size(), "an agent's console shows no one else's call");
        suesConsole.awaitEvent(CallEvent.CallCreated.class, e -> e.callId().equals(bobsCall), WAIT);

        long t0 = System.nanoTime();
        HttpResponse<String> revoked = h.post("/tokens/" + alice.path("token").path("id").asText() + "/revoke", null,
                "", BridgeHarness.API_TOKEN);
        assertEquals(200, revoked.statusCode(), revoked.body());
        ConnectionState.Refused refused = alicesConsole.awaitState(ConnectionState.Refused.class, Duration.ofSeconds(3));
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(3).toNanos(), "at once");
        assertTrue(refused.reason().contains("revoked"), refused.reason());

        assertEquals(200, h.post("/people/bob/disable", null, "", BridgeHarness.API_TOKEN).statusCode());
        bobsConsole.awaitState(ConnectionState.Refused.class, Duration.ofSeconds(3));

        assertTrue(suesConsole.state() instanceof ConnectionState.Connected, "the supervisor's console stays: "
                + suesConsole.states());
        StreamConsoles.await("one console left", () -> h.bridge.eventStreams().attached() == 1, WAIT);
    }

    private JsonNode add(String user, String role) throws Exception {
        HttpResponse<String> r = h.post("/people", "application/json", "{\"user\":\"" + user + "\",\"role\":\"" + role
                + "\"}", BridgeHarness.API_TOKEN);
        assertEquals(201, r.statusCode(), r.body());
        return h.json(r.body());
    }

    private static String token(JsonNode person) {
        return person.path("token").path("token").asText();
    }

    private String place(String token) throws Exception {
        HttpResponse<String> r = h.post("/call-customer", "application/json",
                "{\"to\":\"+15559876543\",\"verification\":4711}", token);
        assertEquals(201, r.statusCode(), r.body());
        return h.json(r.body()).path("id").asText();
    }
}
