package app.highway.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.config.CallSettings;
import app.highway.config.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Muting the assistant keeps the caller's turn detection exactly as set up, only without answers. */
@Tag("unit")
class SessionUpdateTest {
    private final CallSettings settings = CallSettings.defaults("gpt-realtime");

    @Test
    void turningAnswersOffKeepsTheVadAsTheCallWasSetUp() {
        JsonNode setUp = SessionUpdate.build(Json.mapper(), settings).at("/session/audio/input/turn_detection");
        JsonNode off = SessionUpdate.turnDetection(Json.mapper(), settings, false);

        assertEquals("session.update", off.path("type").asText());
        assertEquals("realtime", off.at("/session/type").asText());
        JsonNode vad = off.at("/session/audio/input/turn_detection");
        assertFalse(vad.path("create_response").asBoolean(true));
        assertFalse(vad.path("interrupt_response").asBoolean(true));
        for (String kept : new String[] {"type", "threshold", "prefix_padding_ms", "silence_duration_ms"}) {
            assertEquals(setUp.path(kept), vad.path(kept), kept);
        }
        assertEquals(1, off.path("session").path("audio").size(), "only the input's turn detection changes");
        assertFalse(off.path("session").has("instructions"), "the instructions are left as they are");
    }

    @Test
    void turningAnswersBackOnIsTheSetUpsTurnDetection() {
        JsonNode setUp = SessionUpdate.build(Json.mapper(), settings).at("/session/audio/input/turn_detection");
        JsonNode on = SessionUpdate.turnDetection(Json.mapper(), settings, true).at("/session/audio/input/turn_detection");
        assertEquals(setUp, on);
        assertTrue(on.path("create_response").asBoolean());
    }
}
