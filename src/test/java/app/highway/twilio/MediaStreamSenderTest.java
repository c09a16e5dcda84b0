package app.highway.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.config.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What the bridge sends down a media stream, exactly as Twilio's Media Streams accept it. */
@Tag("unit")
class MediaStreamSenderTest {
    private final ObjectMapper json = Json.mapper();
    private final List<String> sent = new ArrayList<>();
    private final List<String> closed = new ArrayList<>();
    private final MediaStreamSender sender = new MediaStreamSender(new MediaSink() {
        @Override
        public void sendText(String message) {
            sent.add(message);
        }

        @Override
        public void close(int code, String reason) {
            closed.add(code + " " + reason);
        }
    }, "MZ1");

    @Test
    void writesMediaMarkAndClearForItsStream() throws Exception {
        sender.sendAudio("//79");
        sender.mark("end-1");
        sender.clear();
        assertEquals(List.of(
                "{\"event\":\"media\",\"streamSid\":\"MZ1\",\"media\":{\"payload\":\"//79\"}}",
                "{\"event\":\"mark\",\"streamSid\":\"MZ1\",\"mark\":{\"name\":\"end-1\"}}",
                "{\"event\":\"clear\",\"streamSid\":\"MZ1\"}"), sent);
        for (String message : sent) {
            assertEquals("MZ1", json.readTree(message).path("streamSid").asText(), "valid JSON: " + message);
        }
        sender.close(1000, "call ended");
        assertEquals(List.of("1000 call ended"), closed);
    }

    @Test
    void markNamesAreEscaped() throws Exception {
        sender.mark("a \"quoted\" \\ name");
        JsonNode mark = json.readTree(sent.get(0));
        assertEquals("a \"quoted\" \\ name", mark.path("mark").path("name").asText());
    }

    @Test
    void audioIsCheckedAndMeasuredWithoutDecoding() {
        String twentyMs = java.util.Base64.getEncoder().encodeToString(new byte[160]);
        assertTrue(MediaStreamSender.isAudio(twentyMs));
        assertFalse(MediaStreamSender.isAudio("not base64!"));
        assertEquals(20, MediaStreamSender.millis(twentyMs), "μ-law at 8 kHz: 8 bytes a millisecond");
    }
}
