package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.support.BridgeHarness;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The caller's keypad end to end: Twilio's {@code dtmf} messages on the media stream reach the assistant as
 * system messages, show on the call's timeline, and "it was not me" (9) is recorded as the call's outcome.
 */
@Tag("e2e")
class KeypadTest {

    private static boolean hasTimeline(JsonNode call, String kind, String detailPart) {
        for (JsonNode e : call.path("timeline")) {
            if (kind.equals(e.path("kind").asText()) && e.path("detail").asText().contains(detailPart)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode systemMessage(List<JsonNode> sent) {
        for (JsonNode m : sent) {
            JsonNode item = m.path("item");
            if ("conversation.item.create".equals(m.path("type").asText()) && "system".equals(item.path("role").asText())) {
                return item;
            }
        }
        throw new AssertionError("no system message reached the model: " + sent);
    }

    @Test
    void pressingOneAsksTheAssistantToReadTheCodeAgain() throws Exception {
        try (BridgeHarness h = BridgeHarness.start()) {
            LiveCall call = LiveCall.answered(h, "4711");
            call.stream.sendDtmf("5"); // no meaning: only noted
            call.stream.sendDtmf("1");
            List<JsonNode> sent = call.model.messagesUntil("response.create", m -> true);
            JsonNode told = systemMessage(sent);
            String text = told.path("content").get(0).path("text").asText();
            assertTrue(text.contains("pressed 1") && text.contains("code again"), text);
            assertEquals(2, sent.size(), "only the key 1 reached the model, then a response was asked: " + sent);

            JsonNode record = h.awaitCall(call.id, c -> hasTimeline(c, "keypad", "pressed 1"), Duration.ofSeconds(5));
            assertTrue(hasTimeline(record, "keypad", "pressed 5: no action"), record.toString());
            call.stream.sendStop();
            JsonNode ended = h.awaitCall(call.id, c -> c.path("endedAt").isTextual(), Duration.ofSeconds(5));
            assertEquals("caller_hung_up", ended.path("endReason").asText(), "pressing 1 is no outcome of its own");
        }
    }

    @Test
    void pressingNineRecordsNotMeAndTheCallEnds() throws Exception {
        try (BridgeHarness h = BridgeHarness.withVirtualTimers(Map.of())) {
            LiveCall call = LiveCall.answered(h, "4711");
            call.stream.sendDtmf("9");
            JsonNode told = systemMessage(call.model.messagesUntil("response.create", m -> true));
            String text = told.path("content").get(0).path("text").asText();
            assertTrue(text.contains("pressed 9") && text.contains("Do not read or repeat the code"), text);
            JsonNode live = h.awaitCall(call.id, c -> hasTimeline(c, "keypad", "pressed 9"), Duration.ofSeconds(5));
            assertEquals("in-progress", live.path("state").asText(), "the assistant says goodbye first");

            // the assistant never calls hang_up_call here: the bridge ends the call after the grace
            h.timers.advance(Duration.ofSeconds(20));
            assertEquals("completed", h.twilio.awaitUpdate(Duration.ofSeconds(5)).param("Status"));
            JsonNode ended = h.awaitCall(call.id, c -> c.path("endedAt").isTextual(), Duration.ofSeconds(5));
            assertEquals("not_me", ended.path("endReason").asText(), ended.toString());
        }
    }
}
