package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.support.BridgeHarness;
import app.highway.support.FakeCarrier;
import app.highway.support.FakeTwilioRest;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Ending is a state: from the moment the bridge decides to end a call until Twilio confirms it
 * (seconds, when Twilio has to be asked again), no media stream is let in and no timer acts.
 */
@Tag("e2e")
class EndingStateTest {

    private static boolean timelineHas(JsonNode call, String kind, String text) {
        for (JsonNode e : call.path("timeline")) {
            if (kind.equals(e.path("kind").asText()) && e.path("detail").asText().contains(text)) {
                return true;
            }
        }
        return false;
    }

    private record Ringing(String id, String callSid, FakeTwilioRest.Received created) { }

    private static Ringing ringing(BridgeHarness h) throws Exception {
        HttpResponse<String> placed = h.postCall("{\"to\":\"+15559876543\",\"verification\":123}");
        assertEquals(201, placed.statusCode(), placed.body());
        JsonNode answer = h.json(placed.body());
        FakeTwilioRest.Received created = h.twilio.awaitCreatedCall();
        String callSid = answer.path("callSid").asText();
        assertEquals(204, h.carrier.status(h.statusCallbackUrl(), callSid, "ringing"));
        h.realtime.awaitPeer().awaitMessage("session.update");
        return new Ringing(answer.path("id").asText(), callSid, created);
    }

    @Test
    void aMediaStreamArrivingWhileTheCallIsEndingIsRefused() throws Exception {
        try (BridgeHarness h = BridgeHarness.start()) {
            Ringing call = ringing(h);
            h.twilio.failNextUpdates(4); // Twilio has a bad moment: the hang-up is retried for about 3 s
            h.post("/calls/" + call.id + "/hangup", "application/json", "", BridgeHarness.API_TOKEN);
            JsonNode ending = h.awaitCall(call.id, c -> "ending".equals(c.path("state").asText()),
                    Duration.ofSeconds(2));
            assertFalse(ending.path("endedAt").isTextual(), "not ended yet: Twilio has not confirmed");

            FakeCarrier.Stream stream = h.carrier.connect(call.created.param("Twiml"), call.callSid);
            assertTrue(stream.awaitClosedByBridge(Duration.ofSeconds(1)), "a stream was let into an ending call");

            assertEquals("canceled", h.twilio.awaitUpdate(Duration.ofSeconds(10)).param("Status"));
            JsonNode record = h.awaitCall(call.id, c -> c.path("endedAt").isTextual(), Duration.ofSeconds(5));
            assertEquals("canceled", record.path("state").asText());
            assertEquals("operator_hung_up", record.path("endReason").asText());
            assertFalse(timelineHas(record, "state", "in-progress"), "the call never went live: " + record);
        }
    }

    @Test
    void timersDoNothingOnceTheCallIsEnding() throws Exception {
        try (BridgeHarness h = BridgeHarness.withVirtualTimers(Map.of())) {
            Ringing call = ringing(h);
            h.twilio.failNextUpdates(4);
            h.post("/calls/" + call.id + "/hangup", "application/json", "", BridgeHarness.API_TOKEN);
            h.awaitCall(call.id, c -> "ending".equals(c.path("state").asText()), Duration.ofSeconds(2));

            h.timers.advance(Duration.ofMinutes(5)); // far past the ring timeout
            assertEquals(0, h.timers.pending(), "an ending call keeps no timer");

            JsonNode record = h.awaitCall(call.id, c -> c.path("endedAt").isTextual(), Duration.ofSeconds(10));
            assertEquals("operator_hung_up", record.path("endReason").asText());
            assertFalse(timelineHas(record, "problem", "Nobody answered"), record.toString());
        }
    }

    @Test
    void theRingTimeoutEndsACallNobodyAnswersInVirtualTime() throws Exception {
        try (BridgeHarness h = BridgeHarness.withVirtualTimers(Map.of())) {
            Ringing call = ringing(h);
            h.timers.advance(Duration.ofSeconds(30));
            assertTrue(h.twilio.updatesSoFar().isEmpty(), "Twilio's own ring timeout comes first");
            h.timers.advance(Duration.ofSeconds(20));
            assertEquals("canceled", h.twilio.awaitUpdate(Duration.ofSeconds(5)).param("Status"));
            JsonNode record = h.awaitCall(call.id, c -> c.path("endedAt").isTextual(), Duration.ofSeconds(5));
            assertEquals("ring_timeout", record.path("endReason").asText());
            assertTrue(timelineHas(record, "problem", "Nobody answered"), record.toString());
            assertEquals(0, h.bridge.calls().liveSessions());
        }
    }
}
