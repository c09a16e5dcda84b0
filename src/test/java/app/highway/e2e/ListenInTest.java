package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.audio.MuLaw;
import app.highway.audiolink.AudioFrame;
import app.highway.support.AudioLinkProbe;
import app.highway.support.BridgeHarness;
import app.highway.support.ServerEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Listening in over {@code GET /calls/{id}/listen}, against the fake carrier and the fake model: what the
 * listeners hear is the caller's frames mixed with the assistant's audio as the caller hears it (what was
 * cleared on a barge-in is not heard), frame by frame, and neither the caller nor the model notices.
 */
@Tag("e2e")
class ListenInTest {
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

    private AudioLinkProbe listen(String callId, String token) {
        AudioLinkProbe c = AudioLinkProbe.open(h.baseUrl(), "/calls/" + callId + "/listen", token);
        clients.add(c);
        return c;
    }

    @Test
    void twoListenersHearTheMixAsTheCallerHearsItInOrderAcrossABargeIn() throws Exception {
        LiveCall call = LiveCall.answered(h, "123");
        AudioLinkProbe one = listen(call.id, BridgeHarness.API_TOKEN);
        AudioLinkProbe two = listen(call.id, BridgeHarness.API_TOKEN);
        JsonNode snapshot = h.awaitCall(call.id, c -> c.path("listeners").asInt() == 2, WAIT);
        assertTrue(snapshot.path("timeline").toString().contains("listening in"), "on the timeline with who: "
                + snapshot.path("timeline"));

        List<byte[]> expected = new ArrayList<>();
        // the assistant speaks 100 ms, in two chunks that do not fall on 20 ms frames
        byte[] first = ServerEvents.audio(800, 1);
        call.model.send(ServerEvents.outputItemAdded("r1", "a1"));
        call.model.send(ServerEvents.audioDelta("r1", "a1", Arrays.copyOfRange(first, 0, 400)));
        call.stream.awaitEvent("media");
        call.model.send(ServerEvents.audioDelta("r1", "a1", Arrays.copyOfRange(first, 400, 800)));
        call.stream.awaitEvent("media");
        long ts = 0;
        for (int i = 0; i < 3; i++) { // the caller hears 60 ms of it
            byte[] caller = ServerEvents.audio(160, 100 + i);
            expectAppend(call, call.stream.sendMedia(ts += 20, caller));
            expected.add(mix(caller, Arrays.copyOfRange(first, 160 * i, 160 * i + 160)));
        }
        // the caller talks over it: Twilio is told to drop the 40 ms it has not played, and so is the mix
        call.model.send(ServerEvents.speechStarted("c1", 60));
        call.stream.awaitEvent("clear");
        assertEquals("conversation.item.truncate", call.model.pollAny(WAIT.toMillis()).path("type").asText());
        for (int i = 3; i < 5; i++) {
            byte[] caller = ServerEvents.audio(160, 100 + i);
            expectAppend(call, call.stream.sendMedia(ts += 20, caller));
            expected.add(mix(caller, new byte[0]));
        }
        // the assistant answers again: 12.5 ms, less than a frame
        byte[] second = ServerEvents.audio(100, 9);
        call.model.send(ServerEvents.outputItemAdded("r2", "a2"));
        call.model.send(ServerEvents.audioDelta("r2", "a2", second));
        call.stream.awaitEvent("media");
        for (int i = 5; i < 7; i++) {
            byte[] caller = ServerEvents.audio(160, 100 + i);
            expectAppend(call, call.stream.sendMedia(ts += 20, caller));
            expected.add(mix(caller, i == 5 ? second : new byte[0]));
        }

        for (AudioLinkProbe listener : List.of(one, two)) {
            for (int i = 0; i < expected.size(); i++) {
                AudioFrame f = listener.awaitFrame(WAIT);
                assertEquals(i, f.seq(), "in order, numbered from 0");
                assertArrayEquals(expected.get(i), f.audio(), "frame " + i + " is the mix of what both sides sent");
                assertTrue(Math.abs(f.micros() - System.currentTimeMillis() * 1000) < 60_000_000L,
                        "stamped with the bridge's wall clock: " + f.micros());
            }
            assertNull(listener.pollFrame(100), "one frame per caller frame");
        }
        // listening is silent: nothing else reached the caller or the model
        assertNull(call.stream.pollAny(300), "the caller got nothing extra");
        assertNull(call.model.pollAny(100), "the model got nothing extra");
    }

