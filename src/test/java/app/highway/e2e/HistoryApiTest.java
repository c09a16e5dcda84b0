package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.support.BridgeHarness;
import app.highway.support.ServerEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Past calls stay answerable through the API, page by page, exportable, deletable, across restarts. */
@Tag("e2e")
class HistoryApiTest {

    private static String finishedCall(BridgeHarness h, String code, String reflection) throws Exception {
        LiveCall call = LiveCall.answered(h, code);
        call.model.send(ServerEvents.outputItemAdded("r1", "a1"));
        call.model.send(ServerEvents.transcriptDone("r1", "a1", "Your code is " + String.join(" ", code.split(""))
                + ". Goodbye."));
        call.model.send(ServerEvents.functionCall("r1", "call_reflection_data", "f1", "{\"status\":\"" + reflection
                + "\"}"));
        call.model.send(ServerEvents.responseDone("r1", 100, 0, 0, 10, 40));
        h.awaitCall(call.callSid, c -> c.path("usage").path("totalTokens").asLong() == 150
                && reflection.equals(c.path("reflection").asText()), Duration.ofSeconds(5));
        call.stream.sendStop();
        h.awaitCall(call.callSid, c -> "completed".equals(c.path("state").asText()), Duration.ofSeconds(5));
        return call.callSid;
    }

    @Test
    void finishedCallsSurviveARestartAndNeverShowTheCode() throws Exception {
        String callSid;
        java.nio.file.Path data;
        try (BridgeHarness h = BridgeHarness.start()) {
            callSid = finishedCall(h, "908172", "successful_call");
            data = h.dataDir;
        }
        try (BridgeHarness again = BridgeHarness.start(java.util.Map.of("HIGHWAY_DATA_DIR", data.toString()))) {
            JsonNode call = again.call(callSid);
            assertEquals("completed", call.path("state").asText());
            assertEquals("successful_call", call.path("reflection").asText());
            assertEquals("caller_hung_up", call.path("endReason").asText());
            assertEquals("Your code is [code]. Goodbye.", call.path("transcript").get(0).path("text").asText());
            assertEquals(150, call.path("usage").path("totalTokens").asLong());
            assertEquals("gpt-realtime", call.path("settings").path("model").asText());
            assertFalse(call.toString().contains("9 0 8 1 7 2") || call.toString().contains("908172"));
        }
    }

    @Test
    void listingPagesFiltersExportsAndDeletes() throws Exception {
        try (BridgeHarness h = BridgeHarness.start()) {
            Set<String> sids = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                sids.add(finishedCall(h, "55" + i + "1", i == 1 ? "unsuccessful_call" : "successful_call"));
            }
            JsonNode first = h.json(h.get("/calls?limit=2", BridgeHarness.API_TOKEN).body());
            assertEquals(2, first.path("calls").size());
            String cursor = first.path("nextCursor").asText();
            JsonNode second = h.json(h.get("/calls?limit=2&cursor=" + cursor, BridgeHarness.API_TOKEN).body());
            assertEquals(1, second.path("calls").size());
            assertTrue(second.path("nextCursor").isNull());

            JsonNode unsuccessful = h.json(h.get("/calls?reflection=unsuccessful_call", BridgeHarness.API_TOKEN).body());
            assertEquals(1, unsuccessful.path("calls").size());
            JsonNode today = h.json(h.get("/calls?from=" + java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                    + "&state=completed", BridgeHarness.API_TOKEN).body());
            assertEquals(3, today.path("calls").size());
            assertEquals(400, h.get("/calls?state=exploded", BridgeHarness.API_TOKEN).statusCode());
            assertEquals(400, h.get("/calls?from=yesterday", BridgeHarness.API_TOKEN).statusCode());
            assertEquals(400, h.get("/calls?limit=0", BridgeHarness.API_TOKEN).statusCode());

            HttpResponse<String> csv = h.get("/calls/export.csv", BridgeHarness.API_TOKEN);
            assertEquals(200, csv.statusCode());
            assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
            String[] lines = csv.body().split("\n");
            assertTrue(lines[0].startsWith("id,callSid,to,state,reflection"), lines[0]);
            assertTrue(csv.body().contains("+1555•••6543"), "numbers masked by default");
            assertFalse(csv.body().contains("+15559876543"));
            assertTrue(h.get("/calls/export.csv?maskNumbers=false", BridgeHarness.API_TOKEN).body()
                    .contains("+15559876543"));
            JsonNode exported = h.json(h.get("/calls/export.json", BridgeHarness.API_TOKEN).body());
            assertEquals(3, exported.size());
            assertEquals(401, h.get("/calls/export.csv", null).statusCode());

            String victim = sids.iterator().next();
            assertEquals(204, h.delete("/calls/" + victim).statusCode());
            assertEquals(404, h.get("/calls/" + victim, BridgeHarness.API_TOKEN).statusCode());
            assertEquals(404, h.delete("/calls/" + victim).statusCode());
            assertEquals(2, h.json(h.get("/calls", BridgeHarness.API_TOKEN).body()).path("calls").size());

            LiveCall live = LiveCall.answered(h, "123");
            assertEquals(409, h.delete("/calls/" + live.callSid).statusCode(), "a live call's record stays");
        }
    }
}
