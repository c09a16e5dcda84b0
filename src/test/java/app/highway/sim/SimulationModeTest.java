package app.highway.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.Bridge;
import app.highway.config.AppConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * With no credentials, the bridge runs believable simulated calls through the same code: the
 * simulated carrier streams over the real media endpoint, the simulated model speaks GA.
 */
@Tag("e2e")
class SimulationModeTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void simulatedCallsRunToTheEndWithTranscriptReflectionAndCost() throws Exception {
        AppConfig config = AppConfig.from(Map.of(
                "PORT", "0",
                "HIGHWAY_API_TOKEN", "sim-token",
                "HIGHWAY_DATA_DIR", Files.createTempDirectory("highway-sim").toString(),
                "TWILIO_CALLS_PER_SECOND", "20"));
        try (Bridge bridge = Bridge.start(config, true)) {
            String base = "http://127.0.0.1:" + bridge.port();
            JsonNode health = get(base + "/health");
            assertEquals("simulation", health.path("mode").asText());

            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/call-customer"))
                        .header("Authorization", "Bearer sim-token")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"to\":\"+120255501" + (10 + i) + "\",\"verification\":\"98" + i + "1\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(201, r.statusCode(), r.body());
                JsonNode answer = json.readTree(r.body());
                assertTrue(answer.path("simulated").asBoolean());
                assertTrue(answer.path("callSid").asText().startsWith("CA"));
                ids.add(answer.path("id").asText());
            }
            long deadline = System.nanoTime() + 40_000_000_000L;
            for (String id : ids) {
                JsonNode call = get(base + "/calls/" + id);
                while (!call.path("endedAt").isTextual() && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                    call = get(base + "/calls/" + id);
                }
                assertEquals("completed", call.path("state").asText(), call.toString());
                assertEquals("assistant_hung_up", call.path("endReason").asText(), call.toString());
                assertTrue(call.path("simulated").asBoolean());
                String reflection = call.path("reflection").asText();
                assertTrue(reflection.equals("successful_call") || reflection.equals("unsuccessful_call"), reflection);
                JsonNode transcript = call.path("transcript");
                assertTrue(transcript.size() >= 3, transcript.toString());
                assertEquals("assistant", transcript.get(0).path("speaker").asText());
                assertEquals("caller", transcript.get(1).path("speaker").asText());
                assertTrue(transcript.get(0).path("text").asText().contains("code is"), transcript.toString());
                assertTrue(call.path("usage").path("outputAudioTokens").asLong() > 0);
                assertTrue(call.path("costUsd").asDouble() > 0);
                assertTrue(call.path("transcriptionCostUsd").asDouble() > 0, "the caller's words are transcribed at a price");
                assertEquals(call.path("voiceCostUsd").asDouble() + call.path("transcriptionCostUsd").asDouble(),
                        call.path("costUsd").asDouble(), 1e-8);
            }
            assertEquals(0, get(base + "/health").path("activeCalls").asInt());
        }
    }

    /**
     * The model setting picks the simulation's dialect too: gpt-live-1 plays the same calls in GPT-Live's events
     * (session.start, transcripts without items, the tools through a delegated response, the session's seconds
     * priced per minute), and switching back to gpt-realtime takes effect on the next call, with no restart.
     */
    @Test
    void theSimulationPlaysGptLiveWhenTheModelSettingSaysSo() throws Exception {
        AppConfig config = AppConfig.from(Map.of(
                "PORT", "0",
                "HIGHWAY_API_TOKEN", "sim-token",
                "HIGHWAY_DATA_DIR", Files.createTempDirectory("highway-sim-live").toString(),
                "TWILIO_CALLS_PER_SECOND", "20"));
        try (Bridge bridge = Bridge.start(config, true)) {
            String base = "http://127.0.0.1:" + bridge.port();
            var settings = bridge.console().settings();
            settings.save(settings.current().withModel("gpt-live-1"));
            JsonNode live = runToTheEnd(base, "+12025550140", "4321");
            assertEquals("gpt-live-1", live.path("model").asText());
            assertTrue(live.path("costUsd").asDouble() > 0, "the session's seconds at GPT-Live's price: " + live);
            assertEquals(0, live.path("usage").path("outputAudioTokens").asLong(), "GPT-Live bills time, not tokens");
            assertTrue(live.path("transcript").get(0).path("text").asText().contains("code is"), live.toString());

            settings.save(settings.current().withModel("gpt-realtime"));
            JsonNode realtime = runToTheEnd(base, "+12025550141", "8765");
            assertEquals("gpt-realtime", realtime.path("model").asText());
            assertTrue(realtime.path("usage").path("outputAudioTokens").asLong() > 0, realtime.toString());
        }
    }

    /** Places one call and waits for its end: completed by the assistant, with a transcript and a reflection. */
    private JsonNode runToTheEnd(String base, String to, String code) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/call-customer"))
                .header("Authorization", "Bearer sim-token")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"" + to + "\",\"verification\":\"" + code
                        + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        String id = json.readTree(r.body()).path("id").asText();
        long deadline = System.nanoTime() + 40_000_000_000L;
        JsonNode call = get(base + "/calls/" + id);
        while (!call.path("endedAt").isTextual() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            call = get(base + "/calls/" + id);
        }
        assertEquals("completed", call.path("state").asText(), call.toString());
        assertEquals("assistant_hung_up", call.path("endReason").asText(), call.toString());
        String reflection = call.path("reflection").asText();
        assertTrue(reflection.equals("successful_call") || reflection.equals("unsuccessful_call"), call.toString());
        JsonNode transcript = call.path("transcript");
        assertTrue(transcript.size() >= 3, transcript.toString());
        assertEquals("assistant", transcript.get(0).path("speaker").asText());
        assertEquals("caller", transcript.get(1).path("speaker").asText());
        return call;
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer sim-token").GET().build(), HttpResponse.BodyHandlers.ofString());
        return json.readTree(r.body());
    }
}
