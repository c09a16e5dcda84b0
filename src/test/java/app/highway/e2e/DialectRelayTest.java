package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.support.BridgeHarness;
import app.highway.support.FakeCarrier;
import app.highway.support.FakeRealtimeServer.ModelPeer;
import app.highway.support.LiveServerEvents;
import app.highway.support.ServerEvents;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The relay is the same for both dialects (same transport, same frame path): two calls on one bridge, one
 * per dialect, each relaying the model's audio to the caller frame by frame, byte for byte. What each frame
 * took, from the fake model's send to the fake carrier's read, is logged per dialect (p50, p90, p99) after a
 * warm-up, the dialects measured in turn twice so that neither gets the warmer JVM.
 */
@Tag("e2e")
class DialectRelayTest {
    private static final int WARM_UP = 150;
    private static final int FRAMES = 400;

    @Test
    void bothDialectsRelayTheModelsAudioByteForByteOnTheSamePath() throws Exception {
        try (BridgeHarness h = BridgeHarness.start()) {
            LiveCall ga = LiveCall.answered(h, "123");
            ga.model.send(ServerEvents.outputItemAdded("r1", "a1"));
            IntFunction<String> gaDelta = i -> ServerEvents.audioDelta("r1", "a1", ServerEvents.audio(160, i));

            var settings = h.bridge.console().settings();
            settings.save(settings.current().withModel("gpt-live-1"));
            var placed = h.postCall("{\"to\":\"+15559876544\",\"verification\":456}");
            String callSid = h.json(placed.body()).path("callSid").asText();
            var created = h.twilio.awaitCreatedCall();
            h.carrier.status(h.statusCallbackUrl(), callSid, "ringing");
            ModelPeer live = h.realtime.awaitPeer();
            live.awaitMessage("session.start");
            live.startLive();
            h.carrier.status(h.statusCallbackUrl(), callSid, "in-progress");
            FakeCarrier.Stream liveStream = h.carrier.connect(created.param("Twiml"), callSid);
            live.awaitMessage("session.commentary.append");
            IntFunction<String> liveDelta = i -> LiveServerEvents.audioDelta(ServerEvents.audio(160, i));

            relay(ga.model, ga.stream, gaDelta, WARM_UP);
            relay(live, liveStream, liveDelta, WARM_UP);
            List<Long> gaMicros = new ArrayList<>();
            List<Long> liveMicros = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                gaMicros.addAll(relay(ga.model, ga.stream, gaDelta, FRAMES / 2));
                liveMicros.addAll(relay(live, liveStream, liveDelta, FRAMES / 2));
            }
            assertEquals(FRAMES, gaMicros.size());
            assertEquals(FRAMES, liveMicros.size());
            LoggerFactory.getLogger(getClass()).info("model audio delta -> Twilio media frame, {} frames each: "
                    + "Realtime p50 {} µs, p90 {} µs, p99 {} µs; GPT-Live p50 {} µs, p90 {} µs, p99 {} µs", FRAMES,
                    pct(gaMicros, 50), pct(gaMicros, 90), pct(gaMicros, 99), pct(liveMicros, 50), pct(liveMicros, 90),
                    pct(liveMicros, 99));
            assertTrue(h.twilio.updatesSoFar().isEmpty(), "both calls go on");
        }
    }

    /** Sends {@code n} audio deltas one at a time; each must reach the caller as is. Returns each one's time. */
    private static List<Long> relay(ModelPeer model, FakeCarrier.Stream stream, IntFunction<String> delta, int n)
            throws InterruptedException {
        List<Long> micros = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int seed = 1000 + i;
            long sent = System.nanoTime();
            model.send(delta.apply(seed));
            FakeCarrier.Arrival a = stream.awaitArrival("media");
            assertEquals(Base64.getEncoder().encodeToString(ServerEvents.audio(160, seed)),
                    a.message().path("media").path("payload").asText(), "frame " + i);
            micros.add((a.nanos() - sent) / 1000);
        }
        return micros;
    }

    private static long pct(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
