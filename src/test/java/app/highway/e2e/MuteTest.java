package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.call.Steering;
import app.highway.support.BridgeHarness;
import app.highway.support.ServerEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Muting the assistant in the call core, against the fake model and carrier: it stops speaking at once
 * (the response under way cancelled, Twilio's buffer cleared, what the caller did not hear truncated),
 * the caller is still heard and transcribed but not answered, and unmuting turns answering back on.
 */
@Tag("e2e")
class MuteTest {
    private BridgeHarness h;

    @BeforeEach
    void start() throws Exception {
        h = BridgeHarness.start();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private static boolean turns(JsonNode m, boolean respond) {
        JsonNode vad = m.path("session").path("audio").path("input").path("turn_detection");
        return vad.has("create_response") && vad.path("create_response").asBoolean() == respond;
    }

    @Test
    void muteCutsTheAssistantOffAndNothingIsAnsweredUntilUnmuted() throws Exception {
        LiveCall call = LiveCall.answered(h, "123");
        var model = call.model;
        var stream = call.stream;
        // the assistant is speaking: 500 ms sent, the caller's stream is 200 ms into it
        model.send(ServerEvents.responseCreated("resp_1"));
        model.send(ServerEvents.outputItemAdded("resp_1", "item_a1"));
        stream.sendMedia(1000, ServerEvents.audio(160, 1));
        model.send(ServerEvents.audioDelta("resp_1", "item_a1", ServerEvents.audio(4000, 2)));
        stream.awaitEvent("media");
        stream.sendMedia(1200, ServerEvents.audio(160, 3));
        h.awaitCall(call.id, c -> "assistant".equals(c.path("speaking").asText()), Duration.ofSeconds(5));

        Steering steering = h.bridge.calls().steering(call.id).orElseThrow();
        assertTrue(steering.mute("alice", "checking something"));
        assertFalse(steering.mute("alice", ""), "muting a muted call changes nothing");

        List<JsonNode> sent = model.messagesUntil("session.update", m -> turns(m, false));
        List<String> types = sent.stream().map(m -> m.path("type").asText()).toList();
        assertEquals(List.of("response.cancel", "conversation.item.truncate", "session.update"), types);
        JsonNode truncate = sent.get(1);
        assertEquals("item_a1", truncate.path("item_id").asText());
        assertTrue(truncate.path("audio_end_ms").asLong() <= 500, truncate.toString());
        assertFalse(sent.get(2).path("session").path("audio").path("input").path("turn_detection")
                .path("interrupt_response").asBoolean());
        stream.awaitEvent("clear");

        // what the model still sends before its cancel lands is not played
        model.send(ServerEvents.audioDelta("resp_1", "item_a1", ServerEvents.audio(800, 4)));
        model.send(ServerEvents.responseDone("resp_1", 10, 10, 0, 5, 5));
        // the caller is heard and transcribed; a tool answered while muted is not followed by a response
        model.send(ServerEvents.speechStarted("item_c1", 1300));
        model.send(ServerEvents.speechStopped("item_c1", 2300));
        model.send(ServerEvents.inputTranscript("item_c1", "Hello? Are you there?"));
        model.send(ServerEvents.responseCreated("resp_2"));
        model.send(ServerEvents.functionCall("resp_2", "call_reflection_data", "call_r",
                "{\"status\":\"in_progress\"}"));
        model.send(ServerEvents.responseDone("resp_2", 10, 10, 0, 5, 0));
        JsonNode record = h.awaitCall(call.id, c -> c.path("transcript").toString().contains("Are you there?"),
                Duration.ofSeconds(5));
        assertTrue(record.path("muted").asBoolean(), record.toString());
        List<JsonNode> whileMuted = model.messagesUntil("conversation.item.create",
                m -> "function_call_output".equals(m.path("item").path("type").asText()));
        assertEquals(List.of("response.cancel", "conversation.item.create"),
                whileMuted.stream().map(m -> m.path("type").asText()).toList(),
                "a response the model started while muted is cancelled; no response.create follows the tool");
        assertNull(stream.pollEvent("media", 200), "audio played while muted");

        assertTrue(steering.unmute("alice", ""));
        List<JsonNode> untilUnmuted = model.messagesUntil("session.update", m -> turns(m, true));
        assertTrue(untilUnmuted.stream().noneMatch(m -> "response.create".equals(m.path("type").asText())),
                untilUnmuted.toString());
        JsonNode after = h.awaitCall(call.id, c -> !c.path("muted").asBoolean(), Duration.ofSeconds(5));
        List<String> timeline = new java.util.ArrayList<>();
        after.path("timeline").forEach(t -> timeline.add(t.path("kind").asText() + " " + t.path("detail").asText()));
        assertTrue(timeline.contains("mute by alice: checking something"), timeline.toString());
        assertTrue(timeline.contains("unmute by alice"), timeline.toString());

        // answering again: the assistant's audio reaches the caller
        model.send(ServerEvents.responseCreated("resp_3"));
        model.send(ServerEvents.outputItemAdded("resp_3", "item_a3"));
        model.send(ServerEvents.audioDelta("resp_3", "item_a3", ServerEvents.audio(400, 5)));
        assertEquals(java.util.Base64.getEncoder().encodeToString(ServerEvents.audio(400, 5)),
                stream.awaitEvent("media").path("media").path("payload").asText());

        // a note from the bridge (a hand-back's summary): a system message, not a transcript line
        steering.tellAssistant("The supervisor told the caller their card is on its way.");
        JsonNode note = model.awaitMessage("conversation.item.create").path("item");
        assertEquals("system", note.path("role").asText());
        assertEquals("The supervisor told the caller their card is on its way.",
                note.path("content").get(0).path("text").asText());
        assertTrue(h.call(call.id).path("transcript").findValuesAsText("speaker").stream()
                .noneMatch("supervisor"::equals));
    }
}