    @Test
    void anAgentListensToTheirOwnCallsOnlyAndARevokedTokenStopsListeningAtOnce() throws Exception {
        JsonNode alice = add("alice", "agent");
        JsonNode bob = add("bob", "agent");
        JsonNode sue = add("sue", "supervisor");
        LiveCall call = LiveCall.answered(h, "4711", token(alice));

        assertEquals(403, AudioLinkProbe.upgradeStatus(h.baseUrl(), "/calls/" + call.id + "/listen", token(bob)));
        assertEquals(403, AudioLinkProbe.upgradeStatus(h.baseUrl(), "/calls/" + call.id + "/takeover", token(alice)),
                "agents never take over, not even their own calls");
        assertEquals(404, AudioLinkProbe.upgradeStatus(h.baseUrl(), "/calls/no-such-call/listen", token(sue)));
        assertEquals(401, AudioLinkProbe.upgradeStatus(h.baseUrl(), "/calls/" + call.id + "/listen", "wrong"));
        HttpResponse<String> plain = h.get("/calls/" + call.id + "/listen", token(alice));
        assertEquals(426, plain.statusCode(), plain.body());
        AudioLinkProbe.Refused refused = assertThrows(AudioLinkProbe.Refused.class,
                () -> AudioLinkProbe.open(h.baseUrl(), "/calls/" + call.id + "/listen", token(bob)));
        assertTrue(refused.getMessage().contains("\"error\":\"forbidden\""), "the API's JSON error: "
                + refused.getMessage());

        AudioLinkProbe alices = listen(call.id, token(alice));
        AudioLinkProbe sues = listen(call.id, token(sue));
        h.awaitCall(call.id, c -> c.path("listeners").asInt() == 2, WAIT);
        byte[] caller = ServerEvents.audio(160, 3);
        call.stream.sendMedia(20, caller);
        assertArrayEquals(mix(caller, new byte[0]), alices.awaitFrame(WAIT).audio(), "alice hears her own call");
        assertArrayEquals(mix(caller, new byte[0]), sues.awaitFrame(WAIT).audio(), "a supervisor hears any call");

        assertEquals(200, h.post("/tokens/" + alice.path("token").path("id").asText() + "/revoke", null, "",
                BridgeHarness.API_TOKEN).statusCode());
        assertEquals(4003, alices.awaitClose(WAIT), "revoked: closed at once");
        h.awaitCall(call.id, c -> c.path("listeners").asInt() == 1, WAIT);
        call.stream.sendMedia(40, caller);
        assertEquals(1, sues.awaitFrame(WAIT).seq(), "the others go on");

        JsonNode audit = h.json(h.get("/audit?action=call.listen", BridgeHarness.API_TOKEN).body());
        assertTrue(audit.toString().contains("\"user\":\"alice\"") && audit.toString().contains("\"user\":\"sue\""),
                "audited: " + audit);
    }

    @Test
    void theCallEndingSaysSoAndClosesEveryListenerWith1000() throws Exception {
        LiveCall call = LiveCall.answered(h, "123");
        AudioLinkProbe listener = listen(call.id, BridgeHarness.API_TOKEN);
        h.awaitCall(call.id, c -> c.path("listeners").asInt() == 1, WAIT);
        call.stream.sendStop();
        JsonNode ended = h.json(listener.awaitText(WAIT));
        assertEquals("ended", ended.path("type").asText());
        assertEquals("caller_hung_up", ended.path("reason").asText());
        assertEquals(1000, listener.awaitClose(WAIT));
        h.awaitCall(call.id, c -> c.path("endedAt").isTextual() && c.path("listeners").asInt() == 0, WAIT);
        assertEquals(409, AudioLinkProbe.upgradeStatus(h.baseUrl(), "/calls/" + call.id + "/listen",
                BridgeHarness.API_TOKEN), "an ended call cannot be listened to");
    }

    /** The next message the model gets is the caller's frame, nothing else. */
    private static void expectAppend(LiveCall call, String payload) throws InterruptedException {
        JsonNode m = call.model.pollAny(WAIT.toMillis());
        assertEquals("input_audio_buffer.append", m == null ? null : m.path("type").asText(), String.valueOf(m));
        assertEquals(payload, m.path("audio").asText());
    }

    /** What a telephone line makes of two voices: linear sum, clipped to 16 bits, back to μ-law. */
    static byte[] mix(byte[] caller, byte[] assistant) {
        byte[] out = new byte[caller.length];
        for (int i = 0; i < caller.length; i++) {
            int sum = MuLaw.decode(caller[i]) + (i < assistant.length ? MuLaw.decode(assistant[i]) : 0);
            out[i] = MuLaw.encode(Math.max(-32768, Math.min(32767, sum)));
        }
        return out;
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
