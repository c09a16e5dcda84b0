package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.call.CallEvent;
import app.highway.call.Speaker;
import app.highway.config.Json;
import app.highway.store.SqlCallStore;
import app.highway.stream.ConnectionState;
import app.highway.support.BridgeHarness;
import app.highway.support.FakeCarrier;
import app.highway.support.FakeRealtimeServer.ModelPeer;
import app.highway.support.ServerEvents;
import app.highway.support.StreamConsoles;
import app.highway.support.StreamRecorder;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How long the caller waits for the assistant, turn by turn, timed against the fakes' clocks: the fake model
 * sends the caller's {@code speech_stopped}, takes D to answer (150 ms, then 400 ms, then 250 ms after a stop it
 * never answered), and the fake carrier notes when the answer's first audio reaches it. The bridge's figure
 * for each turn is at least D (less however late the bridge read the stop: it counts from there), at most
 * what the fakes saw from the stop leaving the model to the audio reaching the carrier, and under D plus a
 * small margin; the greeting is no turn. The same
 * figures are on the console's event stream, in the API's call JSON, in the stored record, in both exports
 * and in {@code /metrics}.
 */
@Tag("e2e")
class TurnLatencyTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Rounding to whole milliseconds, on both sides of a comparison. */
    private static final long ROUNDING_MS = 2;
    /** However loaded the test machine, a turn is not seen as this much longer than the model took. */
    private static final long MARGIN_MS = 150;
    private static final byte[] FRAME = new byte[160];

    static {
        Arrays.fill(FRAME, (byte) 0x7f);
    }

    /**
     * One answered turn: what the model took, what the fakes saw between the stop leaving and the audio arriving,
     * and how late the bridge read the stop (its timeline's wall clock against the fake's; the bridge can only
     * count from there).
     */
    private record Timed(long modelTookMs, long fakesSawMs, long readLateMs) { }

    /**
     * The caller speaks and, once the bridge has taken that in (a caller speaks for a while), stops; the model
     * answers {@code delay} later with two frames of item {@code itemId}.
     */
    private static Timed turn(LiveCall call, StreamRecorder console, String callerItem, String responseId,
            String itemId, Duration delay) throws InterruptedException {
        ModelPeer model = call.model;
        callerSpeaks(call, console, callerItem);
        var sent = model.answerAfter(ServerEvents.speechStopped(callerItem, 2000), delay,
                ServerEvents.outputItemAdded(responseId, itemId), ServerEvents.audioDelta(responseId, itemId, FRAME),
                ServerEvents.audioDelta(responseId, itemId, FRAME));
        FakeCarrier.Arrival first = call.stream.awaitArrival("media");
        call.stream.awaitArrival("media"); // the second frame of the same answer: no turn of its own
        model.send(ServerEvents.responseDone(responseId, 100, 0, 0, 10, 40));
        Instant read = console.awaitEvent(CallEvent.SpeakerChanged.class, e -> e.callId().equals(call.id)
                && e.speaker() == null && !e.at().isBefore(sent.stoppedAt().minusMillis(ROUNDING_MS)), WAIT).at();
        return new Timed(delay.toMillis(), (first.nanos() - sent.stoppedNanos()) / 1_000_000,
                Math.max(0, Duration.between(sent.stoppedAt(), read).toMillis()));
    }

    private static void callerSpeaks(LiveCall call, StreamRecorder console, String callerItem)
            throws InterruptedException {
        int before = speakerChanges(console, call.id);
        call.model.send(ServerEvents.speechStarted(callerItem, 1000));
        console.awaitEvents(e -> e instanceof CallEvent.SpeakerChanged s && s.speaker() == Speaker.CALLER
                && e.callId().equals(call.id), before + 1, WAIT);
    }

    private static int speakerChanges(StreamRecorder console, String callId) {
        return (int) console.eventsOf(callId).stream().filter(r -> r.event() instanceof CallEvent.SpeakerChanged s
                && s.speaker() == Speaker.CALLER).count();
    }

    @Test
    void eachTurnIsTimedFromTheCallersStopToTheAnswersFirstAudioAndTheGreetingIsNoTurn() throws Exception {
        try (BridgeHarness h = BridgeHarness.start(); StreamConsoles consoles = new StreamConsoles()) {
            StreamRecorder console = consoles.connect(h.baseUrl(), BridgeHarness.API_TOKEN);
            console.awaitState(ConnectionState.Connected.class, WAIT);
            LiveCall call = LiveCall.answered(h, "4711");

            // the greeting: the assistant speaks first, no stop before it
            call.model.send(ServerEvents.outputItemAdded("resp_1", "item_a1"));
            call.model.send(ServerEvents.audioDelta("resp_1", "item_a1", FRAME));
            call.stream.awaitEvent("media");
            call.model.send(ServerEvents.responseDone("resp_1", 100, 0, 0, 10, 40));

            List<Timed> turns = new ArrayList<>();
            turns.add(turn(call, console, "item_c1", "resp_2", "item_a2", Duration.ofMillis(150)));
            turns.add(turn(call, console, "item_c2", "resp_3", "item_a3", Duration.ofMillis(400)));
            // the caller stops, then goes on speaking 300 ms later: that stop is answered by nothing
            callerSpeaks(call, console, "item_c3");
            call.model.answerAfter(ServerEvents.speechStopped("item_c3", 6000), Duration.ofMillis(300),
                    ServerEvents.speechStarted("item_c4", 6300));
            turns.add(turn(call, console, "item_c4", "resp_4", "item_a4", Duration.ofMillis(250)));

            console.awaitEvents(e -> e instanceof CallEvent.TurnMeasured && e.callId().equals(call.id), 3, WAIT);
            List<Long> measured = new ArrayList<>();
            for (StreamRecorder.Received r : console.eventsOf(call.id)) {
                if (r.event() instanceof CallEvent.TurnMeasured t) {
                    measured.add(t.latencyMs());
                }
            }
            assertEquals(3, measured.size(), "three turns, the greeting none: " + measured);
            for (int i = 0; i < turns.size(); i++) {
                Timed t = turns.get(i);
                long ms = measured.get(i);
                assertTrue(ms >= t.modelTookMs() - t.readLateMs() - ROUNDING_MS, "turn " + (i + 1) + ": " + ms
                        + " ms, yet the model took " + t.modelTookMs() + " ms and the bridge read the stop "
                        + t.readLateMs() + " ms after it was sent");
                assertTrue(ms <= t.fakesSawMs(), "turn " + (i + 1) + ": " + ms + " ms, more than the "
                        + t.fakesSawMs() + " ms the fakes saw from the stop leaving to the audio arriving");
                assertTrue(ms < t.modelTookMs() + MARGIN_MS, "turn " + (i + 1) + ": " + ms + " ms for a model taking "
                        + t.modelTookMs() + " ms");
            }
            List<Long> sorted = measured.stream().sorted().toList();

            JsonNode live = h.awaitCall(call.id, c -> c.path("turnLatency").path("count").asInt() == 3, WAIT);
            assertTurns(live.path("turnLatency"), measured, sorted);
            assertEquals(3, count(live.path("timeline"), "turn"), "one timeline line per turn: " + live);

            call.stream.sendStop();
            h.awaitCall(call.id, c -> c.path("endedAt").isTextual(), WAIT);
            h.bridge.storeWriter().flush();
            try (SqlCallStore stored = SqlCallStore.sqlite(h.dataDir, Json.mapper())) {
                assertTurns(stored.find(call.id).orElseThrow().turnLatency(), measured, sorted);
            }
            JsonNode listed = h.json(h.get("/calls", BridgeHarness.API_TOKEN).body()).path("calls").get(0);
            assertTurns(listed.path("turnLatency"), measured, sorted);
            JsonNode exported = h.json(h.get("/calls/export.json", BridgeHarness.API_TOKEN).body()).get(0);
            assertTurns(exported.path("turnLatency"), measured, sorted);
            String csv = h.get("/calls/export.csv", BridgeHarness.API_TOKEN).body();
            assertTrue(csv.lines().findFirst().orElseThrow()
                    .endsWith(",turns,turnLatencyLastMs,turnLatencyP50Ms,turnLatencyP90Ms"), csv);
            assertTrue(csv.strip().endsWith(",3," + measured.get(2) + "," + sorted.get(1) + "," + sorted.get(2)), csv);

            String metrics = h.get("/metrics", BridgeHarness.API_TOKEN).body();
            assertEquals(3.0, value(metrics, "highway_turn_latency_seconds_count\\{mode=\"live\"}"), 1e-9);
            assertEquals(measured.stream().mapToLong(Long::longValue).sum() / 1000.0,
                    value(metrics, "highway_turn_latency_seconds_sum\\{mode=\"live\"}"), 1e-9,
                    "/metrics holds the record's figures");
        }
    }

    private static void assertTurns(JsonNode t, List<Long> measured, List<Long> sorted) {
        assertEquals(3, t.path("count").asInt(), t.toString());
        assertEquals(measured.get(2).longValue(), t.path("lastMs").asLong(), t.toString());
        assertEquals(sorted.get(1).longValue(), t.path("p50Ms").asLong(), "nearest rank: the 2nd of 3 " + t);
        assertEquals(sorted.get(2).longValue(), t.path("p90Ms").asLong(), "nearest rank: the 3rd of 3 " + t);
        List<Long> each = new ArrayList<>();
        t.path("turns").forEach(x -> each.add(x.path("latencyMs").asLong()));
        assertEquals(measured, each);
    }

    private static void assertTurns(app.highway.call.TurnLatencies t, List<Long> measured, List<Long> sorted) {
        assertEquals(measured, t.turns().stream().map(x -> x.latencyMs()).toList());
        assertEquals(measured.get(2), t.lastMs());
        assertEquals(sorted.get(1), t.p50Ms());
        assertEquals(sorted.get(2), t.p90Ms());
    }

    private static int count(JsonNode timeline, String kind) {
        int n = 0;
        for (JsonNode e : timeline) {
            n += kind.equals(e.path("kind").asText()) ? 1 : 0;
        }
        return n;
    }

    private static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(scrape);
        assertTrue(m.find(), series + " in " + scrape);
        return Double.parseDouble(m.group(1));
    }
}
