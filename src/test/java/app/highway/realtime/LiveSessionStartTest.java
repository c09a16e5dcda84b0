package app.highway.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.config.CallSettings;
import app.highway.config.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * GPT-Live's session.start carries the same tools, with the same schemas, as the Realtime session.update, and
 * nothing GPT-Live's strict session would reject; the model name alone picks the dialect.
 */
@Tag("unit")
class LiveSessionStartTest {
    private final CallSettings settings = CallSettings.defaults("gpt-live-1");

    @Test
    void theToolsAreTheRealtimeOnesDelegatedWithTheSameSchemas() {
        JsonNode live = LiveSessionStart.build(Json.mapper(), settings).at("/session/delegation/responses/tools");
        JsonNode realtime = SessionUpdate.build(Json.mapper(), CallSettings.defaults("gpt-realtime"))
                .at("/session/tools");
        assertEquals(realtime, live, "the same two functions, names, descriptions and parameters");
    }

    @Test
    void onlyWhatGptLiveAcceptsIsSentAndItsOwnVoices() {
        JsonNode start = LiveSessionStart.build(Json.mapper(), settings);
        assertEquals("session.start", start.path("type").asText());
        assertEquals(LiveEvents.START_EVENT_ID, start.path("event_id").asText());
        JsonNode s = start.path("session");
        List<String> fields = new java.util.ArrayList<>();
        s.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("model", "instructions", "audio", "delegation"), fields);
        assertEquals("{\"type\":\"audio/pcmu\",\"rate\":8000}", s.at("/audio/format").toString());
        assertEquals("marin", s.at("/audio/output/voice").asText(), "shimmer is not a GPT-Live voice");
        for (String voice : CallSettings.LIVE_VOICES) {
            assertEquals(voice, LiveSessionStart.voice(voice));
        }
        assertEquals("cinder", LiveSessionStart.build(Json.mapper(), new CallSettings("gpt-live-1", "cinder", 0.6,
                0.95, 300, 500, "whisper-1", 300, 30, "Hi", "SYSTEM:({code})", 1)).at("/session/audio/output/voice")
                .asText());
        assertEquals("marin", SessionUpdate.voice("cinder"), "a GPT-Live voice kept for a Realtime model");
        assertEquals("shimmer", SessionUpdate.voice("shimmer"));
    }

    @Test
    void theModelNamePicksTheDialectAndGptLivesUrlIsBesideTheRealtimeOne() {
        assertTrue(RealtimeDialect.isGptLive("gpt-live-1"));
        assertTrue(RealtimeDialect.isGptLive("gpt-live-1.1-2026-11-20"));
        assertFalse(RealtimeDialect.isGptLive("gpt-realtime"));
        assertFalse(RealtimeDialect.isGptLive("gpt-4o-realtime-preview"));
        assertEquals("GPT-Live", RealtimeDialect.of("gpt-live-1"));
        assertEquals("Realtime", RealtimeDialect.of("gpt-realtime-mini"));
        assertEquals(URI.create("wss://api.openai.com/v1/live/sessions"),
                LiveDialect.beside(URI.create("wss://api.openai.com/v1/realtime")));
        assertEquals(URI.create("ws://127.0.0.1:4567/v1/live/sessions"),
                LiveDialect.beside(URI.create("ws://127.0.0.1:4567/v1/realtime?x=1")));
    }
}
