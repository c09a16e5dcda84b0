package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.call.CallEvent;
import app.highway.stream.ConnectionState;
import app.highway.support.BridgeHarness;
import app.highway.support.CuttableProxy;
import app.highway.support.ServerEvents;
import app.highway.support.StreamConsoles;
import app.highway.support.StreamRecorder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A console whose connection drops mid-call picks up exactly where it left off: nothing lost, nothing twice. */
@Tag("e2e")
class EventStreamResumeTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private BridgeHarness h;
    private CuttableProxy network;
    private final StreamConsoles consoles = new StreamConsoles();

    @BeforeEach
    void start() throws Exception {
        h = BridgeHarness.start();
        network = new CuttableProxy(h.bridge.port());
    }

    @AfterEach
    void stop() throws Exception {
        consoles.close();
        network.close();
        h.close();
    }

    private static boolean complete(CallEvent e, String itemId) {
        return e instanceof CallEvent.TranscriptUpdated t && t.complete() && t.line().itemId().equals(itemId);
    }

    @Test
    void aConsoleDroppedMidCallGetsExactlyTheEventsItMissed() throws Exception {
        StreamRecorder steady = consoles.connect(h.baseUrl(), BridgeHarness.API_TOKEN);
        StreamRecorder dropped = consoles.connect("http://127.0.0.1:" + network.port(), BridgeHarness.API_TOKEN);
        steady.awaitSnapshot(1, WAIT);
        dropped.awaitSnapshot(1, WAIT);
        LiveCall call = LiveCall.answered(h, "123");
        call.model.send(ServerEvents.outputItemAdded("resp_1", "item_a1"));
        call.model.send(ServerEvents.transcriptDelta("resp_1", "item_a1", "Hello, this is"));
        call.model.send(ServerEvents.transcriptDone("resp_1", "item_a1", "Hello, this is Olive Financial."));
        dropped.awaitEvent(CallEvent.class, e -> complete(e, "item_a1"), WAIT);

        int before = dropped.states().size();
        network.cutAndStayDown();
        ConnectionState.Reconnecting away = dropped.awaitState(ConnectionState.Reconnecting.class, before, WAIT);
        // while it is away, the call goes on: the caller speaks, the assistant answers with the code
        call.model.send(ServerEvents.speechStarted("item_c1", 900));
        call.model.send(ServerEvents.inputTranscript("item_c1", "Who is this?"));
        call.model.send(ServerEvents.outputItemAdded("resp_2", "item_a2"));
        call.model.send(ServerEvents.transcriptDelta("resp_2", "item_a2", "Your code"));
        call.model.send(ServerEvents.transcriptDelta("resp_2", "item_a2", " is"));
        call.model.send(ServerEvents.transcriptDone("resp_2", "item_a2", "Your code is 1 2 3."));
        call.model.send(ServerEvents.responseDone("resp_2", 200, 10, 0, 8, 40));
        steady.awaitEvent(CallEvent.UsageUpdated.class, e -> e.callId().equals(call.id), WAIT);
        // its attempts fail while the network is down, each reported with the time of the next one
        ConnectionState.Reconnecting retry = dropped.awaitState(ConnectionState.Reconnecting.class,
                dropped.states().indexOf(away) + 1, WAIT);
        assertTrue(retry.attempt() >= 2, retry.toString());
        assertTrue(retry.nextAttempt().isAfter(java.time.Instant.now().minusSeconds(1)), retry.toString());

        network.restore();
        dropped.awaitState(ConnectionState.Connected.class, before, WAIT);
        call.model.send(ServerEvents.inputTranscript("item_c2", "Thank you."));
        // the model's socket and the carrier's are two sockets: the caller hangs up once the line is in
        steady.awaitEvent(CallEvent.TranscriptUpdated.class,
                e -> e.complete() && "Thank you.".equals(e.line().text()), WAIT);
        call.stream.sendStop();
        for (StreamRecorder console : List.of(steady, dropped)) {
            console.awaitEvent(CallEvent.CallEnded.class, e -> e.callId().equals(call.id), WAIT);
        }
        StreamConsoles.await("both consoles have had as many events",
                () -> steady.events().size() == dropped.events().size(), WAIT);
        assertEquals(steady.events(), dropped.events(), "the same events, with the same numbers, once each");
        assertEquals(1, dropped.snapshots().size(), "resumed from the journal, not resynced");
        // the owner placed the call and typed its code: their streams, resumed ones too, carry it as spoken
        assertEquals(List.of("Hello, this is Olive Financial.", "Who is this?", "Your code is 1 2 3.", "Thank you."),
                dropped.events().stream().map(StreamRecorder.Received::event)
                        .filter(e -> e instanceof CallEvent.TranscriptUpdated t && t.complete())
                        .map(e -> ((CallEvent.TranscriptUpdated) e).line().text()).toList());
    }

    @Test
    void aBridgeNobodyHasWatchedSinceItStartedKeepsNoJournalUntilAConsoleAttaches() throws Exception {
        LiveCall call = LiveCall.answered(h, "123");
        call.model.send(ServerEvents.outputItemAdded("resp_1", "item_a1"));
        call.model.send(ServerEvents.transcriptDone("resp_1", "item_a1", "Hello, this is Olive Financial."));
        h.awaitCall(call.id, c -> c.toString().contains("Olive Financial"), WAIT);
        await(() -> h.bridge.eventStreams().lastSeq() > 0);
        assertEquals(0, h.bridge.eventStreams().journalBytes(),
                "a headless bridge nobody watches keeps no events in its heap, not even just after start");

        StreamRecorder console = consoles.connect(h.baseUrl(), BridgeHarness.API_TOKEN);
        StreamRecorder.Snapshot first = console.awaitSnapshot(1, WAIT);
        assertTrue(first.calls().stream().anyMatch(c -> c.id().equals(call.id)
                        && c.transcript().stream().anyMatch(l -> l.text().contains("Olive Financial"))),
                "the first console still sees everything so far, from the snapshot: " + first.calls());
        call.model.send(ServerEvents.speechStarted("item_c1", 900));
        call.model.send(ServerEvents.inputTranscript("item_c1", "Who is this?"));
        console.awaitEvent(CallEvent.TranscriptUpdated.class,
                e -> e.complete() && "Who is this?".equals(e.line().text()), WAIT);
        assertTrue(h.bridge.eventStreams().journalBytes() > 0, "with a console attached, events are kept to resume");
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(10);
        }
    }

    @Test
    void aConsoleAwayLongerThanTheResumeWindowGetsAFreshSnapshotThatMissesNothing() throws Exception {
        h.close();
        System.setProperty("highway.eventResumeWindowSec", "0"); // nobody watching: nothing journaled
        try {
            h = BridgeHarness.start();
        } finally {
            System.clearProperty("highway.eventResumeWindowSec");
        }
        network.close();
        network = new CuttableProxy(h.bridge.port());
        StreamRecorder console = consoles.connect("http://127.0.0.1:" + network.port(), BridgeHarness.API_TOKEN);
        console.awaitSnapshot(1, WAIT);
        LiveCall call = LiveCall.answered(h, "123");
        call.model.send(ServerEvents.outputItemAdded("resp_1", "item_a1"));
        call.model.send(ServerEvents.transcriptDone("resp_1", "item_a1", "Hello, this is Olive Financial."));
        console.awaitEvent(CallEvent.class, e -> complete(e, "item_a1"), WAIT);

        int before = console.states().size();
        network.cutAndStayDown(); // the only console is gone: from now on the bridge keeps no journal
        console.awaitState(ConnectionState.Reconnecting.class, before, WAIT);
        call.model.send(ServerEvents.speechStarted("item_c1", 900));
        call.model.send(ServerEvents.inputTranscript("item_c1", "Who is this?"));
        h.awaitCall(call.id, c -> c.toString().contains("Who is this?"), WAIT);
        long numbered = h.bridge.eventStreams().lastSeq();

        network.restore();
        StreamRecorder.Snapshot fresh = console.awaitSnapshot(2, WAIT);
        assertTrue(fresh.seq() >= numbered, "the sequence went on while nothing was kept: " + fresh.seq());
        assertTrue(fresh.calls().stream().anyMatch(c -> c.id().equals(call.id)
                        && c.transcript().stream().anyMatch(l -> l.text().equals("Who is this?"))),
                "what happened while it was away is in the snapshot: " + fresh.calls());
        call.model.send(ServerEvents.inputTranscript("item_c2", "Thank you."));
        CallEvent.TranscriptUpdated after = console.awaitEvent(CallEvent.TranscriptUpdated.class,
                e -> e.complete() && "Thank you.".equals(e.line().text()), WAIT);
        assertTrue(console.events().stream().filter(r -> r.event() == after).allMatch(r -> r.seq() > fresh.seq()));
    }

    @Test
    void aConnectionThatGoesSilentWithoutClosingIsGivenUpAndResumed() throws Exception {
        StreamRecorder console = new StreamRecorder();
        consoles.connect("http://127.0.0.1:" + network.port(), BridgeHarness.API_TOKEN, console,
                new app.highway.stream.EventStreamClient.Options(Duration.ofMillis(50), Duration.ofMillis(500),
                        Duration.ofMillis(600), Duration.ofSeconds(5)));
        console.awaitSnapshot(1, WAIT);
        int before = console.states().size();
        network.freezeOpenConnections(); // a dead NAT mapping: no FIN, no reset, nothing
        h.bridge.events().publish(new CallEvent.CallProblem("hw-x", "while silent", java.time.Instant.now()));
        ConnectionState.Reconnecting silent = console.awaitState(ConnectionState.Reconnecting.class, before, WAIT);
        assertTrue(silent.reason().startsWith("nothing from the bridge for"), silent.reason());
        console.awaitEvent(CallEvent.CallProblem.class, e -> e.message().equals("while silent"), WAIT);
        assertEquals(1, console.events().size(), "resumed on a new connection, once: " + console.events());
        assertEquals(1, console.snapshots().size());
    }

    /** A raw socket on {@code /events?query}: every message it receives, as JSON. */
    private BlockingQueue<JsonNode> open(String query) {
        ObjectMapper json = new ObjectMapper();
        BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + BridgeHarness.API_TOKEN)
                .buildAsync(URI.create("ws://127.0.0.1:" + h.bridge.port() + "/events" + query), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            try {
                                messages.add(json.readTree(text.toString()));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            text.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                }).orTimeout(5, TimeUnit.SECONDS).join();
        return messages;
    }

    private static String next(BlockingQueue<JsonNode> messages) throws InterruptedException {
        JsonNode m = messages.poll(5, TimeUnit.SECONDS);
        assertTrue(m != null, "no message");
        return m.path("type").asText();
    }

    @Test
    void aResumeTheBridgeCannotServeGetsAResyncAndAFreshSnapshot() throws Exception {
        // a console watches from the start, so the bridge keeps events to resume from (none before it)
        StreamRecorder watching = consoles.connect(h.baseUrl(), BridgeHarness.API_TOKEN);
        watching.awaitSnapshot(1, WAIT);
        LiveCall call = LiveCall.answered(h, "123");
        String bridge = h.bridge.eventStreams().bridgeId();
        BlockingQueue<JsonNode> future = open("?after=999999&bridge=" + bridge);
        assertEquals("hello", next(future));
        assertEquals("resync", next(future));
        JsonNode snapshot = future.poll(5, TimeUnit.SECONDS);
        assertEquals("snapshot", snapshot.path("type").asText());
        assertEquals(call.id, snapshot.path("calls").get(0).path("id").asText());

        BlockingQueue<JsonNode> otherBridge = open("?after=1&bridge=b-gone");
        assertEquals("hello", next(otherBridge));
        JsonNode resync = otherBridge.poll(5, TimeUnit.SECONDS);
        assertEquals("resync", resync.path("type").asText());
        assertTrue(resync.path("reason").asText().contains("restarted"), resync.toString());
        assertEquals("snapshot", next(otherBridge));

        BlockingQueue<JsonNode> resumed = open("?after=1&bridge=" + bridge);
        assertEquals("hello", next(resumed));
        JsonNode missed = resumed.poll(5, TimeUnit.SECONDS);
        assertEquals("events", missed.path("type").asText(), "events 2.. follow at once, no snapshot: " + missed);
        assertEquals(2, missed.path("events").get(0).path("seq").asLong());
        assertInstanceOf(JsonNode.class, missed.path("events").get(0).path("data"));
    }
}
