package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.support.BridgeHarness;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The control API refuses bad input clearly, and only Twilio gets into Twilio's endpoints. */
@Tag("e2e")
class ControlApiTest {
    private static BridgeHarness h;

    @BeforeAll
    static void start() throws Exception {
        h = BridgeHarness.start();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void healthNeedsNoTokenAndSaysTheMode() throws Exception {
        HttpResponse<String> r = h.get("/health", null);
        assertEquals(200, r.statusCode());
        JsonNode body = h.json(r.body());
        assertEquals("ok", body.path("status").asText());
        assertEquals("live", body.path("mode").asText());
        assertTrue(body.path("activeCalls").isNumber());
    }

    @Test
    void malformedJsonIsA400WithAClearMessage() throws Exception {
        int placedBefore = h.twilio.createdCount();
        HttpResponse<String> r = h.postCall("{\"to\": \"+15559876543\", \"verification\": ");
        assertEquals(400, r.statusCode());
        JsonNode body = h.json(r.body());
        assertEquals("malformed_json", body.path("error").asText());
        assertTrue(body.path("message").asText().contains("not valid JSON"));
        assertEquals(placedBefore, h.twilio.createdCount());
    }

    @Test
    void aBadPhoneNumberIsA400ThatSaysWhatE164Is() throws Exception {
        int placedBefore = h.twilio.createdCount();
        for (String to : new String[] {"555-9876", "15559876543", "+1", "+0123456789", "+1555abc6543"}) {
            HttpResponse<String> r = h.postCall("{\"to\":\"" + to + "\",\"verification\":123}");
            assertEquals(400, r.statusCode(), to);
            JsonNode body = h.json(r.body());
            assertEquals("invalid_phone_number", body.path("error").asText(), to);
            assertTrue(body.path("message").asText().contains("E.164"), to);
        }
        assertEquals(placedBefore, h.twilio.createdCount());
    }

    @Test
    void missingFieldsAndBadCodesAreNamed() throws Exception {
        JsonNode body = h.json(h.postCall("{}").body());
        assertTrue(body.path("message").asText().contains("'to' is required"));
        assertTrue(body.path("message").asText().contains("'verification' is required"));
        for (String code : new String[] {"12", "\"12345678901\"", "\"12a4\"", "true", "1.5"}) {
            HttpResponse<String> r = h.postCall("{\"to\":\"+15559876543\",\"verification\":" + code + "}");
            assertEquals(400, r.statusCode(), code);
            assertTrue(h.json(r.body()).path("message").asText().contains("'verification'"), code);
        }
        HttpResponse<String> form = h.post("/call-customer", "text/plain", "to=+15559876543", BridgeHarness.API_TOKEN);
        assertEquals(415, form.statusCode()); // was 400: a wrong content type is 415 Unsupported Media Type
        assertEquals("unsupported_media_type", h.json(form.body()).path("error").asText());
    }

    @Test
    void oversizedBodiesAreRefused() throws Exception {
        int placedBefore = h.twilio.createdCount();
        String huge = "{\"to\":\"+15559876543\",\"verification\":123,\"note\":\"" + "x".repeat(100_000) + "\"}";
        HttpResponse<String> r = h.postCall(huge);
        assertEquals(413, r.statusCode(), r.body());
        assertEquals(placedBefore, h.twilio.createdCount());
    }

    @Test
    void numbersOutsideTheCountryAllowlistAreRefused() throws Exception {
        try (BridgeHarness us = BridgeHarness.start(Map.of("HIGHWAY_ALLOWED_COUNTRIES", "US, CA"))) {
            HttpResponse<String> uk = us.postCall("{\"to\":\"+442079460958\",\"verification\":123}");
            assertEquals(400, uk.statusCode());
            JsonNode body = us.json(uk.body());
            assertEquals("country_not_allowed", body.path("error").asText());
            assertTrue(body.path("message").asText().contains("GB"));
            assertEquals(0, us.twilio.createdCount());
            assertEquals(201, us.postCall("{\"to\":\"+15559876543\",\"verification\":123}").statusCode());
        }
    }

    @Test
    void theControlApiNeedsTheBearerToken() throws Exception {
        int placedBefore = h.twilio.createdCount();
        assertEquals(401, h.post("/call-customer", "application/json",
                "{\"to\":\"+15559876543\",\"verification\":123}", null).statusCode());
        assertEquals(401, h.post("/call-customer", "application/json",
                "{\"to\":\"+15559876543\",\"verification\":123}", "wrong").statusCode());
        HttpResponse<String> list = h.get("/calls", "wrong");
        assertEquals(401, list.statusCode());
        assertEquals("Bearer", list.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals(401, h.get("/calls/anything", null).statusCode());
        assertEquals(placedBefore, h.twilio.createdCount());
    }

    @Test
    void unknownCallsAre404() throws Exception {
        HttpResponse<String> r = h.get("/calls/CA0000", BridgeHarness.API_TOKEN);
        assertEquals(404, r.statusCode());
        assertEquals("not_found", h.json(r.body()).path("error").asText());
    }

    @Test
    void unsignedOrWronglySignedStatusCallbacksAre403() throws Exception {
        assertEquals(403, h.carrier.status(h.statusCallbackUrl(), "CA123", "completed", false));
        assertEquals(403, new app.highway.support.FakeCarrier("not-the-auth-token")
                .status(h.statusCallbackUrl(), "CA123", "completed"));
    }

    @Test
    void anUnsignedMediaStreamUpgradeIsRefused() throws Exception {
        String url = h.bridge.config().mediaStreamUrl();
        ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () ->
                HttpClient.newHttpClient().newWebSocketBuilder()
                        .buildAsync(URI.create(url), new WebSocket.Listener() { })
                        .get());
        assertNotNull(refused.getCause());
        assertTrue(String.valueOf(refused.getCause().getMessage()).contains("403")
                || refused.getCause() instanceof java.net.http.WebSocketHandshakeException, refused.toString());
    }

    @Test
    void aReplayedOrForeignStreamTokenIsRefused() throws Exception {
        LiveCall call = LiveCall.answered(h, "123");
        // the same TwiML again: the single-use token is spent
        var replay = h.carrier.connect(call.created.param("Twiml"), call.callSid);
        assertTrue(replay.awaitClosedByBridge(), "a replayed stream token was let in");
        assertEquals(1008, replay.closeCode());
        // the original call goes on
        call.model.awaitAppend(call.stream.sendMedia(20, new byte[160]));
        h.post("/calls/" + call.id + "/hangup", "application/json", "", BridgeHarness.API_TOKEN);
        h.twilio.awaitUpdate(Duration.ofSeconds(5));
    }

    @Test
    void burstsBeyondThePaceWaitTheirTurnThenGet429WithRetryAfter() throws Exception {
        // one call per 6.7 s: the first goes at once, the next waits its turn, the one after would
        // wait more than 10 s and is refused at once with Retry-After
        try (BridgeHarness slow = BridgeHarness.start(Map.of("TWILIO_CALLS_PER_SECOND", "0.15"))) {
            assertEquals(201, slow.postCall("{\"to\":\"+15559876543\",\"verification\":123}").statusCode());
            long t0 = System.nanoTime();
            var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> post(slow, "+15559876544"));
            var third = java.util.concurrent.CompletableFuture.supplyAsync(() -> post(slow, "+15559876545"));
            HttpResponse<String> a = second.get();
            HttpResponse<String> b = third.get();
            long totalMs = Duration.ofNanos(System.nanoTime() - t0).toMillis();
            HttpResponse<String> waited = a.statusCode() == 201 ? a : b;
            HttpResponse<String> refused = a.statusCode() == 201 ? b : a;
            assertEquals(201, waited.statusCode(), waited.body());
            assertEquals(429, refused.statusCode(), refused.body());
            assertEquals("rate_limited", slow.json(refused.body()).path("error").asText());
            assertEquals("7", refused.headers().firstValue("Retry-After").orElse(null));
            assertTrue(totalMs >= 5_500 && totalMs < 10_000, "the paced call waited its turn: " + totalMs + " ms");
            assertEquals(2, slow.twilio.createdCount());
        }
    }

    private static HttpResponse<String> post(BridgeHarness bridge, String to) {
        try {
            return bridge.postCall("{\"to\":\"" + to + "\",\"verification\":123}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
