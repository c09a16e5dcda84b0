package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import app.highway.ConsoleServices;
import app.highway.call.CallEvent;
import app.highway.call.CallSnapshot;
import app.highway.call.TranscriptLine;
import app.highway.support.BridgeHarness;
import app.highway.support.ServerEvents;
import app.highway.support.StreamConsoles;
import app.highway.support.StreamRecorder;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Who sees a call's verification code on {@code /events}: the person who placed the call (they typed it), in
 * its events and in the snapshots; everyone else who may watch the call (supervisors, admins) sees it hidden.
 * The embedded console follows its bridge over the same stream as its owner, so it shows the owner's codes.
 */
@Tag("e2e")
class CodeVisibilityTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SPOKEN = "Your code is 1 2 3.";
    private static final String HIDDEN = "Your code is [code].";
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

    private String person(String user, String role) throws Exception {
        HttpResponse<String> r = h.post("/people", "application/json", "{\"user\":\"" + user + "\",\"role\":\"" + role
                + "\"}", BridgeHarness.API_TOKEN);
        assertEquals(201, r.statusCode(), r.body());
        return h.json(r.body()).path("token").path("token").asText();
    }

    private static void sayTheCode(LiveCall call) {
        call.model.send(ServerEvents.outputItemAdded("resp_1", "item_a1"));
        call.model.send(ServerEvents.transcriptDelta("resp_1", "item_a1", "Your code is"));
        call.model.send(ServerEvents.transcriptDone("resp_1", "item_a1", SPOKEN));
    }

    private static String spokenLine(StreamRecorder console, String callId) throws InterruptedException {
        return console.awaitEvent(CallEvent.TranscriptUpdated.class, t -> t.callId().equals(callId) && t.complete(),
                WAIT).line().text();
    }

    private StreamRecorder attached(String token) throws InterruptedException {
        StreamRecorder console = consoles.connect(h.baseUrl(), token);
        console.awaitSnapshot(1, WAIT);
        return console;
    }

    private static List<String> lines(CallSnapshot call) {
        return call.transcript().stream().map(TranscriptLine::text).toList();
    }

    @Test
    void theAgentWhoPlacedTheCallSeesItsCodeAndASupervisorSeesItHidden() throws Exception {
        String alice = person("alice", "agent");
        String sue = person("sue", "supervisor");
        StreamRecorder alices = attached(alice);
        StreamRecorder sues = attached(sue);
        StreamRecorder owners = attached(BridgeHarness.API_TOKEN);

        LiveCall call = LiveCall.answered(h, "123", alice);
        sayTheCode(call);
        assertEquals(SPOKEN, spokenLine(alices, call.id), "the agent typed the code: their console shows it");
        assertEquals(HIDDEN, spokenLine(sues, call.id), "a supervisor watching the agent's call does not see it");
        assertEquals(HIDDEN, spokenLine(owners, call.id), "nor does an admin who did not place it");
        assertFalse(sues.eventsOf(call.id).toString().contains("1 2 3"), sues.eventsOf(call.id).toString());

        // consoles attaching now get the call in their snapshot: by the same rule
        StreamRecorder alicesLate = attached(alice);
        StreamRecorder suesLate = attached(sue);
        assertEquals(List.of(SPOKEN), lines(alicesLate.snapshots().get(0).calls().get(0)));
        assertEquals(List.of(HIDDEN), lines(suesLate.snapshots().get(0).calls().get(0)));
        assertEquals(List.of(HIDDEN), lines(h.bridge.history().find(call.id).orElseThrow()),
                "the call's record hides it, as before");
    }

    @Test
    void theEmbeddedConsoleShowsItsOwnersCodeWhileASupervisorsStreamHidesIt() throws Exception {
        StreamRecorder sues = attached(person("sue", "supervisor"));
        ConsoleServices console = h.bridge.console();

        LiveCall call = LiveCall.answered(h, "123", console);
        sayTheCode(call);
        assertEquals(HIDDEN, spokenLine(sues, call.id));
        StreamConsoles.await("the console's transcript", () -> console.calls().snapshot(call.id)
                .filter(s -> s.transcript().size() == 1 && SPOKEN.equals(s.transcript().get(0).text())).isPresent(),
                WAIT);
        assertEquals("owner", console.calls().snapshot(call.id).orElseThrow().placedBy());
        assertEquals(2, h.bridge.eventStreams().attached(), "the embedded console is one more stream");
    }
}
