package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.call.CallEvent;
import app.highway.call.Speaker;
import app.highway.support.BridgeHarness;
import app.highway.support.StreamConsoles;
import app.highway.support.StreamRecorder;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Whisper, say, mute and unmute through the HTTP API on a live call, over loopback against the fake model
 * and carrier: what reaches the model, what the record and the audit log say, and who may do what.
 */
@Tag("e2e")
class SupervisorPowersTest {
    private static final String OWNER = BridgeHarness.API_TOKEN;
    private BridgeHarness h;
    private String alice;
    private String bob;
    private String sue;
    private final StreamConsoles consoles = new StreamConsoles();

    @BeforeEach
    void start() throws Exception {
        h = BridgeHarness.start();
        alice = add("alice", "agent");
        bob = add("bob", "agent");
        sue = add("sue", "supervisor");
    }

    @AfterEach
    void stop() {
        consoles.close();
        h.close();
    }

    private String add(String user, String role) throws Exception {
        HttpResponse<String> r = h.post("/people", "application/json", "{\"user\":\"" + user + "\",\"role\":\""
                + role + "\",\"name\":\"" + user + "\",\"label\":\"test\"}", OWNER);
        assertEquals(201, r.statusCode(), r.body());
        return h.json(r.body()).path("token").path("token").asText();
    }

    private HttpResponse<String> power(String callId, String power, String body, String token) throws Exception {
        return h.post("/calls/" + callId + "/" + power, body == null ? null : "application/json",
                body == null ? "" : body, token);
    }

    private static List<String> types(List<JsonNode> messages) {
        return messages.stream().map(m -> m.path("type").asText()).toList();
    }

    private static List<String> timeline(JsonNode record) {
        List<String> lines = new ArrayList<>();
        record.path("timeline").forEach(t -> lines.add(t.path("kind").asText() + " " + t.path("detail").asText()));
        return lines;
    }

    @Test
    void aWhisperReachesTheModelAsASystemMessageAndIsASupervisorNoteNotSomethingTheCallerHeard() throws Exception {
        LiveCall call = LiveCall.answered(h, "4321", alice);
        HttpResponse<String> first = power(call.id, "whisper", "{\"text\":\"be brief, they are driving\"}", alice);
        assertEquals(202, first.statusCode(), first.body());
        assertEquals(call.id, h.json(first.body()).path("call").asText());
        HttpResponse<String> second = power(call.callSid, "whisper",
                "{\"text\":\"ask them to confirm 4 3 2 1 once more\",\"respond\":true}", sue);
        assertEquals(202, second.statusCode(), second.body());

        List<JsonNode> sent = call.model.messagesUntil("response.create", m -> true);
        assertEquals(List.of("conversation.item.create", "conversation.item.create", "response.create"), types(sent),
                "respond=false asks for no response; respond=true asks for one");
        JsonNode item = sent.get(0).path("item");
        assertEquals("message", item.path("type").asText());
        assertEquals("system", item.path("role").asText());
        assertEquals("be brief, they are driving", item.path("content").get(0).path("text").asText());
        assertEquals("system", sent.get(1).path("item").path("role").asText());

        JsonNode record = h.awaitCall(call.id, c -> c.path("transcript").size() == 2, Duration.ofSeconds(5));
        List<String> lines = new ArrayList<>();
        record.path("transcript").forEach(l -> lines.add(l.path("speaker").asText() + ": " + l.path("text").asText()));
        // a note, never a line the caller heard; records hide the code the supervisor typed
        assertEquals(List.of("supervisor: be brief, they are driving", "supervisor: ask them to confirm [code] once more"),
                lines);
        assertTrue(timeline(record).contains("whisper by alice: be brief, they are driving"), timeline(record).toString());
        assertTrue(timeline(record).contains("whisper by sue: ask them to confirm [code] once more (respond now)"),
                timeline(record).toString());
        assertFalse(record.toString().contains("4 3 2 1"), "the code is in the record");

        JsonNode audit = h.json(h.get("/audit?action=call.whisper", sue).body());
        List<String> who = new ArrayList<>();
        audit.path("entries").forEach(e -> who.add(e.path("user").asText() + " " + e.path("target").asText()));
        assertTrue(who.containsAll(List.of("alice " + call.id, "sue " + call.id)), audit.toString());
        assertFalse(audit.toString().contains("4 3 2 1"), "the code is in the audit log");
    }

