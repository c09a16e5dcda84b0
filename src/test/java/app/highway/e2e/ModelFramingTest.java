package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.support.BridgeHarness;
import app.highway.support.LiveServerEvents;
import app.highway.support.ServerEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The model socket reads WebSocket frames, not whole messages: a server event split over several
 * frames (with a multi-byte character cut in two) is put back together, and an event far too big
 * to be real is dropped without ending the call.
 */
@Tag("e2e")
class ModelFramingTest {

    @Test
    void fragmentedEventsArriveWholeAndAnOversizedOneIsDroppedWhileTheCallGoesOn() throws Exception {
        try (BridgeHarness h = BridgeHarness.start()) {
            LiveCall call = LiveCall.answered(h, "123");
            byte[] audio = ServerEvents.audio(160, 11);
            call.model.send(ServerEvents.outputItemAdded("r1", "a1"));
            call.model.sendFragmented(ServerEvents.audioDelta("r1", "a1", audio), 3);
            assertEquals(Base64.getEncoder().encodeToString(audio), awaitMediaPayload(call),
                    "the audio delta sent in three frames reached the caller whole");

            String greeting = "Grüß Gott — this is Olive Financial, ¿cómo está? 👋";
            call.model.sendFragmented(ServerEvents.transcriptDone("r1", "a1", greeting), 7);

            // far above any real event: dropped and logged, the socket and the call stay up
            String huge = "{\"type\":\"response.output_audio_transcript.delta\",\"item_id\":\"a1\",\"delta\":\""
                    + "x".repeat(5 * 1024 * 1024) + "\"}";
            call.model.sendFragmented(huge, 40);

            byte[] after = ServerEvents.audio(160, 12);
            call.model.send(ServerEvents.audioDelta("r1", "a1", after));
            assertEquals(Base64.getEncoder().encodeToString(after), awaitMediaPayload(call),
                    "audio after the oversized event still flows");
            call.model.awaitAppend(call.stream.sendMedia(2_000, ServerEvents.audio(160, 13)));

            JsonNode record = h.call(call.callSid);
            assertEquals("in-progress", record.path("state").asText(), record.toString());
            boolean found = false;
            for (JsonNode line : record.path("transcript")) {
                found |= greeting.equals(line.path("text").asText());
            }
            assertTrue(found, "the fragmented transcript, multi-byte characters intact: " + record.path("transcript"));
        }
    }

    /** The same over GPT-Live's socket: its audio and transcript events split into frames, and a huge one. */
    @Test
    void gptLiveEventsSplitIntoFramesArriveWholeAndAnOversizedOneIsDropped() throws Exception {
        try (BridgeHarness h = BridgeHarness.start()) {
            var settings = h.bridge.console().settings();
            settings.save(settings.current().withModel("gpt-live-1"));
            var placed = h.postCall("{\"to\":\"+15559876543\",\"verification\":123}");
            String callSid = h.json(placed.body()).path("callSid").asText();
            var created = h.twilio.awaitCreatedCall();
            h.carrier.status(h.statusCallbackUrl(), callSid, "ringing");
            var model = h.realtime.awaitPeer();
            model.awaitMessage("session.start");
            model.startLive();
            h.carrier.status(h.statusCallbackUrl(), callSid, "in-progress");
            var stream = h.carrier.connect(created.param("Twiml"), callSid);
            model.awaitMessage("session.commentary.append");

            byte[] audio = ServerEvents.audio(160, 21);
            model.sendFragmented(LiveServerEvents.audioDelta(audio), 3);
            assertEquals(Base64.getEncoder().encodeToString(audio),
                    stream.awaitEvent("media").path("media").path("payload").asText());
            String greeting = "Grüß Gott — this is Olive Financial, ¿cómo está? 👋";
            model.sendFragmented(LiveServerEvents.outputTranscript(greeting), 7);
            model.sendFragmented("{\"type\":\"session.output_transcript.delta\",\"delta\":\""
                    + "x".repeat(5 * 1024 * 1024) + "\"}", 40);
            byte[] after = ServerEvents.audio(160, 22);
            model.send(LiveServerEvents.audioDelta(after));
            assertEquals(Base64.getEncoder().encodeToString(after),
                    stream.awaitEvent("media").path("media").path("payload").asText());
            JsonNode record = h.awaitCall(callSid, c -> c.path("transcript").size() > 0
                    && greeting.equals(c.path("transcript").get(0).path("text").asText()), java.time.Duration.ofSeconds(5));
            assertEquals("in-progress", record.path("state").asText(), record.toString());
        }
    }

    private static String awaitMediaPayload(LiveCall call) throws InterruptedException {
        return call.stream.awaitEvent("media").path("media").path("payload").asText();
    }
}
