package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.call.CallSnapshot;
import app.highway.store.SqlCallStore;
import app.highway.support.BridgeHarness;
import app.highway.support.FakeTwilioRest;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A hang-up or a shutdown while Twilio is still answering the request that places the call: the
 * phone must not ring for a call the bridge has already ended, and nothing may stay open.
 */
@Tag("e2e")
class PlacementRaceTest {

    private static boolean timelineHas(JsonNode call, String kind, String text) {
        for (JsonNode e : call.path("timeline")) {
            if (kind.equals(e.path("kind").asText()) && e.path("detail").asText().contains(text)) {
                return true;
            }
        }
        return false;
    }

    /** Places a call through the API while Twilio holds its answer; returns the pending response and the call id. */
    private static CompletableFuture<HttpResponse<String>> placeHeld(BridgeHarness h) throws Exception {
        h.twilio.holdCreates();
        CompletableFuture<HttpResponse<String>> response = CompletableFuture.supplyAsync(() -> {
            try {
                return h.postCall("{\"to\":\"+15559876543\",\"verification\":123}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        h.twilio.awaitCreateStarted();
        return response;
    }

    private static String onlyCallId(BridgeHarness h) throws Exception {
        JsonNode list = h.json(h.get("/calls", BridgeHarness.API_TOKEN).body());
        assertEquals(1, list.path("calls").size(), list.toString());
        return list.path("calls").get(0).path("id").asText();
    }

    @Test
    void anOperatorHangUpDuringPlacementCancelsTheCallAtTwilioOnceItsSidIsKnown() throws Exception {
        try (BridgeHarness h = BridgeHarness.start()) {
            CompletableFuture<HttpResponse<String>> placing = placeHeld(h);
            String id = onlyCallId(h);

            HttpResponse<String> hangUp = h.post("/calls/" + id + "/hangup", "application/json", "",
                    BridgeHarness.API_TOKEN);
            assertTrue(hangUp.statusCode() < 300, hangUp.statusCode() + " " + hangUp.body());
            h.twilio.releaseCreates();
            placing.get(10, TimeUnit.SECONDS);

            FakeTwilioRest.Received cancel = h.twilio.awaitUpdate(Duration.ofSeconds(10));
            assertEquals("canceled", cancel.param("Status"), "a call that never rang is canceled, not left ringing");
            JsonNode record = h.awaitCall(id, c -> c.path("endedAt").isTextual(), Duration.ofSeconds(5));
            assertEquals("canceled", record.path("state").asText());
            assertEquals("operator_hung_up", record.path("endReason").asText());
            assertTrue(cancel.path().endsWith("/" + record.path("callSid").asText() + ".json"), cancel.path());
            assertTrue(timelineHas(record, "ending", "operator_hung_up"), record.toString());
            assertNothingLeft(h);
        }
    }

    @Test
    void aConsoleHangUpDuringPlacementEndsTheCallTheSameWay() throws Exception {
        try (BridgeHarness h = BridgeHarness.start()) {
            CompletableFuture<HttpResponse<String>> placing = placeHeld(h);
            String id = onlyCallId(h);

            assertTrue(h.bridge.calls().hangUp(id), "the console's hang-up is taken");
            h.twilio.releaseCreates();
            placing.get(10, TimeUnit.SECONDS);

            assertEquals("canceled", h.twilio.awaitUpdate(Duration.ofSeconds(10)).param("Status"));
            JsonNode record = h.awaitCall(id, c -> c.path("endedAt").isTextual(), Duration.ofSeconds(5));
            assertEquals("operator_hung_up", record.path("endReason").asText());
            assertNothingLeft(h);
        }
    }

    @Test
    void stoppingTheBridgeDuringPlacementCancelsTheCallAndRecordsWhy() throws Exception {
        try (BridgeHarness h = BridgeHarness.start()) {
            CompletableFuture<HttpResponse<String>> placing = placeHeld(h);
            String id = onlyCallId(h);

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(h.bridge::close);
            Thread.sleep(300); // the bridge is stopping while Twilio still has not answered
            h.twilio.releaseCreates();
            stopping.get(20, TimeUnit.SECONDS);
            placing.handle((r, e) -> null).get(10, TimeUnit.SECONDS);

            assertEquals("canceled", h.twilio.awaitUpdate(Duration.ofSeconds(5)).param("Status"),
                    "the bridge did not stop before the ringing call was canceled");
            assertEquals(0, h.bridge.calls().liveSessions(), "a session outlived the bridge");
            assertEquals(0, h.realtime.connectionsSoFar(), "a model socket was opened for an ended call");
            try (SqlCallStore store = SqlCallStore.sqlite(h.dataDir, app.highway.config.Json.mapper())) {
                CallSnapshot stored = store.find(id).orElseThrow();
                assertEquals("canceled", stored.state().wire(), stored.toString());
                assertEquals("bridge_shutdown", stored.endReason());
            }
        }
    }

    private static void assertNothingLeft(BridgeHarness h) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (h.bridge.calls().liveSessions() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, h.bridge.calls().liveSessions(), "the call's session is still held");
        assertEquals(0, h.bridge.calls().outstandingStreamTokens(), "a stream token is still valid");
        Thread.sleep(300); // a model socket opened late would show up by now
        assertEquals(0, h.realtime.connectionsSoFar(), "a model socket was opened for a call already ended");
        assertTrue(h.twilio.updatesSoFar().isEmpty(), "canceled once: " + h.twilio.updatesSoFar());
    }
}