    @Test
    void sayAsksForAResponseWithTheWordsAndIsRefusedWhileMuted() throws Exception {
        LiveCall call = LiveCall.answered(h, "1234", alice);
        HttpResponse<String> said = power(call.id, "say", "{\"text\":\"Please hold the line for a moment.\"}", alice);
        assertEquals(202, said.statusCode(), said.body());
        JsonNode create = call.model.awaitMessage("response.create");
        String instructions = create.path("response").path("instructions").asText();
        assertTrue(instructions.contains("word for word") && instructions.endsWith("Please hold the line for a moment."),
                instructions);

        HttpResponse<String> muted = power(call.id, "mute", null, sue);
        assertEquals(200, muted.statusCode(), muted.body());
        assertTrue(h.json(muted.body()).path("muted").asBoolean());
        JsonNode off = call.model.awaitMessage("session.update");
        assertFalse(off.path("session").path("audio").path("input").path("turn_detection").path("create_response")
                .asBoolean(true));
        call.stream.awaitEvent("clear");
        assertTrue(h.awaitCall(call.id, c -> c.path("muted").asBoolean(), Duration.ofSeconds(5)).path("muted")
                .asBoolean());

        HttpResponse<String> refused = power(call.id, "say", "{\"text\":\"Hello?\"}", sue);
        assertEquals(409, refused.statusCode(), refused.body());
        assertEquals("muted", h.json(refused.body()).path("error").asText());

        HttpResponse<String> unmuted = power(call.id, "unmute", null, alice);
        assertEquals(200, unmuted.statusCode(), unmuted.body());
        assertFalse(h.json(unmuted.body()).path("muted").asBoolean(true));
        List<JsonNode> sent = call.model.messagesUntil("session.update", m -> m.path("session").path("audio")
                .path("input").path("turn_detection").path("create_response").asBoolean(false));
        assertFalse(types(sent).contains("response.create"), "a response was asked for while muted: " + sent);

        JsonNode record = h.call(call.id);
        assertTrue(timeline(record).containsAll(List.of("say by alice: Please hold the line for a moment.",
                "mute by sue", "unmute by alice")), timeline(record).toString());
        List<String> actions = new ArrayList<>();
        h.json(h.get("/audit?target=" + call.id, sue).body()).path("entries")
                .forEach(e -> actions.add(e.path("user").asText() + " " + e.path("action").asText()));
        assertTrue(actions.containsAll(List.of("alice call.say", "sue call.mute", "alice call.unmute")),
                actions.toString());
    }

    @Test
    void anAgentActsOnlyOnTheirOwnCallsAndBadRequestsAreRefused() throws Exception {
        LiveCall call = LiveCall.answered(h, "1234", alice);
        for (String p : List.of("whisper", "say")) {
            HttpResponse<String> r = power(call.id, p, "{\"text\":\"hi\"}", bob);
            assertEquals(403, r.statusCode(), p + ": " + r.body());
            assertEquals("forbidden", h.json(r.body()).path("error").asText());
        }
        assertEquals(403, power(call.id, "mute", null, bob).statusCode());
        assertEquals(403, power(call.id, "unmute", null, bob).statusCode());
        assertEquals(401, power(call.id, "mute", null, null).statusCode());
        assertEquals(404, power("hw-nope", "mute", null, sue).statusCode());
        assertEquals(400, power(call.id, "whisper", "{\"text\":\"  \"}", alice).statusCode());
        assertEquals(400, power(call.id, "whisper", "{\"text\":\"" + "x".repeat(1001) + "\"}", alice).statusCode());
        assertEquals(400, power(call.id, "say", "{\"text\":\"" + "x".repeat(501) + "\"}", alice).statusCode());
        assertEquals(400, power(call.id, "whisper", "not json", alice).statusCode());
        assertEquals(400, power(call.id, "whisper", "{\"text\":\"hi\",\"respond\":\"yes\"}", alice).statusCode());
        assertEquals(405, h.get("/calls/" + call.id + "/mute", sue).statusCode());

        call.stream.sendStop();
        h.awaitCall(call.id, c -> "completed".equals(c.path("state").asText()), Duration.ofSeconds(5));
        HttpResponse<String> over = power(call.id, "whisper", "{\"text\":\"hi\"}", alice);
        assertEquals(409, over.statusCode(), over.body());
        assertEquals("not_live", h.json(over.body()).path("error").asText());
    }

    @Test
    void consolesSeeTheNoteWithoutTheCodeTheMutedStateAndWhoDidIt() throws Exception {
        Duration wait = Duration.ofSeconds(10);
        StreamRecorder console = consoles.connect(h.baseUrl(), sue);
        console.awaitSnapshot(1, wait); // following before the call starts: what happens to it comes as events
        LiveCall call = LiveCall.answered(h, "4321", alice);
        assertEquals(202, power(call.id, "whisper", "{\"text\":\"the code is 4321, say it slowly\"}", alice)
                .statusCode());
        CallEvent.TranscriptUpdated note = console.awaitEvent(CallEvent.TranscriptUpdated.class,
                e -> e.line().speaker() == Speaker.SUPERVISOR, wait);
        assertEquals("the code is [code], say it slowly", note.line().text());
        CallEvent.SupervisorAction whisper = console.awaitEvent(CallEvent.SupervisorAction.class,
                e -> e.action().equals("whisper"), wait);
        assertEquals("alice", whisper.by());
        assertFalse(whisper.detail().contains("4321"), whisper.detail());

        assertEquals(200, power(call.id, "mute", null, sue).statusCode());
        CallEvent.SupervisionChanged muted = console.awaitEvent(CallEvent.SupervisionChanged.class,
                CallEvent.SupervisionChanged::muted, wait);
        assertEquals(call.id, muted.callId());
        assertEquals("sue", console.awaitEvent(CallEvent.SupervisorAction.class, e -> e.action().equals("mute"), wait)
                .by());

        // a console that connects now gets the state in its snapshot
        StreamRecorder late = consoles.connect(h.baseUrl(), sue);
        StreamRecorder.Snapshot snapshot = late.awaitSnapshot(1, wait);
        var live = snapshot.calls().stream().filter(c -> c.id().equals(call.id)).findFirst().orElseThrow();
        assertTrue(live.muted());
        assertFalse(live.toString().contains("4321"), "the snapshot holds the code");
    }
}
