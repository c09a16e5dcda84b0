package app.highway.stream;

import app.highway.call.CallEvent;
import app.highway.call.CallSnapshot;
import app.highway.call.Speaker;
import app.highway.call.TranscriptLine;
import app.highway.config.Json;
import app.highway.store.CallExport;
import app.highway.team.Actor;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one place that knows how the {@code /events} messages look as JSON: the bridge encodes with
 * it, {@link EventStreamClient} decodes with it. Calls are written as the API writes them (costs to
 * 8 decimals, ISO-8601 instants), each transcript line with its {@code itemId} as well, so that a
 * console can tell a line that grew from a new one. Call events are written field for field as the
 * bridge's {@link CallEvent} records are, under a {@code snake_case} name made from the record's
 * name: a field added to a record (say, who placed a call) reaches the wire with no change here.
 *
 * <p>Thread-safe (Jackson's mapper is).
 */
public final class StreamCodec {
    /** The protocol's version, in the hello; a client refuses nothing but may warn on a newer one. */
    public static final int PROTOCOL = 1;

    private static final byte[] EVENTS_HEAD = "{\"type\":\"events\",\"events\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENTS_TAIL = "]}".getBytes(StandardCharsets.US_ASCII);

    private final ObjectMapper json;
    private final Map<Class<?>, String> names = new HashMap<>();
    private final Map<String, Class<? extends CallEvent>> kinds = new HashMap<>();

    public StreamCodec() {
        SimpleModule lines = new SimpleModule("stream-transcript-lines")
                .addSerializer(TranscriptLine.class, new LineWriter())
                .addDeserializer(TranscriptLine.class, new LineReader());
        this.json = CallExport.roundingMoney(Json.mapper()).registerModule(lines);
        for (Class<?> kind : CallEvent.class.getPermittedSubclasses()) {
            String name = snakeCase(kind.getSimpleName());
            names.put(kind, name);
            kinds.put(name, kind.asSubclass(CallEvent.class));
        }
    }

    static String snakeCase(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** The wire name of an event ({@code transcript_updated} for {@code TranscriptUpdated}). */
    public String name(CallEvent event) {
        return names.get(event.getClass());
    }

    @JsonPropertyOrder({"type", "protocol", "bridge", "user", "role"})
    private record HelloOut(String type, int protocol, String bridge, String user, String role) { }

    @JsonPropertyOrder({"type", "seq", "calls"})
    private record SnapshotOut(String type, long seq, List<CallSnapshot> calls) { }

    @JsonPropertyOrder({"seq", "event", "data", "bridge"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record EventOut(long seq, String event, CallEvent data, String bridge) { }

    @JsonPropertyOrder({"type", "reason"})
    private record ResyncOut(String type, String reason) { }

    @JsonPropertyOrder({"type", "what"})
    private record SettingsChangedOut(String type, List<String> what) { }

    @JsonPropertyOrder({"type", "seq"})
    private record HeartbeatOut(String type, long seq) { }

    private record CampaignsChangedOut(String type, List<String> campaigns) { }

    @JsonPropertyOrder({"type", "code", "message"})
    private record ErrorOut(String type, String code, String message) { }

    public byte[] hello(String bridge, Actor actor) {
        return write(new HelloOut("hello", PROTOCOL, bridge, actor.user(), actor.role().wireName()));
    }

    public byte[] snapshot(long seq, List<CallSnapshot> calls) {
        return write(new SnapshotOut("snapshot", seq, calls));
    }

    /** One element of an {@code events} message: {@code {"seq":…,"event":"…","data":{…}}}. */
    public byte[] event(long seq, CallEvent event) {
        return event(seq, event, null);
    }

    /**
     * As {@link #event(long, CallEvent)}, saying which bridge of a fleet holds the call
     * ({@code "bridge":"…"}, the bridge's fleet id; left out when null: a bridge on its own).
     */
    public byte[] event(long seq, CallEvent event, String bridge) {
        return write(new EventOut(seq, name(event), event, bridge));
    }

    /**
     * Reads elements made by {@link #event} (as one bridge of a fleet publishes them to the others),
     * without the {@code events} message around them.
     */
    public List<StreamMessage.Sequenced> readEvents(List<String> elements) throws IOException {
        StreamMessage m = read("{\"type\":\"events\",\"events\":[" + String.join(",", elements) + "]}");
        return ((StreamMessage.Events) m).events();
    }

    /** An {@code events} message from elements made by {@link #event}, in their order (no re-encoding). */
    public static byte[] events(List<byte[]> elements) {
        int size = EVENTS_HEAD.length + EVENTS_TAIL.length + Math.max(0, elements.size() - 1);
        for (byte[] e : elements) {
            size += e.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes(EVENTS_HEAD);
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(elements.get(i));
        }
        out.writeBytes(EVENTS_TAIL);
        return out.toByteArray();
    }

    public byte[] resync(String reason) {
        return write(new ResyncOut("resync", reason));
    }

    /** {@code {"type":"settings_changed","what":["settings"]}}: read them again ({@link StreamMessage.SettingsChanged}). */
    public byte[] settingsChanged(List<String> what) {
        return write(new SettingsChangedOut("settings_changed", what));
    }

    /** {@code {"type":"campaigns_changed","campaigns":["cmp-…"]}}: read their progress again. */
    public byte[] campaignsChanged(List<String> ids) {
        return write(new CampaignsChangedOut("campaigns_changed", ids));
    }

    public byte[] heartbeat(long seq) {
        return write(new HeartbeatOut("heartbeat", seq));
    }

    public byte[] error(String code, String message) {
        return write(new ErrorOut("error", code, message));
    }

    private byte[] write(Object message) {
        try {
            return json.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads one message. Unknown message types and unknown event kinds are not errors (a newer bridge
     * may send them): the first come back as null, the second as a {@link StreamMessage.Sequenced}
     * without its event.
     *
     * @throws IOException if the text is not a message of this protocol
     */
    public StreamMessage read(String text) throws IOException {
        JsonNode m = json.readTree(text);
        if (m == null || !m.isObject()) {
            throw new IOException("not a JSON object");
        }
        String type = m.path("type").asText("");
        switch (type) {
            case "hello":
                return new StreamMessage.Hello(m.path("protocol").asInt(), m.path("bridge").asText(null),
                        m.path("user").asText(null), m.path("role").asText(null));
            case "snapshot": {
                List<CallSnapshot> calls = new ArrayList<>();
                for (JsonNode c : m.path("calls")) {
                    calls.add(json.treeToValue(c, CallSnapshot.class));
                }
                return new StreamMessage.Snapshot(seq(m), List.copyOf(calls));
            }
            case "events": {
                List<StreamMessage.Sequenced> events = new ArrayList<>();
                for (JsonNode e : m.path("events")) {
                    String name = e.path("event").asText("");
                    Class<? extends CallEvent> kind = kinds.get(name);
                    events.add(new StreamMessage.Sequenced(seq(e), name,
                            kind == null ? null : json.treeToValue(e.path("data"), kind), e.path("bridge").asText(null)));
                }
                return new StreamMessage.Events(List.copyOf(events));
            }
            case "resync":
                return new StreamMessage.Resync(m.path("reason").asText(""));
            case "heartbeat":
                return new StreamMessage.Heartbeat(seq(m));
            case "settings_changed": {
                List<String> what = new ArrayList<>();
                for (JsonNode w : m.path("what")) {
                    what.add(w.asText());
                }
                return new StreamMessage.SettingsChanged(List.copyOf(what));
            }
            case "campaigns_changed": {
                List<String> ids = new ArrayList<>();
                for (JsonNode id : m.path("campaigns")) {
                    ids.add(id.asText());
                }
                return new StreamMessage.CampaignsChanged(List.copyOf(ids));
            }
            case "error":
                return new StreamMessage.Error(m.path("code").asText(""), m.path("message").asText(""));
            default:
                return null;
        }
    }

    private static long seq(JsonNode node) throws IOException {
        JsonNode seq = node.get("seq");
        if (seq == null || !seq.canConvertToExactIntegral() || seq.asLong() < 0) {
            throw new IOException("missing or bad seq");
        }
        return seq.asLong();
    }

    /** A transcript line with its item id (the API's records leave it out; a live console needs it). */
    private static final class LineWriter extends JsonSerializer<TranscriptLine> {
        @Override
        public void serialize(TranscriptLine line, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            gen.writeStringField("itemId", line.itemId());
            gen.writeFieldName("speaker");
            provider.defaultSerializeValue(line.speaker(), gen);
            gen.writeStringField("text", line.text());
            gen.writeFieldName("at");
            provider.defaultSerializeValue(line.at(), gen);
            gen.writeEndObject();
        }
    }

    private static final class LineReader extends JsonDeserializer<TranscriptLine> {
        @Override
        public TranscriptLine deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            JsonNode n = ctx.readTree(p);
            JsonNode speaker = n.get("speaker");
            JsonNode at = n.get("at");
            return new TranscriptLine(n.path("itemId").asText(null),
                    speaker == null || speaker.isNull() ? null : ctx.readTreeAsValue(speaker, Speaker.class),
                    n.path("text").asText(null),
                    at == null || at.isNull() ? null : ctx.readTreeAsValue(at, Instant.class));
        }
    }
}
