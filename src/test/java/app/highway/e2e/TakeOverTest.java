package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.support.AudioLinkProbe;
import app.highway.support.BridgeHarness;
import app.highway.support.ServerEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Taking a call over by voice over {@code GET /calls/{id}/takeover}: the supervisor's frames reach the fake
 * carrier as the call's outbound {@code media}, byte for byte and in order, the caller's frames come back,
 * the model is asked for nothing meanwhile, and closing the socket hands the call back with a system note.
 */
@Tag("e2e")
class TakeOverTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private BridgeHarness h;
    private final List<AudioLinkProbe> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        h = BridgeHarness.start();
    }

    @AfterEach
    void stop() {
        clients.forEach(AudioLinkProbe::close);
        h.close();
    }

    private AudioLinkProbe open(String callId, String what, String token) {
        AudioLinkProbe c = AudioLinkProbe.open(h.baseUrl(), "/calls/" + callId + "/" + what, token);
        clients.add(c);
        return c;
    }

    @Test
    void theSupervisorsFramesReachTheCallerInOrderAndClosingHandsTheCallBack() throws Exception {
        JsonNode sue = add("sue", "supervisor");
        LiveCall call = LiveCall.answered(h, "123");
        AudioLinkProbe listener = open(call.id, "listen", BridgeHarness.API_TOKEN);
        AudioLinkProbe takeOver = open(call.id, "takeover", token(sue));
        h.awaitCall(call.id, c -> "sue".equals(c.path("takenOverBy").asText(null)) && c.path("muted").asBoolean(),
                WAIT);
        call.stream.awaitEvent("clear"); // the assistant muted: what Twilio had not played is dropped
        assertEquals(409, AudioLinkProbe.upgradeStatus(h.baseUrl(), "/calls/" + call.id + "/takeover",
                BridgeHarness.API_TOKEN), "one take-over at a time");

        List<byte[]> spoken = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            byte[] frame = ServerEvents.audio(160, 500 + i);
            spoken.add(frame);
            takeOver.send(frame);
        }
        for (int i = 0; i < spoken.size(); i++) {
            JsonNode media = call.stream.awaitEvent("media");
            assertEquals(call.stream.streamSid, media.path("streamSid").asText());
            assertArrayEquals(spoken.get(i), Base64.getDecoder().decode(media.path("media").path("payload").asText()),
                    "frame " + i + ", byte for byte, in order");
        }

        // the caller answers: the supervisor hears their frames as they are; a listener hears both voices
        byte[] caller = ServerEvents.audio(160, 7);
        call.stream.sendMedia(20, caller);
        assertArrayEquals(caller, takeOver.awaitFrame(WAIT).audio(), "the caller's own frame, raw");
        byte[] heard = listener.awaitFrame(WAIT).audio();
        assertArrayEquals(ListenInTest.mix(caller, spoken.get(0)), heard,
                "the listener hears the supervisor's first frame with the caller's");

        // the caller's turn is transcribed, but the model is asked for no response while taken over
        call.model.send(ServerEvents.speechStarted("c1", 20));
        call.model.send(ServerEvents.speechStopped("c1", 900));
        call.model.send(ServerEvents.inputTranscript("c1", "I moved to Elm Street last month"));
        h.awaitCall(call.id, c -> c.path("transcript").toString().contains("Elm Street"), WAIT);
        assertNoResponseCreate(call, 300);

        takeOver.close();
        h.awaitCall(call.id, c -> c.path("takenOverBy").isNull() && !c.path("muted").asBoolean(), WAIT);
        JsonNode note = awaitSystemNote(call);
        String text = note.path("item").path("content").get(0).path("text").asText();
        assertTrue(text.startsWith("A supervisor spoke with the caller in your place for "), text);
        assertTrue(text.contains("\"I moved to Elm Street last month\""), "the caller's words in the note: " + text);
        assertTrue(text.contains("not transcribed"), "says the supervisor's words were not transcribed: " + text);
        JsonNode turns = call.model.awaitMessage("session.update");
        assertTrue(turns.path("session").path("audio").path("input").path("turn_detection")
                .path("create_response").asBoolean(), "the assistant answers on turns again: " + turns);

        JsonNode snapshot = h.call(call.id);
        String timeline = snapshot.path("timeline").toString();
        assertTrue(timeline.contains("take_over") && timeline.contains("hand_back") && timeline.contains("sue"),
                timeline);
        String audit = h.get("/audit", BridgeHarness.API_TOKEN).body();
        assertTrue(audit.contains("call.take_over") && audit.contains("call.hand_back"), audit);
        assertEquals(101, AudioLinkProbe.upgradeStatus(h.baseUrl(), "/calls/" + call.id + "/takeover",
                BridgeHarness.API_TOKEN), "handed back: it can be taken over again");
    }

    @Test
    void aMalformedFrameClosesWith1007AndSaysWhyAfterTheFramesBeforeItWentOut() throws Exception {
        LiveCall call = LiveCall.answered(h, "123");
        AudioLinkProbe takeOver = open(call.id, "takeover", BridgeHarness.API_TOKEN);
        h.awaitCall(call.id, c -> "owner".equals(c.path("takenOverBy").asText(null)), WAIT);
        byte[] good = ServerEvents.audio(160, 1);
        takeOver.send(good);
        takeOver.sendRaw(new byte[10]);
        assertEquals(1007, takeOver.awaitClose(WAIT));
        assertTrue(takeOver.closeReason().contains("176 bytes"), takeOver.closeReason());
        assertArrayEquals(good, Base64.getDecoder().decode(call.stream.awaitEvent("media").path("media")
                .path("payload").asText()));
        h.awaitCall(call.id, c -> c.path("takenOverBy").isNull() && !c.path("muted").asBoolean(), WAIT);
        awaitSystemNote(call);
    }

    @Test
    void aCallNotAnsweredYetCannotBeTakenOverButCanBeListenedTo() throws Exception {
        HttpResponse<String> placed = h.postCall("{\"to\":\"+15559876543\",\"verification\":123}");
        assertEquals(201, placed.statusCode(), placed.body());
        String id = h.json(placed.body()).path("id").asText();
        h.twilio.awaitCreatedCall();
        AudioLinkProbe.Refused refused = org.junit.jupiter.api.Assertions.assertThrows(AudioLinkProbe.Refused.class,
                () -> AudioLinkProbe.open(h.baseUrl(), "/calls/" + id + "/takeover", BridgeHarness.API_TOKEN));
        assertEquals(409, refused.status);
        assertTrue(refused.getMessage().contains("not_answered"), refused.getMessage());
        open(id, "listen", BridgeHarness.API_TOKEN);
        h.awaitCall(id, c -> c.path("listeners").asInt() == 1, WAIT);
    }

    /** No {@code response.create} reaches the model within {@code millis}. */
    private static void assertNoResponseCreate(LiveCall call, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            JsonNode m = call.model.pollAny(20);
            assertTrue(m == null || !"response.create".equals(m.path("type").asText()),
                    "no response.create while taken over: " + m);
        }
    }

    private static JsonNode awaitSystemNote(LiveCall call) throws InterruptedException {
        while (true) {
            JsonNode m = call.model.awaitMessage("conversation.item.create");
            if ("system".equals(m.path("item").path("role").asText())) {
                return m;
            }
        }
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
}
