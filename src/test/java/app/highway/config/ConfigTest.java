package app.highway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.realtime.SessionUpdate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ConfigTest {
    @Test
    void defaultsFollowTheContract() {
        AppConfig c = AppConfig.from(Map.of("HIGHWAY_DATA_DIR", "/tmp/x"));
        assertEquals("wss://api.openai.com/v1/realtime", c.realtimeUrl().toString());
        assertEquals("gpt-realtime", c.realtimeModel());
        assertEquals("https://api.twilio.com", c.twilioApiBaseUrl().toString());
        assertEquals(3000, c.port());
        assertEquals(1.0, c.callsPerSecond());
        assertEquals(4, c.missingForLiveCalls().size());
    }

    @Test
    void streamAndCallbackUrlsComeFromThePublicBaseUrl() {
        AppConfig https = AppConfig.from(Map.of("PUBLIC_BASE_URL", "https://abc.ngrok.app/"));
        assertEquals("wss://abc.ngrok.app/media-stream", https.mediaStreamUrl());
        assertEquals("https://abc.ngrok.app/twilio/status", https.statusCallbackUrl());
        AppConfig local = AppConfig.from(Map.of("PUBLIC_BASE_URL", "http://127.0.0.1:3000"));
        assertEquals("ws://127.0.0.1:3000/media-stream", local.mediaStreamUrl());
    }

    @Test
    void secretsNeverPrintInFull() {
        AppConfig c = AppConfig.from(Map.of("OPENAI_API_KEY", "sk-proj-abcdefghijklmnopqrstuvwxyz123456",
                "TWILIO_AUTH_TOKEN", "0123456789abcdef0123456789abcdef"));
        String printed = c.toString();
        assertFalse(printed.contains("abcdefghijklmnopqrstuvwxyz"), printed);
        assertFalse(printed.contains("0123456789abcdef0123456789abcdef"), printed);
    }

    @Test
    void badNumbersNameTheVariable() {
        ConfigException e = assertThrows(ConfigException.class, () -> AppConfig.from(Map.of("PORT", "http")));
        assertTrue(e.getMessage().contains("PORT"));
        assertThrows(ConfigException.class, () -> AppConfig.from(Map.of("TWILIO_CALLS_PER_SECOND", "0")));
    }

    @Test
    void settingsPersistAndInvalidOnesAreRefused() throws Exception {
        Path dir = Files.createTempDirectory("highway-settings");
        try (var db = app.highway.store.SqlCallStore.sqlite(dir, Json.mapper())) {
        SettingsStore store = new SettingsStore(db.shared(), CallSettings.defaults("gpt-realtime"), dir);
        CallSettings d = store.current();
        CallSettings edited = new CallSettings("gpt-realtime-mini", "marin", 0.8, 0.7, 200, 600,
                "whisper-1", 120, 20, "Be brief.", "SYSTEM:(Code {code})", 2);
        store.save(edited);
        assertEquals(edited, new SettingsStore(db.shared(), d, dir).current());
        CallSettings bad = new CallSettings("gpt-realtime", "robot", 0.6, 1.5, 300, 500, "whisper-1", 300, 30,
                "x", "no placeholder", 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.save(bad));
        assertTrue(e.getMessage().contains("voice") && e.getMessage().contains("threshold")
                && e.getMessage().contains("{code}"), e.getMessage());
        assertEquals("SYSTEM:(Code 9 8 7)", edited.verificationMessage("987"));
        }
    }

    @Test
    void sessionUpdateNeverCarriesTemperature() {
        var update = SessionUpdate.build(Json.mapper(), CallSettings.defaults("gpt-realtime"));
        assertFalse(update.path("session").has("temperature"));
        assertEquals("session.update", update.path("type").asText());
    }

    @Test
    void anApiTokenIsGeneratedOnceAndKept() throws Exception {
        Path dir = Files.createTempDirectory("highway-token");
        AppConfig c = AppConfig.from(Map.of("HIGHWAY_DATA_DIR", dir.toString()));
        Secret first = ApiTokens.resolve(c);
        assertEquals(48, first.reveal().length());
        assertEquals(first.reveal(), ApiTokens.resolve(c).reveal());
        assertEquals("given", ApiTokens.resolve(AppConfig.from(Map.of("HIGHWAY_API_TOKEN", "given",
                "HIGHWAY_DATA_DIR", dir.toString()))).reveal());
    }

    @Test
    void theDefaultCountryIsATwoLetterCodeAndOptional() {
        assertEquals("", AppConfig.from(Map.of("HIGHWAY_DATA_DIR", "/tmp/x")).defaultCountry());
        assertEquals("US", AppConfig.from(Map.of("HIGHWAY_DATA_DIR", "/tmp/x", "HIGHWAY_DEFAULT_COUNTRY", " us"))
                .defaultCountry());
        ConfigException e = assertThrows(ConfigException.class, () -> AppConfig.from(Map.of("HIGHWAY_DATA_DIR",
                "/tmp/x", "HIGHWAY_DEFAULT_COUNTRY", "USA")));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("HIGHWAY_DEFAULT_COUNTRY"));
    }

    @Test
    void theApiTokenFileIsNamedUnlessTheEnvironmentSetsIt() {
        AppConfig generated = AppConfig.from(Map.of("HIGHWAY_DATA_DIR", "/tmp/x"));
        assertEquals(java.util.Optional.of(java.nio.file.Path.of("/tmp/x/api-token")), ApiTokens.file(generated));
        assertEquals(java.util.Optional.empty(), ApiTokens.file(AppConfig.from(Map.of("HIGHWAY_DATA_DIR", "/tmp/x",
                "HIGHWAY_API_TOKEN", "given"))));
    }
}
