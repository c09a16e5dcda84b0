package app.highway.realtime;

import app.highway.audio.Base64Audio;
import app.highway.config.CallSettings;
import app.highway.usage.TranscriptionUsage;
import app.highway.usage.Usage;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's connection in the OpenAI Realtime GA dialect ({@code session.update} with
 * {@code type: "realtime"}, {@code audio/pcmu} both ways): writes the client events for the typed
 * commands and turns the server events into {@link ModelListener} calls. Server events arrive one at
 * a time on the socket's reader (the relay loop); commands may come from any thread.
 */
final class GaConnection implements ModelConnection, RealtimeSocket.Receiver {
    private static final Logger log = LoggerFactory.getLogger(GaConnection.class);
    private static final byte[] DELTA_PREFIX = "{\"type\":\"response.output_audio.delta\""
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] APPEND_HEAD = "{\"type\":\"input_audio_buffer.append\",\"audio\":\""
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] APPEND_TAIL = "\"}".getBytes(StandardCharsets.US_ASCII);

    private final ObjectMapper json;
    private final ModelListener listener;
    private final String label;
    private RealtimeSocket socket;
    /** The last audio item's id: deltas of one item reuse it (no String per frame). Relay loop only. */
    private String audioItemId = "";

    GaConnection(ObjectMapper json, ModelListener listener, String label) {
        this.json = json;
        this.listener = listener;
        this.label = label;
    }

    /** Set once, before {@link #connect()}: the socket needs this connection as its receiver. */
    void attach(RealtimeSocket s) {
        this.socket = s;
    }

    // ---------------------------------------------------------------- commands

    @Override
    public void connect() {
        socket.connect();
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public void configure(CallSettings settings) {
        send(SessionUpdate.build(json, settings));
    }

    @Override
    public void sendUserText(String text) {
        addMessage("user", text);
    }

    @Override
    public void requestResponse() {
        send(json.createObjectNode().put("type", "response.create"));
    }

    @Override
    public void sendSystemMessage(String text) {
        addMessage("system", text);
    }

    /** A text message of {@code role} added to the conversation ({@code conversation.item.create}). */
    private void addMessage(String role, String text) {
        ObjectNode event = json.createObjectNode();
        event.put("type", "conversation.item.create");
        ObjectNode message = event.putObject("item");
        message.put("type", "message");
        message.put("role", role);
        message.putArray("content").addObject().put("type", "input_text").put("text", text);
        send(event);
    }

    @Override
    public void requestResponse(String instructions) {
        ObjectNode event = json.createObjectNode().put("type", "response.create");
        event.putObject("response").put("instructions", instructions);
        send(event);
    }

    @Override
    public void cancelResponse() {
        send(json.createObjectNode().put("type", "response.cancel"));
    }

    @Override
    public void respondOnTurns(CallSettings settings, boolean respond) {
        send(SessionUpdate.turnDetection(json, settings, respond));
    }

    @Override
    public void truncate(String itemId, long audioEndMs) {
        ObjectNode event = json.createObjectNode();
        event.put("type", "conversation.item.truncate");
        event.put("item_id", itemId);
        event.put("content_index", 0);
        event.put("audio_end_ms", audioEndMs);
        send(event);
    }

    @Override
    public void toolResult(String callId, String outputJson) {
        ObjectNode event = json.createObjectNode();
        event.put("type", "conversation.item.create");
        ObjectNode output = event.putObject("item");
        output.put("type", "function_call_output");
        output.put("call_id", callId);
        output.put("output", outputJson);
        send(event);
    }

    /** Hot path: the frame's base64 bytes as Twilio sent them, copied once into the outgoing frame. */
    @Override
    public boolean appendAudio(Base64Audio audio) {
        return socket.sendText(APPEND_HEAD, audio.bytes(), audio.offset(), audio.length(), APPEND_TAIL);
    }

    @Override
    public void close() {
        socket.close();
    }

    private void send(JsonNode event) {
        socket.sendText(event.toString());
    }

    // ---------------------------------------------------------------- server events

    @Override
    public void onOpen() {
        listener.onConnected();
    }

    @Override
    public void onClosed(int code, String reason, RealtimeFailure failure) {
        listener.onClosed(code, reason, failure);
    }

    @Override
    public void onMessage(byte[] message, int size) {
        if (ModelMessages.startsWith(message, size, DELTA_PREFIX) && fastAudioDelta(message, size)) {
            return;
        }
        JsonNode event = ModelMessages.event(json, message, size, "Realtime");
        if (event == null) {
            return;
        }
        String type = event.get("type").asText();
        try {
            dispatch(type, event);
        } catch (RuntimeException ex) {
            log.error("Could not handle the model event {} ({})", type, label, ex);
            listener.onEventFailed(type, ex);
        }
    }

    private void dispatch(String type, JsonNode e) {
        switch (type) {
            case "session.updated" -> listener.onSessionReady();
            case "error" -> listener.onError(error(e.path("error")));
            case "input_audio_buffer.speech_started" -> listener.onCallerSpeechStarted(e.path("item_id").asText(null));
            case "input_audio_buffer.speech_stopped" -> listener.onCallerSpeechStopped();
            case "conversation.item.input_audio_transcription.delta" ->
                    listener.onCallerTranscriptDelta(e.path("item_id").asText(), e.path("delta").asText(""));
            case "conversation.item.input_audio_transcription.completed" ->
                    listener.onCallerTranscriptCompleted(e.path("item_id").asText(), e.path("transcript").asText(""),
                            TranscriptionUsage.fromRealtime(e.get("usage")));
            case "conversation.item.input_audio_transcription.failed" ->
                    listener.onTranscriptionFailed(e.path("error").path("message").asText("unknown reason"));
            case "response.output_item.added" -> {
                JsonNode item = e.path("item");
                if ("message".equals(item.path("type").asText())) {
                    listener.onAssistantItemStarted(item.path("id").asText());
                }
            }
            case "response.output_audio.delta" ->
                    listener.onAudioDelta(e.path("item_id").asText(""), Base64Audio.of(e.path("delta").asText("")));
            case "response.output_audio.done" -> listener.onAudioDone(e.path("item_id").asText(""));
            case "response.output_audio_transcript.delta" ->
                    listener.onAssistantTranscriptDelta(e.path("item_id").asText(), e.path("delta").asText(""));
            case "response.output_audio_transcript.done" ->
                    listener.onAssistantTranscriptDone(e.path("item_id").asText(), e.path("transcript").asText(""));
            case "response.function_call_arguments.done" -> listener.onToolCall(e.path("name").asText(""),
                    e.path("call_id").asText(""), e.path("arguments").asText(""));
            case "response.done" -> responseDone(e.path("response"));
            case "response.created" -> listener.onResponseStarted();
            default -> log.trace("Model event {} ({})", type, label);
        }
    }

    private RealtimeError error(JsonNode error) {
        String code = error.path("code").asText("");
        String eventId = error.path("event_id").asText("");
        RealtimeError.Kind kind;
        if ("invalid_api_key".equals(code)) {
            kind = RealtimeError.Kind.KEY_REJECTED;
            socket.failWith(RealtimeFailure.keyRejected()); // the close that follows says so too
        } else if (SessionUpdate.EVENT_ID.equals(eventId)) {
            kind = RealtimeError.Kind.SETUP_REJECTED;
        } else if ("session_expired".equals(code)) {
            kind = RealtimeError.Kind.SESSION_EXPIRED;
        } else {
            kind = RealtimeError.Kind.OTHER;
        }
        return new RealtimeError(code, error.path("message").asText("no message"), eventId, kind);
    }

    private void responseDone(JsonNode response) {
        JsonNode usage = response.path("usage");
        String status = response.path("status").asText("");
        String failureCode = null;
        if ("failed".equals(status)) {
            JsonNode err = response.path("status_details").path("error");
            failureCode = err.path("code").asText(err.path("type").asText("unknown"));
        }
        listener.onResponseDone(usage.isObject() ? Usage.fromRealtime(usage) : null, status, failureCode);
    }

    /**
     * Audio deltas are most of what the model sends: stream-parse the bytes and hand the base64 over
     * where it lies in the socket's buffer (no String, no decoding); false means "use the full parser"
     * (anything unusual, e.g. an escape inside the delta).
     */
    private boolean fastAudioDelta(byte[] message, int length) {
        String itemId = null;
        int deltaStart = -1;
        int deltaLength = -1;
        try (JsonParser p = json.getFactory().createParser(message, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName(); // canonical: no String per frame
                JsonToken value = p.nextToken();
                if ("item_id".equals(field) && value == JsonToken.VALUE_STRING) {
                    itemId = itemId(p);
                } else if ("delta".equals(field) && value == JsonToken.VALUE_STRING) {
                    deltaStart = (int) p.currentTokenLocation().getByteOffset() + 1;
                    deltaLength = ModelMessages.plainString(message, deltaStart, length);
                    if (deltaLength < 0) {
                        return false;
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        if (itemId == null || deltaStart < 0) {
            return false;
        }
        try {
            listener.onAudioDelta(itemId, Base64Audio.view(message, deltaStart, deltaLength));
        } catch (RuntimeException ex) {
            log.error("Could not relay an audio delta ({})", label, ex); // per frame: logged, not a problem each
        }
        return true;
    }

    /** The item id, the previous delta's String if it is the same item (it almost always is). */
    private String itemId(JsonParser p) throws IOException {
        String last = audioItemId;
        int n = p.getTextLength();
        if (n == last.length()) {
            char[] chars = p.getTextCharacters();
            int o = p.getTextOffset();
            int i = 0;
            while (i < n && chars[o + i] == last.charAt(i)) {
                i++;
            }
            if (i == n) {
                return last;
            }
        }
        audioItemId = p.getText();
        return audioItemId;
    }
}
