package app.highway.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The simulation shows answering machines and keypads: with detection on, a number ending in 7 is answered by
 * a machine (the callback message is left, never the code), and the callee of a number ending in 3 presses 1 and
 * hears the code again.
 */
@Tag("e2e")
class SimulatedVoicemailTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aSimulatedMachineGetsTheMessageAndASimulatedCalleePressesOne() throws Exception {
        AppConfig config = AppConfig.from(Map.of(
                "PORT", "0",
                "HIGHWAY_API_TOKEN", "sim-token",
                "HIGHWAY_DATA_DIR", Files.createTempDirectory("highway-sim").toString(),
                "TWILIO_CALLS_PER_SECOND", "20",
                "HIGHWAY_VOICEMAIL", "message"));
        try (Bridge bridge = Bridge.start(config, true)) {
            String base = "http://127.0.0.1:" + bridge.port();
            String machine = place(base, "+12025550117", "9812");
            String keypad = place(base, "+12025550113", "9813");

            JsonNode voicemail = awaitEnd(base, machine);
            assertEquals("voicemail:machine_end_beep", voicemail.path("endReason").asText(), voicemail.toString());
            String said = voicemail.path("transcript").toString();
            assertTrue(said.contains("Please call us back"), said);
            assertFalse(said.contains("code is"), "the machine heard the greeting with the code: " + said);

            JsonNode pressed = awaitEnd(base, keypad);
            assertTrue(pressed.path("timeline").toString().contains("caller pressed 1"), pressed.toString());
            assertTrue(pressed.path("transcript").toString().contains("Of course. Your code is"),
                    pressed.path("transcript").toString());
        }
    }

    private String place(String base, String to, String code) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/call-customer"))
                .header("Authorization", "Bearer sim-token").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"" + to + "\",\"verification\":\"" + code + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        return json.readTree(r.body()).path("id").asText();
    }

    private JsonNode awaitEnd(String base, String id) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        JsonNode call = get(base + "/calls/" + id);
        while (!call.path("endedAt").isTextual() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            call = get(base + "/calls/" + id);
        }
        assertTrue(call.path("endedAt").isTextual(), call.toString());
        return call;
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer sim-token").GET().build(), HttpResponse.BodyHandlers.ofString());
        return json.readTree(r.body());
    }
}
