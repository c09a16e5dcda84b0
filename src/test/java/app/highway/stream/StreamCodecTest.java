package app.highway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.call.CallEvent;
import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import app.highway.call.Speaker;
import app.highway.call.TranscriptLine;
import app.highway.config.CallSettings;
import app.highway.team.Actor;
import app.highway.team.Role;
import app.highway.usage.TranscriptionUsage;
import app.highway.usage.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class StreamCodecTest {
    private static final Instant AT = Instant.parse("2025-03-01T10:15:30.123456Z");
    private final StreamCodec codec = new StreamCodec();

    /**
     * One of every kind of call event, so that a new kind fails here until the stream carries it. The
     * call's creation is read from its JSON, so that a field added to it (who placed it) changes nothing here.
     */
    static List<CallEvent> oneOfEach() {
        TranscriptLine line = new TranscriptLine("item_a1", Speaker.ASSISTANT, "Your code is [code]", AT);
        CallEvent created;
        try {
            created = ((StreamMessage.Events) new StreamCodec().read("{\"type\":\"events\",\"events\":[{\"seq\":1,"
                    + "\"event\":\"call_created\",\"data\":{\"callId\":\"hw-1\",\"to\":\"+15559876543\","
                    + "\"simulated\":false,\"at\":\"" + AT + "\"}}]}")).events().get(0).event();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return List.of(
                created,
                new CallEvent.CallPlaced("hw-1", "CA123", AT),
                new CallEvent.StateChanged("hw-1", CallState.RINGING, CallState.IN_PROGRESS, AT),
                new CallEvent.SpeakerChanged("hw-1", Speaker.CALLER, AT),
                new CallEvent.SpeakerChanged("hw-1", null, AT),
                new CallEvent.TranscriptUpdated("hw-1", line, true, AT),
                new CallEvent.ToolCalled("hw-1", "call_reflection_data", "{\"status\":\"successful_call\"}", AT),
                new CallEvent.ReflectionReported("hw-1", "successful_call", AT),
                new CallEvent.UsageUpdated("hw-1", new Usage(10, 20, 30, 4, 6, 2, 1, 1, 5, 15), 0.0125, 0.0100,
                        TranscriptionUsage.tokens(3, 40, 7), 0.0025, AT),
                new CallEvent.BargeIn("hw-1", 1234, AT),
                new CallEvent.CallProblem("hw-1", "The model did not answer", AT),
                new CallEvent.CallEnded("hw-1", CallState.COMPLETED, "assistant_hung_up", AT),
                new CallEvent.CallDeleted("hw-1", AT),
                new CallEvent.SupervisionChanged("hw-1", true, "sue", 2, AT),
                new CallEvent.SupervisionChanged("hw-1", false, null, 0, AT),
                new CallEvent.SupervisorAction("hw-1", "whisper", "sue", "be brief", AT));
    }

    @Test
    void everyKindOfCallEventComesBackEqualUnderItsSnakeCaseName() throws IOException {
        Set<Class<?>> covered = oneOfEach().stream().map(Object::getClass).collect(Collectors.toSet());
        assertEquals(Set.of(CallEvent.class.getPermittedSubclasses()), covered, "a kind of event without a case here");
        List<CallEvent> sent = oneOfEach();
        List<byte[]> elements = new java.util.ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            elements.add(codec.event(i + 1, sent.get(i)));
        }
        StreamMessage m = codec.read(new String(StreamCodec.events(elements), StandardCharsets.UTF_8));
        List<StreamMessage.Sequenced> got = assertInstanceOf(StreamMessage.Events.class, m).events();
        assertEquals(sent, got.stream().map(StreamMessage.Sequenced::event).toList());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L),
                got.stream().map(StreamMessage.Sequenced::seq).toList());
        assertEquals("transcript_updated", got.get(5).name());
        assertEquals("call_created", got.get(0).name());
    }

    @Test
    void anEventIsItsRecordsFieldsAndATranscriptLineKeepsItsItemId() {
        String text = new String(codec.event(7, oneOfEach().get(5)), StandardCharsets.UTF_8);
        assertEquals("{\"seq\":7,\"event\":\"transcript_updated\",\"data\":{\"callId\":\"hw-1\",\"line\":{\"itemId\":"
                + "\"item_a1\",\"speaker\":\"assistant\",\"text\":\"Your code is [code]\",\"at\":"
                + "\"2025-03-01T10:15:30.123456Z\"},\"complete\":true,\"at\":\"2025-03-01T10:15:30.123456Z\"}}", text);
    }

    /** A live call as {@code GET /calls/{id}} writes it, each transcript line with its item id as well. */
    private static final String CALL = "{\"id\":\"hw-1\",\"callSid\":\"CA123\",\"to\":\"+15559876543\","
            + "\"note\":\"note\",\"state\":\"in-progress\",\"reflection\":null,\"endReason\":null,\"usage\":{"
            + "\"inputTokens\":10,\"outputTokens\":20,\"totalTokens\":30,\"inputTextTokens\":4,"
            + "\"inputAudioTokens\":6,\"cachedTokens\":2,\"cachedTextTokens\":1,\"cachedAudioTokens\":1,"
            + "\"outputTextTokens\":5,\"outputAudioTokens\":15},\"costUsd\":0.01250000,\"voiceCostUsd\":0.01000000,"
            + "\"transcriptionUsage\":{\"inputTokens\":0,\"inputTextTokens\":0,\"inputAudioTokens\":0,"
            + "\"outputTokens\":0,\"totalTokens\":0,\"seconds\":2.5},\"transcriptionCostUsd\":0.00250000,"
            + "\"createdAt\":\"2025-03-01T10:15:30.123456Z\",\"answeredAt\":\"2025-03-01T10:15:33.123456Z\","
            + "\"endedAt\":null,\"durationSeconds\":12,\"speaking\":\"assistant\",\"model\":\"gpt-realtime\","
            + "\"voice\":\"shimmer\",\"promptVersion\":3,\"simulated\":false,\"transcript\":["
            + "{\"itemId\":\"item_a1\",\"speaker\":\"assistant\",\"text\":\"Hello\",\"at\":\"2025-03-01T10:15:30.123456Z\"},"
            + "{\"itemId\":\"item_c1\",\"speaker\":\"caller\",\"text\":\"Hi\",\"at\":\"2025-03-01T10:15:31.123456Z\"}],"
            + "\"timeline\":[{\"at\":\"2025-03-01T10:15:30.123456Z\",\"kind\":\"created\",\"detail\":\"to +1 555…43\"}],"
            + "\"settings\":null}";

    @Test
    void aSnapshotCarriesTheApisCallJsonAndComesBackEqual() throws IOException {
        StreamMessage.Snapshot read = assertInstanceOf(StreamMessage.Snapshot.class,
                codec.read("{\"type\":\"snapshot\",\"seq\":42,\"calls\":[" + CALL + "]}"));
        assertEquals(42, read.seq());
        CallSnapshot call = read.calls().get(0);
        assertEquals(CallState.IN_PROGRESS, call.state());
        assertEquals(0.0125, call.costUsd());
        assertEquals(2.5, call.transcriptionUsage().seconds());
        assertEquals("item_c1", call.transcript().get(1).itemId());
        assertEquals(Speaker.CALLER, call.transcript().get(1).speaker());

        String written = new String(codec.snapshot(42, List.of(call)), StandardCharsets.UTF_8);
        assertTrue(written.startsWith("{\"type\":\"snapshot\",\"seq\":42,\"calls\":[{\"id\":\"hw-1\""), written);
        ObjectMapper plain = new ObjectMapper();
        JsonNode original = plain.readTree(CALL);
        JsonNode again = plain.readTree(written).path("calls").get(0);
        original.fieldNames().forEachRemaining(f -> assertEquals(original.get(f), again.get(f), f + " as it was read"));
        assertEquals(read, codec.read(written));
    }

    @Test
    void aSnapshotsCallsAreTheApisWithSettings() throws IOException {
        CallSettings settings = CallSettings.defaults("gpt-realtime");
        String withSettings = CALL.replace("\"settings\":null", "\"settings\":"
                + new ObjectMapper().writeValueAsString(settings));
        CallSnapshot call = ((StreamMessage.Snapshot) codec.read("{\"type\":\"snapshot\",\"seq\":1,\"calls\":["
                + withSettings + "]}")).calls().get(0);
        assertEquals(settings, call.settings());
    }

    @Test
    void helloHeartbeatResyncAndErrorReadBack() throws IOException {
        assertEquals(new StreamMessage.Hello(StreamCodec.PROTOCOL, "b-1", "ann", "agent"),
                codec.read(new String(codec.hello("b-1", new Actor("ann", Role.AGENT)), StandardCharsets.UTF_8)));
        assertEquals(new StreamMessage.Heartbeat(9), codec.read(new String(codec.heartbeat(9), StandardCharsets.UTF_8)));
        assertEquals(new StreamMessage.Resync("gone"), codec.read(new String(codec.resync("gone"),
                StandardCharsets.UTF_8)));
        assertEquals(new StreamMessage.Error("revoked", "bye"), codec.read(new String(codec.error("revoked", "bye"),
                StandardCharsets.UTF_8)));
    }

    @Test
    void settingsChangedSaysWhatToReadAgain() throws IOException {
        byte[] wire = codec.settingsChanged(java.util.List.of("settings", "prices"));
        assertEquals("{\"type\":\"settings_changed\",\"what\":[\"settings\",\"prices\"]}",
                new String(wire, StandardCharsets.UTF_8));
        assertEquals(new StreamMessage.SettingsChanged(java.util.List.of("settings", "prices")),
                codec.read(new String(wire, StandardCharsets.UTF_8)));
    }

    @Test
    void whatANewerBridgeMaySendIsSkippedNotFatal() throws IOException {
        assertNull(codec.read("{\"type\":\"something_new\",\"x\":1}"));
        StreamMessage.Events m = assertInstanceOf(StreamMessage.Events.class, codec.read(
                "{\"type\":\"events\",\"events\":[{\"seq\":5,\"event\":\"call_teleported\",\"data\":{\"callId\":\"x\"}},"
                        + "{\"seq\":6,\"event\":\"call_placed\",\"data\":{\"callId\":\"x\",\"callSid\":\"CA1\","
                        + "\"at\":\"2025-03-01T10:15:30Z\",\"placedBy\":\"ann\"}}]}"));
        assertEquals(5, m.events().get(0).seq());
        assertNull(m.events().get(0).event());
        assertEquals(new CallEvent.CallPlaced("x", "CA1", Instant.parse("2025-03-01T10:15:30Z")),
                m.events().get(1).event());
    }

    @Test
    void brokenMessagesAreRefused() {
        assertThrows(IOException.class, () -> codec.read("[1,2]"));
        assertThrows(IOException.class, () -> codec.read("{\"type\":\"snapshot\",\"calls\":[]}"));
        assertThrows(IOException.class, () -> codec.read("{\"type\":\"events\",\"events\":[{\"seq\":-1}]}"));
        assertThrows(IOException.class, () -> codec.read("not json"));
    }

    @Test
    void namesAreSnakeCase() {
        assertEquals("usage_updated", StreamCodec.snakeCase("UsageUpdated"));
        assertEquals(Arrays.stream(CallEvent.class.getPermittedSubclasses()).count(),
                oneOfEach().stream().map(codec::name).distinct().count());
    }

    @Test
    void anEventOfAFleetSaysWhichBridgeHoldsTheCallAndABridgeOnItsOwnLeavesItOut() throws IOException {
        CallEvent e = new CallEvent.CallPlaced("hw-1", "CA123", AT);
        byte[] fleet = codec.event(4, e, "bridge-a");
        assertEquals("bridge-a", new ObjectMapper().readTree(fleet).path("bridge").asText());
        StreamMessage.Sequenced read = codec.readEvents(List.of(new String(fleet, StandardCharsets.UTF_8))).get(0);
        assertEquals("bridge-a", read.bridge());
        assertEquals(e, read.event());
        assertTrue(new ObjectMapper().readTree(codec.event(4, e)).path("bridge").isMissingNode());
    }

    @Test
    void aSnapshotCarriesWhatSupervisorsAreDoingAndEventsNameIt() throws IOException {
        CallSnapshot call = ((StreamMessage.Snapshot) codec.read("{\"type\":\"snapshot\",\"seq\":1,\"calls\":["
                + CALL + "]}")).calls().get(0);
        CallSnapshot steered = call.withSupervision(true, "sue", 3);
        JsonNode written = new ObjectMapper().readTree(codec.snapshot(7, List.of(steered))).path("calls").get(0);
        assertTrue(written.path("muted").asBoolean());
        assertEquals("sue", written.path("takenOverBy").asText());
        assertEquals(3, written.path("listeners").asInt());
        CallSnapshot back = ((StreamMessage.Snapshot) codec.read(new String(codec.snapshot(7, List.of(steered)),
                StandardCharsets.UTF_8))).calls().get(0);
        assertEquals(steered, back);
        assertEquals(false, call.muted(), "a bridge without supervisor powers sends no such fields: not muted");
        JsonNode event = new ObjectMapper().readTree(codec.event(9, new CallEvent.SupervisionChanged("hw-1", true,
                null, 1, AT)));
        assertEquals("supervision_changed", event.path("event").asText());
        assertEquals("{\"callId\":\"hw-1\",\"muted\":true,\"takenOverBy\":null,\"listeners\":1,\"at\":\"" + AT
                + "\"}", event.path("data").toString());
    }
}
