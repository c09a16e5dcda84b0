package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.call.CallEvent;
import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import app.highway.stream.ConnectionState;
import app.highway.support.BridgeHarness;
import app.highway.support.ServerEvents;
import app.highway.support.StreamConsoles;
import app.highway.support.StreamRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A console attached to {@code /events} follows a call from its creation to its end, transcript included. */
@Tag("e2e")
class EventStreamCallTest {
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

    /** The greeting with the code, the caller's answer, the goodbye; then the caller hangs up. */
    private static void converse(LiveCall call) {
        call.model.send(ServerEvents.outputItemAdded("resp_1", "item_a1"));
        call.model.send(ServerEvents.transcriptDelta("resp_1", "item_a1", "Your code is"));
        call.model.send(ServerEvents.transcriptDone("resp_1", "item_a1", "Your code is 1 2 3."));
        call.model.send(ServerEvents.responseDone("resp_1", 200, 10, 0, 8, 40));
        call.model.send(ServerEvents.speechStarted("item_c1", 900));
        call.model.send(ServerEvents.speechStopped("item_c1", 1900));
        call.model.send(ServerEvents.inputTranscript("item_c1", "Thanks, got it."));
    }

    /** An agent's token: the calls placed with it are theirs, so the owner watching them does not see the code. */
    private String agent() throws Exception {
        java.net.http.HttpResponse<String> r = h.post("/people", "application/json",
                "{\"user\":\"alice\",\"role\":\"agent\"}", BridgeHarness.API_TOKEN);
        assertEquals(201, r.statusCode(), r.body());
        return h.json(r.body()).path("token").path("token").asText();
    }

    @Test
    void aPlacedCallArrivesFromCreatedToEndedInSequenceWithItsTranscriptAndWithoutItsCode() throws Exception {
        String alice = agent();
        List<CallEvent> published = new CopyOnWriteArrayList<>();
        h.bridge.events().subscribe(published::add);
        StreamRecorder console = consoles.connect(h.baseUrl(), BridgeHarness.API_TOKEN);
        ConnectionState.Connected connected = console.awaitState(ConnectionState.Connected.class, WAIT);
        assertEquals("owner", connected.user());
        assertEquals("admin", connected.role());
        assertEquals(h.bridge.eventStreams().bridgeId(), connected.bridge());
        assertEquals(List.of(), console.awaitSnapshot(1, WAIT).calls(), "no call yet");

        LiveCall call = LiveCall.answered(h, "123", alice);
        converse(call);
        h.awaitCall(call.id, c -> c.path("transcript").size() == 2, WAIT);
        call.stream.sendStop();
        CallEvent.CallEnded ended = console.awaitEvent(CallEvent.CallEnded.class, e -> e.callId().equals(call.id), WAIT);
        assertEquals(CallState.COMPLETED, ended.state());

        List<StreamRecorder.Received> received = console.eventsOf(call.id);
        assertInstanceOf(CallEvent.CallCreated.class, received.get(0).event());
        assertInstanceOf(CallEvent.CallEnded.class, received.get(received.size() - 1).event());
        for (int i = 1; i < received.size(); i++) {
            assertTrue(received.get(i).seq() > received.get(i - 1).seq(), "sequence numbers grow: " + received);
        }
        // exactly what the bridge published about the call, in its order, with the code hidden
        List<String> expected = new ArrayList<>();
        for (CallEvent e : published) {
            if (e.callId().equals(call.id) && expected.size() < received.size()) {
                expected.add(e.toString().replace("1 2 3", "[code]"));
            }
        }
        assertEquals(expected, received.stream().map(r -> r.event().toString()).toList());
        List<String> lines = new ArrayList<>();
        for (StreamRecorder.Received r : received) {
            if (r.event() instanceof CallEvent.TranscriptUpdated t && t.complete()) {
                lines.add(t.line().itemId() + " " + t.line().speaker().wire() + ": " + t.line().text());
            }
        }
        assertEquals(List.of("item_a1 assistant: Your code is [code].", "item_c1 caller: Thanks, got it."), lines);
        assertFalse(received.toString().contains("1 2 3"), "the code never travels on the stream");
        assertFalse(console.overlapped(), "the listener was called one call at a time");
    }

    @Test
    void aConsoleAttachingMidCallGetsTheCallInItsSnapshotThenOnlyLaterEvents() throws Exception {
        LiveCall call = LiveCall.answered(h, "123", agent());
        converse(call);
        h.awaitCall(call.id, c -> c.path("transcript").size() == 2, WAIT);

        StreamRecorder late = consoles.connect(h.baseUrl(), BridgeHarness.API_TOKEN);
        StreamRecorder.Snapshot snapshot = late.awaitSnapshot(1, WAIT);
        assertEquals(1, snapshot.calls().size());
        CallSnapshot live = snapshot.calls().get(0);
        assertEquals(call.id, live.id());
        assertEquals(CallState.IN_PROGRESS, live.state());
        assertEquals(call.callSid, live.callSid());
        assertEquals("Your code is [code].", live.transcript().get(0).text());
        assertEquals("item_a1", live.transcript().get(0).itemId());
        assertEquals("item_c1", live.transcript().get(1).itemId());
        assertTrue(snapshot.seq() > 0, "taken after the call's events so far");

        call.stream.sendStop();
        late.awaitEvent(CallEvent.CallEnded.class, e -> e.callId().equals(call.id), WAIT);
        assertTrue(late.events().stream().allMatch(r -> r.seq() > snapshot.seq()), late.events().toString());
        assertEquals(1, late.snapshots().size());
    }

    @Test
    void everyConsoleGetsEveryEventOfEveryCallInTheSameOrder() throws Exception {
        StreamRecorder a = consoles.connect(h.baseUrl(), BridgeHarness.API_TOKEN);
        StreamRecorder b = consoles.connect(h.baseUrl(), BridgeHarness.API_TOKEN);
        a.awaitSnapshot(1, WAIT);
        b.awaitSnapshot(1, WAIT);
        LiveCall first = LiveCall.answered(h, "123");
        LiveCall second = LiveCall.answered(h, "456");
        converse(first);
        first.stream.sendStop();
        second.stream.sendStop();
        for (StreamRecorder console : List.of(a, b)) {
            for (LiveCall call : List.of(first, second)) {
                console.awaitEvent(CallEvent.CallEnded.class, e -> e.callId().equals(call.id), WAIT);
            }
        }
        StreamConsoles.await("both consoles have had as many events", () -> a.events().size() == b.events().size(),
                WAIT);
        assertEquals(a.events(), b.events());
    }
}
