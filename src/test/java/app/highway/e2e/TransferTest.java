package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.support.BridgeHarness;
import app.highway.support.FakeTwilioRest;
import app.highway.support.ServerEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Transferring a live call to a person, over loopback against the fake Twilio REST API, carrier and model:
 * Twilio's call gets a {@code <Dial>} (a warm one plays a summary without the code first), the call ends
 * {@code transferred} with nothing left open, and only supervisors may do it.
 */
@Tag("e2e")
class TransferTest {
    private static final String OWNER = BridgeHarness.API_TOKEN;
    private BridgeHarness h;
    private String alice;
    private String sue;

    @BeforeEach
    void start() throws Exception {
        h = BridgeHarness.start();
        alice = add("alice", "agent");
        sue = add("sue", "supervisor");
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private String add(String user, String role) throws Exception {
        HttpResponse<String> r = h.post("/people", "application/json", "{\"user\":\"" + user + "\",\"role\":\""
                + role + "\",\"name\":\"" + user + "\",\"label\":\"test\"}", OWNER);
        assertEquals(201, r.statusCode(), r.body());
        return h.json(r.body()).path("token").path("token").asText();
    }

    private HttpResponse<String> transfer(String callId, String body, String token) throws Exception {
        return h.post("/calls/" + callId + "/transfer", "application/json", body, token);
    }

    private static List<String> timeline(JsonNode record) {
        List<String> lines = new ArrayList<>();
        record.path("timeline").forEach(t -> lines.add(t.path("kind").asText() + " " + t.path("detail").asText()));
        return lines;
    }

    @Test
    void aColdTransferDialsThePersonAndEndsTheCallTransferredWithNothingLeftOpen() throws Exception {
        LiveCall call = LiveCall.answered(h, "4321", alice);
        HttpResponse<String> refused = transfer(call.id, "{\"to\":\"+15551234567\"}", alice);
        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(h.json(refused.body()).path("message").asText().contains("supervisors"), refused.body());

        HttpResponse<String> sent = transfer(call.id, "{\"to\":\"+15551234567\"}", sue);
        assertEquals(202, sent.statusCode(), sent.body());
        FakeTwilioRest.Received update = h.twilio.awaitUpdate(Duration.ofSeconds(5));
        assertTrue(update.path().endsWith("/Accounts/" + FakeTwilioRest.ACCOUNT_SID + "/Calls/" + call.callSid
                + ".json"), update.path());
        assertTrue(update.param("Twiml").contains("<Response><Dial>+15551234567</Dial></Response>"),
                update.param("Twiml"));
        assertNull(update.param("Status"), "a transfer does not hang up");

        JsonNode record = h.awaitCall(call.id, c -> "completed".equals(c.path("state").asText()),
                Duration.ofSeconds(5));
        assertEquals("transferred", record.path("endReason").asText());
        assertTrue(timeline(record).contains("transfer by sue: cold to +1555•••4567"), timeline(record).toString());
        assertTrue(call.model.awaitClosedByBridge(), "the model socket was left open");
        assertTrue(call.stream.awaitClosedByBridge(), "the media stream was left open");
        assertEquals(0, h.bridge.calls().liveSessions());
        assertEquals(0, h.bridge.calls().outstandingStreamTokens());
        assertTrue(h.twilio.updatesSoFar().isEmpty(), "the call was also hung up at Twilio");

        // Twilio reports the call completed when the person hangs up: the reason stays
        assertEquals(204, h.carrier.status(h.statusCallbackUrl(), call.callSid, "completed"));
        assertEquals("transferred", h.call(call.id).path("endReason").asText());
        HttpResponse<String> again = transfer(call.id, "{\"to\":\"+15551234567\"}", sue);
        assertEquals(409, again.statusCode(), again.body());

        JsonNode audit = h.json(h.get("/audit?action=call.transfer", sue).body()).path("entries");
        assertEquals("sue", audit.get(0).path("user").asText());
        assertEquals(call.id, audit.get(0).path("target").asText());
    }

    @Test
    void aWarmTransferToTheTeamsNumberPlaysASummaryWithoutTheCodeFirst() throws Exception {
        ObjectNode settings = (ObjectNode) h.json(h.get("/settings", sue).body());
        settings.put("transferNumber", "+15551234567");
        HttpResponse<String> saved = h.put("/settings", settings.toString(), sue);
        assertEquals(200, saved.statusCode(), saved.body());

        LiveCall call = LiveCall.answered(h, "4321", alice);
        call.model.send(ServerEvents.speechStarted("item_c1", 900));
        call.model.send(ServerEvents.inputTranscript("item_c1", "I got 4 3 2 1, can I talk to a person?"));
        h.awaitCall(call.id, c -> c.path("transcript").size() == 1, Duration.ofSeconds(5));

        HttpResponse<String> sent = transfer(call.id, "{\"warm\":true}", sue);
        assertEquals(202, sent.statusCode(), sent.body());
        String whisperUrl = h.baseUrl() + "/twilio/transfer-whisper/" + call.id;
        String twiml = h.twilio.awaitUpdate(Duration.ofSeconds(5)).param("Twiml");
        assertTrue(twiml.contains("<Dial><Number method=\"POST\" url=\"" + whisperUrl + "\">+15551234567</Number></Dial>")
                || twiml.contains("<Dial><Number url=\"" + whisperUrl + "\" method=\"POST\">+15551234567</Number></Dial>"),
                twiml);
        assertEquals("transferred", h.awaitCall(call.id, c -> "completed".equals(c.path("state").asText()),
                Duration.ofSeconds(5)).path("endReason").asText());

        HttpResponse<String> summary = h.carrier.requestTwiml(whisperUrl, call.callSid, true);
        assertEquals(200, summary.statusCode(), summary.body());
        assertTrue(summary.headers().firstValue("Content-Type").orElse("").startsWith("text/xml"));
        String say = summary.body();
        assertTrue(say.contains("<Response><Say>") && say.contains("placed by alice")
                && say.contains("The caller last said: I got the code, can I talk to a person?"), say);
        assertFalse(say.contains("4 3 2 1") || say.contains("4321"), "the code is in the summary: " + say);
        assertEquals(403, h.carrier.requestTwiml(whisperUrl, call.callSid, false).statusCode());
        assertEquals(404, h.carrier.requestTwiml(h.baseUrl() + "/twilio/transfer-whisper/hw-nope", call.callSid, true)
                .statusCode());
    }

    @Test
    void numbersThePolicyRefusesAndATwilioRefusalLeaveTheCallWithTheAssistant() throws Exception {
        ObjectNode settings = (ObjectNode) h.json(h.get("/settings", sue).body());
        settings.put("transferNumber", "+19005550123");
        HttpResponse<String> premium = h.put("/settings", settings.toString(), sue);
        assertEquals(400, premium.statusCode(), premium.body());
        assertTrue(premium.body().contains("premium"), premium.body());
        settings.put("transferNumber", "5551234");
        assertEquals(400, h.put("/settings", settings.toString(), sue).statusCode());

        LiveCall call = LiveCall.answered(h, "4321", alice);
        HttpResponse<String> none = transfer(call.id, "{}", sue);
        assertEquals(400, none.statusCode(), none.body());
        assertEquals("no_transfer_number", h.json(none.body()).path("error").asText());
        assertEquals(400, transfer(call.id, "{\"to\":\"+19005550123\"}", sue).statusCode());
        assertEquals(400, transfer(call.id, "{\"to\":\"not a number\"}", sue).statusCode());
        assertEquals(400, transfer(call.id, "{\"to\":\"+15551234567\",\"warm\":\"yes\"}", sue).statusCode());
        assertTrue(h.twilio.updatesSoFar().isEmpty(), "a refused number reached Twilio");

        h.twilio.failNextUpdates(100); // more than Twilio's SDK retries a 5xx
        HttpResponse<String> failed = transfer(call.id, "{\"to\":\"+15551234567\"}", sue);
        h.twilio.failNextUpdates(0);
        assertEquals(502, failed.statusCode(), failed.body());
        JsonNode record = h.call(call.id);
        assertEquals("in-progress", record.path("state").asText(), "the call must go on with the assistant");
        assertTrue(timeline(record).stream().anyMatch(t -> t.startsWith("problem Twilio did not take the transfer")),
                timeline(record).toString());
        assertEquals(1, h.bridge.calls().liveSessions());

        assertEquals(202, transfer(call.id, "{\"to\":\"+15551234567\"}", sue).statusCode());
        assertEquals("transferred", h.awaitCall(call.id, c -> "completed".equals(c.path("state").asText()),
                Duration.ofSeconds(5)).path("endReason").asText());
    }
}
