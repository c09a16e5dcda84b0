package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.config.VoicemailSettings;
import app.highway.support.BridgeHarness;
import app.highway.support.FakeCarrier;
import app.highway.support.FakeRealtimeServer.ModelPeer;
import app.highway.support.FakeTwilioRest;
import app.highway.support.ServerEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Answering-machine detection end to end (Twilio's asynchronous AMD, over real sockets): the verification code
 * waits for Twilio's verdict; a machine gets the callback message after the beep (or is hung up on), never the
 * code; a person still gets it; a verdict without a valid signature changes nothing.
 */
@Tag("e2e")
class VoicemailTest {
    private static final String CODE = "4711";
    private static final String SPOKEN_CODE = "4 7 1 1";

    /** A call placed and answered (the stream started) with detection on; the model configured. */
    private record Held(String id, String callSid, FakeTwilioRest.Received created, ModelPeer model,
            FakeCarrier.Stream stream) { }

    private static Held placeAndAnswer(BridgeHarness h) throws Exception {
        HttpResponse<String> placed = h.postCall("{\"to\":\"+15559876543\",\"verification\":" + CODE + "}");
        assertEquals(201, placed.statusCode(), placed.body());
        JsonNode answer = h.json(placed.body());
        String callSid = answer.path("callSid").asText();
        FakeTwilioRest.Received created = h.twilio.awaitCreatedCall();
        ModelPeer model = h.realtime.awaitPeer();
        model.awaitMessage("session.update");
        model.send(ServerEvents.sessionUpdated());
        assertEquals(204, h.carrier.status(h.statusCallbackUrl(), callSid, "in-progress"));
        FakeCarrier.Stream stream = h.carrier.connect(created.param("Twiml"), callSid);
        return new Held(answer.path("id").asText(), callSid, created, model, stream);
    }

    /** Everything the model received within {@code millis} (audio appends included). */
    private static List<JsonNode> drain(ModelPeer model, long millis) throws InterruptedException {
        List<JsonNode> seen = new ArrayList<>();
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            JsonNode m = model.pollAny(20);
            if (m != null) {
                seen.add(m);
            }
        }
        return seen;
    }

    private static void assertNoCode(List<JsonNode> sent) {
        for (JsonNode m : sent) {
            String text = m.toString();
            assertFalse(text.contains(CODE) || text.contains(SPOKEN_CODE), "the code reached the model: " + text);
        }
    }

    private static boolean hasTimeline(JsonNode call, String kind, String detailPart) {
        for (JsonNode e : call.path("timeline")) {
            if (kind.equals(e.path("kind").asText()) && e.path("detail").asText().contains(detailPart)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aMachineGetsTheCallbackMessageAfterTheBeepNeverTheCodeAndTheOutcomeIsVoicemail() throws Exception {
        try (BridgeHarness h = BridgeHarness.start(Map.of("HIGHWAY_VOICEMAIL", "message"))) {
            Held call = placeAndAnswer(h);
            // Twilio is asked for asynchronous detection that waits for the end of the greeting
            assertEquals("DetectMessageEnd", call.created.param("MachineDetection"));
            assertEquals("true", call.created.param("AsyncAmd"));
            assertEquals(h.baseUrl() + "/twilio/amd", call.created.param("AsyncAmdStatusCallback"));
            assertEquals("POST", call.created.param("AsyncAmdStatusCallbackMethod"));
            assertEquals("30", call.created.param("MachineDetectionTimeout"));

            // the machine's greeting plays: the model hears nothing of it and is told nothing
            for (int i = 0; i < 10; i++) {
                call.stream.sendMedia(20L * i, ServerEvents.audio(160, i));
            }
            List<JsonNode> sent = new ArrayList<>(drain(call.model, 400));
            assertTrue(sent.stream().noneMatch(m -> m.path("type").asText().equals("input_audio_buffer.append")
                    || m.path("type").asText().equals("conversation.item.create")
                    || m.path("type").asText().startsWith("response.")), "the held call spoke to the model: " + sent);

            assertEquals(204, h.carrier.amd(h.baseUrl() + "/twilio/amd", call.callSid, "machine_end_beep", 4200, true));
            List<JsonNode> toMessage = call.model.messagesUntil("response.create", m -> true);
            sent.addAll(toMessage);
            JsonNode ask = toMessage.get(toMessage.size() - 1);
            assertTrue(ask.path("response").path("instructions").asText().contains(VoicemailSettings.DEFAULT_MESSAGE),
                    ask.toString());

            // the assistant says it; once its response is done and Twilio has played it, the call hangs up
            call.model.send(ServerEvents.responseCreated("resp_v"));
            call.model.send(ServerEvents.outputItemAdded("resp_v", "item_v"));
            call.model.send(ServerEvents.audioDelta("resp_v", "item_v", ServerEvents.audio(800, 7)));
            call.model.send(ServerEvents.responseDone("resp_v", 100, 0, 0, 10, 40));
            assertEquals("media", call.stream.awaitEvent("media").path("event").asText());
            String last = call.stream.awaitEvent("mark").path("mark").path("name").asText();
            JsonNode hangupMark = call.stream.awaitEvent("mark");
            assertEquals("hangup", hangupMark.path("mark").path("name").asText());
            assertTrue(h.twilio.updatesSoFar().isEmpty(), "hung up before Twilio played the message");
            call.stream.echoMark(last);
            call.stream.echoMark("hangup");
            assertEquals("completed", h.twilio.awaitUpdate(Duration.ofSeconds(5)).param("Status"));

            JsonNode record = h.awaitCall(call.id, c -> c.path("endedAt").isTextual(), Duration.ofSeconds(5));
            assertEquals("voicemail:machine_end_beep", record.path("endReason").asText(), record.toString());
            assertTrue(hasTimeline(record, "voicemail", "the callback message is left"), record.toString());
            assertTrue(hasTimeline(record, "voicemail", "leaving the callback message"), record.toString());
            assertTrue(call.model.awaitClosedByBridge());
            sent.addAll(drain(call.model, 100));
            assertNoCode(sent);
        }
    }

    @Test
    void theHangUpPolicyHangsUpOnAMachineAtOnceWithoutAWord() throws Exception {
        try (BridgeHarness h = BridgeHarness.start(Map.of("HIGHWAY_VOICEMAIL", "hang_up"))) {
            Held call = placeAndAnswer(h);
            assertEquals("Enable", call.created.param("MachineDetection"), "the quickest verdict is enough to hang up");
            assertEquals(204, h.carrier.amd(h.baseUrl() + "/twilio/amd", call.callSid, "machine_start", 1800, true));
            var hangUp = h.twilio.awaitUpdate(Duration.ofSeconds(5));
            assertEquals("completed", hangUp.param("Status"));
            JsonNode record = h.awaitCall(call.id, c -> c.path("endedAt").isTextual(), Duration.ofSeconds(5));
            assertEquals("voicemail:machine_start", record.path("endReason").asText());
            assertTrue(hasTimeline(record, "voicemail", "hung up without a message"), record.toString());
            List<JsonNode> sent = drain(call.model, 200);
            assertTrue(sent.stream().noneMatch(m -> m.path("type").asText().startsWith("response.")
                    || m.path("type").asText().equals("conversation.item.create")), sent.toString());
            assertNoCode(sent);
        }
    }

    @Test
    void aPersonStillGetsTheCodeOnceTwilioSaysAPersonAnswered() throws Exception {
        try (BridgeHarness h = BridgeHarness.start(Map.of("HIGHWAY_VOICEMAIL", "message"))) {
            Held call = placeAndAnswer(h);
            assertNull(firstNotAppend(call.model, 300), "nothing is said before the verdict");
            assertEquals(204, h.carrier.amd(h.baseUrl() + "/twilio/amd", call.callSid, "human", 2100, true));
            JsonNode greeting = call.model.awaitMessage("conversation.item.create");
            call.model.awaitMessage("response.create");
            assertTrue(greeting.path("item").path("content").get(0).path("text").asText().contains(SPOKEN_CODE));
            // from now on the caller is heard
            String frame = call.stream.sendMedia(20, ServerEvents.audio(160, 3));
            call.model.awaitAppend(frame);
            JsonNode record = h.call(call.id);
            assertTrue(hasTimeline(record, "voicemail", "answered by a person"), record.toString());
            call.stream.sendStop();
            JsonNode ended = h.awaitCall(call.id, c -> c.path("endedAt").isTextual(), Duration.ofSeconds(5));
            assertEquals("caller_hung_up", ended.path("endReason").asText());
        }
    }

    private static JsonNode firstNotAppend(ModelPeer model, long millis) throws InterruptedException {
        for (JsonNode m : drain(model, millis)) {
            if (!m.path("type").asText().equals("input_audio_buffer.append")) {
                return m;
            }
        }
        return null;
    }

    @Test
    void aVerdictWithoutAValidSignatureIsRefusedAndChangesNothing() throws Exception {
        try (BridgeHarness h = BridgeHarness.start(Map.of("HIGHWAY_VOICEMAIL", "hang_up"))) {
            Held call = placeAndAnswer(h);
            String url = h.baseUrl() + "/twilio/amd";
            assertEquals(403, h.carrier.amd(url, call.callSid, "machine_start", 900, false));
            assertEquals(403, h.carrier.amd(url, call.callSid, "machine_start", 900, "not-the-auth-token"));
            assertEquals(400, h.carrier.amd(url, call.callSid, "robot", 900, true), "an unknown verdict is refused");
            Thread.sleep(200);
            assertTrue(h.twilio.updatesSoFar().isEmpty(), "a refused verdict hung up the call");
            JsonNode record = h.call(call.id);
            assertEquals("in-progress", record.path("state").asText());
            assertTrue(record.path("endReason").isNull(), record.toString());
            // still waiting for a real verdict: a signed one decides
            assertEquals(204, h.carrier.amd(url, call.callSid, "human", 1500, true));
            JsonNode greeting = call.model.awaitMessage("conversation.item.create");
            assertTrue(greeting.path("item").path("content").get(0).path("text").asText().contains(SPOKEN_CODE));
            // a second verdict is too late to change anything
            assertEquals(204, h.carrier.amd(url, call.callSid, "machine_start", 1500, true));
            Thread.sleep(200);
            assertTrue(h.twilio.updatesSoFar().isEmpty());
            call.stream.sendStop();
        }
    }

    @Test
    void aFaxIsHungUpAndRecordedAsSuch() throws Exception {
        try (BridgeHarness h = BridgeHarness.start(Map.of("HIGHWAY_VOICEMAIL", "message"))) {
            Held call = placeAndAnswer(h);
            assertEquals(204, h.carrier.amd(h.baseUrl() + "/twilio/amd", call.callSid, "fax", 3000, true));
            assertEquals("completed", h.twilio.awaitUpdate(Duration.ofSeconds(5)).param("Status"));
            JsonNode record = h.awaitCall(call.id, c -> c.path("endedAt").isTextual(), Duration.ofSeconds(5));
            assertEquals("fax", record.path("endReason").asText());
            assertNoCode(drain(call.model, 200));
        }
    }

    @Test
    void withoutAVerdictTheCallEndsWithoutTheCode() throws Exception {
        try (BridgeHarness h = BridgeHarness.withVirtualTimers(Map.of("HIGHWAY_VOICEMAIL", "message",
                "HIGHWAY_VOICEMAIL_TIMEOUT_SECONDS", "20"))) {
            Held call = placeAndAnswer(h);
            h.awaitCall(call.id, c -> hasTimeline(c, "stream", "started"), Duration.ofSeconds(5));
            h.timers.advance(Duration.ofSeconds(29));
            assertTrue(h.twilio.updatesSoFar().isEmpty(), "ended before Twilio's timeout and the grace");
            h.timers.advance(Duration.ofSeconds(1));
            assertEquals("completed", h.twilio.awaitUpdate(Duration.ofSeconds(5)).param("Status"));
            JsonNode record = h.awaitCall(call.id, c -> c.path("endedAt").isTextual(), Duration.ofSeconds(5));
            assertEquals("no_machine_verdict", record.path("endReason").asText());
            assertNoCode(drain(call.model, 200));
        }
    }

    @Test
    void singleCallsAskForNoDetectionByDefault() throws Exception {
        try (BridgeHarness h = BridgeHarness.start()) {
            LiveCall call = LiveCall.answered(h, CODE);
            assertNull(call.created.param("MachineDetection"));
            assertNull(call.created.param("AsyncAmd"));
            assertNull(call.created.param("AsyncAmdStatusCallback"));
            call.stream.sendStop();
        }
    }
}
