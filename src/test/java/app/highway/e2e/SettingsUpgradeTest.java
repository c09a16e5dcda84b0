package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.config.CallSettings;
import app.highway.support.BridgeHarness;
import app.highway.support.StreamConsoles;
import app.highway.support.StreamRecorder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A bridge on the zero-configuration SQLite store, started as a user would: an upgraded install keeps the
 * settings, system-message versions and prices it had in files (imported into the store at the first start,
 * the files renamed and never read again, a later save kept across a restart); a fresh install starts with the
 * defaults; every console attached to the bridge is told when a save changes them.
 */
@Tag("e2e")
class SettingsUpgradeTest {
    private static final String OWNER = BridgeHarness.API_TOKEN;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void anUpgradedBridgeKeepsWhatItsFilesHeldAndThenOnlyTheStoreCounts() throws Exception {
        Path data = Files.createTempDirectory("highway-upgrade");
        CallSettings d = CallSettings.defaults("gpt-realtime");
        CallSettings old = new CallSettings(d.model(), "ballad", d.temperature(), 0.8, d.prefixPaddingMs(),
                d.silenceDurationMs(), d.transcriptionModel(), d.maxCallSeconds(), d.ringTimeoutSeconds(),
                "Old instructions.", "{code}", 2);
        Files.writeString(data.resolve("settings.json"), json.writeValueAsString(old));
        Files.writeString(data.resolve("prompts.json"), """
                [{"version":1,"savedAt":"1970-01-01T00:00:00Z","instructions":"seed","verificationTemplate":"{code}"},
                 {"version":2,"savedAt":"2026-01-02T10:00:00Z","instructions":"Old instructions.",
                  "verificationTemplate":"{code}","savedBy":"olive"}]""");
        Files.writeString(data.resolve("prices.json"), "{\"gpt-realtime\":{\"textInput\":4.0,\"cachedTextInput\":0.4,"
                + "\"textOutput\":16.0,\"audioInput\":31.0,\"cachedAudioInput\":0.4,\"audioOutput\":62.0}}");
        Map<String, String> env = Map.of("HIGHWAY_DATA_DIR", data.toString());
        try (BridgeHarness h = BridgeHarness.start(env)) {
            assertEquals(old, json.readValue(ok(h.get("/settings", OWNER)).toString(), CallSettings.class));
            JsonNode versions = ok(h.get("/prompts", OWNER)).path("versions");
            assertEquals(2, versions.size(), versions.toString());
            assertEquals("olive", versions.get(1).path("savedBy").asText());
            assertEquals(62.0, ok(h.get("/prices", OWNER)).path("models").path("gpt-realtime").path("audioOutput")
                    .asDouble());
            for (String file : List.of("settings.json", "prompts.json", "prices.json")) {
                assertFalse(Files.exists(data.resolve(file)), file);
                assertTrue(Files.exists(data.resolve(file + ".imported")), file);
            }
            ObjectNode edited = (ObjectNode) ok(h.get("/settings", OWNER));
            edited.put("voice", "verse");
            ok(h.put("/settings", edited.toString(), OWNER));
        }
        // an old file put back is not read: after the restart the bridge has what was last saved
        Files.writeString(data.resolve("settings.json"), json.writeValueAsString(old));
        try (BridgeHarness h = BridgeHarness.start(env)) {
            assertEquals("verse", ok(h.get("/settings", OWNER)).path("voice").asText());
            assertEquals(2, ok(h.get("/prompts", OWNER)).path("versions").size());
        }
    }

    @Test
    void aFreshBridgeStartsWithTheDefaultsAndTellsItsConsolesOfEverySave() throws Exception {
        Path data = Files.createTempDirectory("highway-fresh");
        try (BridgeHarness h = BridgeHarness.start(Map.of("HIGHWAY_DATA_DIR", data.toString()));
                StreamConsoles consoles = new StreamConsoles()) {
            JsonNode settings = ok(h.get("/settings", OWNER));
            assertEquals("shimmer", settings.path("voice").asText());
            assertEquals(0.95, settings.path("vadThreshold").asDouble());
            assertEquals(CallSettings.SEED_SYSTEM_MESSAGE, settings.path("instructions").asText());
            JsonNode versions = ok(h.get("/prompts", OWNER)).path("versions");
            assertEquals(1, versions.size());
            assertEquals(CallSettings.SEED_SYSTEM_MESSAGE, versions.get(0).path("instructions").asText());

            StreamRecorder console = consoles.connect(h.baseUrl(), OWNER);
            console.awaitSnapshot(1, WAIT);
            ObjectNode edited = (ObjectNode) settings;
            edited.put("voice", "coral");
            ok(h.put("/settings", edited.toString(), OWNER));
            HttpResponse<String> version = h.post("/prompts", "application/json",
                    "{\"instructions\":\"New.\",\"verificationTemplate\":\"{code}\"}", OWNER);
            assertEquals(201, version.statusCode(), version.body());
            StreamConsoles.await("the console told of both saves", () -> console.settingsChanges().containsAll(
                    List.of(List.of("settings"), List.of("prompts"))), WAIT);
        }
    }

    private JsonNode ok(HttpResponse<String> r) throws Exception {
        assertEquals(200, r.statusCode(), r.body());
        return json.readTree(r.body());
    }
}
