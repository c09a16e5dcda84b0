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
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Without credentials, a supervisor's powers work on a simulated call as on a real one. */
@Tag("e2e")
class SimulatedPowersTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private String base;

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer sim-token")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode call(String id) throws Exception {
        return json.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/calls/" + id))
                .header("Authorization", "Bearer sim-token").build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Polls the call's record every 100 ms (the simulation speaks in real time) until {@code test} holds. */
    private JsonNode await(String id, String what, java.util.function.Predicate<JsonNode> test) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode last = call(id);
        while (!test.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within 30 s: " + what + "; the call: " + last);
            }
            Thread.sleep(100);
            last = call(id);
        }
        return last;
    }

    @Test
    void muteSayWhisperAndTransferWorkOnASimulatedCall() throws Exception {
        AppConfig config = AppConfig.from(Map.of(
                "PORT", "0",
                "HIGHWAY_API_TOKEN", "sim-token",
                "HIGHWAY_DATA_DIR", Files.createTempDirectory("highway-sim-powers").toString()));
        try (Bridge bridge = Bridge.start(config, true)) {
            base = "http://127.0.0.1:" + bridge.port();
            HttpResponse<String> placed = post("/call-customer", "{\"to\":\"+12025550110\",\"verification\":\"9871\"}");
            assertEquals(201, placed.statusCode(), placed.body());
            String id = json.readTree(placed.body()).path("id").asText();
            await(id, "the assistant speaks", c -> c.path("transcript").size() > 0);

            HttpResponse<String> muted = post("/calls/" + id + "/mute", "");
            assertEquals(200, muted.statusCode(), muted.body());
            assertEquals(409, post("/calls/" + id + "/say", "{\"text\":\"Hello\"}").statusCode());
            assertEquals(200, post("/calls/" + id + "/unmute", "").statusCode());
            assertEquals(202, post("/calls/" + id + "/whisper", "{\"text\":\"be brief\"}").statusCode());
            assertEquals(202, post("/calls/" + id + "/say", "{\"text\":\"Please hold the line.\"}").statusCode());
            JsonNode said = await(id, "the assistant says the words", c -> c.path("transcript").toString()
                    .contains("\"assistant\",\"text\":\"Please hold the line.\""));
            assertTrue(said.path("transcript").toString().contains("\"supervisor\",\"text\":\"be brief\""),
                    said.toString());

            HttpResponse<String> moved = post("/calls/" + id + "/transfer", "{\"to\":\"+12025550199\"}");
            assertEquals(202, moved.statusCode(), moved.body());
            JsonNode ended = await(id, "the call ends transferred", c -> c.path("endedAt").isTextual());
            assertEquals("transferred", ended.path("endReason").asText(), ended.toString());
            assertEquals(0, bridge.calls().liveSessions());
        }
    }
}
