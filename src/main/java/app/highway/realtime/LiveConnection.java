package app.highway.realtime;

import app.highway.audio.Base64Audio;
import app.highway.config.CallSettings;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's connection in the GPT-Live dialect ({@link LiveEvents} lists every event and its source).
 * {@link #configure} sends {@code session.start}, the first message; every other command given before
 * {@code session.started} waits in order and goes out right after it, and the caller's audio of that moment
 * is dropped, not buffered (the assistant speaks first, so nothing the caller says then is a turn, and the
 * hot path stays free of copies). Audio is μ-law 8 kHz both ways, its base64 relayed as bytes.
 *
 * <p>Where GPT-Live differs from the Realtime API, the mapping onto {@link ModelListener}: GPT-Live is full
 * duplex and has no turn events, items or truncation. A caller's turn starts with its first transcript words
 * and ends when the assistant starts answering or after {@link #TURN_GAP_MS} of the caller's audio without new
 * words; the assistant's speech is numbered by the bridge ({@code live_out_N}) and ends when the caller starts
 * a turn or after as long without new output (its end mark then goes to Twilio). The caller's words over the
 * assistant's speech are the barge-in. Tools run through the Responses delegation: a {@code function_call} item
 * of a delegated response is a tool call, a {@code function_call_output} answers it, and the response's end
 * ({@code response.completed}) is {@link ModelListener#onResponseDone}; after a hang-up that end is held until
 * the assistant has stopped speaking, since GPT-Live may say goodbye after its backend is done. {@link #cancelResponse()} and {@link #truncate} have no GPT-Live
 * command and send nothing; turn-taking off ({@link #respondOnTurns}) mutes the model's input.
 */
final class LiveConnection implements ModelConnection, RealtimeSocket.Receiver {
    private static final Logger log = LoggerFactory.getLogger(LiveConnection.class);
    /** A pause longer than this ends a turn (LiveKit's GPT-Live adapter uses the same 800 ms). */
    static final long TURN_GAP_MS = 800;
    /** How long a closing session waits for {@code session.closed} before the socket is closed anyway. */
    static final long CLOSE_WAIT_MS = 2_000;
    static final String SPEAK_NOW = "Do not wait for the caller to speak first. After that, pause and listen.";
    static final String ASK_BARE = "Reply to the caller now. " + SPEAK_NOW;
    static final String ASK_INSTRUCTED = "Immediately follow the instruction below. " + SPEAK_NOW;
    private static final byte[] DELTA_PREFIX = ("{\"type\":\"" + LiveEvents.AUDIO_DELTA + "\"")
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] APPEND_HEAD = ("{\"type\":\"" + LiveEvents.AUDIO_APPEND + "\",\"audio\":\"")
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] APPEND_TAIL = "\"}".getBytes(StandardCharsets.US_ASCII);

    private final ObjectMapper json;
    private final ModelListener listener;
    private final String label;
    private RealtimeSocket socket;

    private final Object sending = new Object();
    /** {@code session.started} arrived: commands go out at once. */
    private volatile boolean started;
    /** Commands given before {@code session.started}, in order. Guarded by {@link #sending}. */
    private final List<String> waiting = new ArrayList<>();
    /** A tool output was returned since the last {@link #requestResponse()}: the delegated response goes on. */
    private volatile boolean outputsReturned;
    /** {@code session.close} was sent: {@code session.closed} closes the socket. */
    private volatile boolean closing;
    /** The last {@link #sendUserText} not yet followed by a response request. */
    private volatile String unanswered;

    // turn state: the relay loop only (the reader, and the caller's audio on the same loop)
    private int turns;
    private String callerItem;
    private final StringBuilder callerText = new StringBuilder();
    private long callerQuietMs;
    /** When the caller's last words arrived ({@link System#nanoTime}): the end of their turn, learnt later. */
    private long callerWordsNanos;
    private String assistantItem;
    private final StringBuilder assistantText = new StringBuilder();
    private long outputQuietMs;
    /** A delegated response that called {@link Tools#HANG_UP}: it ends only once the assistant has stopped speaking. */
    private boolean hangUpCalled;
    /** The end of such a response, held until the assistant's last words are out (its status). */
    private String heldDone;

    LiveConnection(ObjectMapper json, ModelListener listener, String label) {
        this.json = json;
        this.listener = listener;
        this.label = label;
    }

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

    /** {@code session.start}: always the first message on the socket. */
    @Override
    public void configure(CallSettings settings) {
        socket.sendText(LiveSessionStart.build(json, settings).toString());
    }

    /**
     * Context the caller does not hear ({@code session.thinking.append}, at once, so that it is never lost); the
     * next {@link #requestResponse()} repeats it as the instruction to follow now.
     */
    @Override
    public void sendUserText(String text) {
        unanswered = text;
        append(LiveEvents.THINKING_APPEND, text);
    }

    /**
     * After tool outputs, {@code response.create} (the delegated response goes on); otherwise a
     * {@code session.commentary.append} asking the model to speak now, with the last user text as the
     * instruction to follow (how LiveKit's adapter makes GPT-Live speak first; a bare greeting would not).
     */
    @Override
    public void requestResponse() {
        String text = unanswered;
        unanswered = null;
        if (outputsReturned) {
            outputsReturned = false;
            command(json.createObjectNode().put("type", LiveEvents.RESPONSE_CREATE));
        } else if (text != null) {
            append(LiveEvents.COMMENTARY_APPEND, ASK_INSTRUCTED + "\n\n" + text);
        } else {
            append(LiveEvents.COMMENTARY_APPEND, ASK_BARE);
        }
    }

    @Override
    public void sendSystemMessage(String text) {
        append(LiveEvents.INSTRUCTIONS_APPEND, text);
    }

    @Override
    public void requestResponse(String instructions) {
        append(LiveEvents.COMMENTARY_APPEND, ASK_INSTRUCTED + "\n\n" + instructions);
    }

    /** GPT-Live has no command to stop a response (the model yields when the caller speaks): nothing is sent. */
    @Override
    public void cancelResponse() {
        log.debug("GPT-Live has no response.cancel; nothing sent ({})", label);
    }

    /** Off: the model's input is muted ({@code session.input_audio.mute}), so it neither answers nor transcribes the caller. */
    @Override
    public void respondOnTurns(CallSettings settings, boolean respond) {
        command(json.createObjectNode().put("type", respond ? LiveEvents.UNMUTE : LiveEvents.MUTE)
                .put("event_id", respond ? "hw_unmute" : "hw_mute"));
    }

    /** GPT-Live documents no truncation: what the caller heard stays the model's own estimate. */
    @Override
    public void truncate(String itemId, long audioEndMs) {
        log.debug("GPT-Live has no truncate; the caller heard {} ms of {} ({})", audioEndMs, itemId, label);
    }

    @Override
    public void toolResult(String callId, String outputJson) {
        ObjectNode event = json.createObjectNode().put("type", LiveEvents.ITEM_CREATE);
        ObjectNode item = event.putObject("item");
        item.put("type", "function_call_output");
        item.put("call_id", callId);
        item.put("output", outputJson);
        outputsReturned = true;
        command(event);
    }

    /**
     * Hot path: the frame's base64 bytes copied once into the outgoing frame; dropped before
     * {@code session.started}. The caller's stream is also the clock of the turns (Twilio sends a frame every
     * 20 ms, silence included): a caller's turn ends after {@link #TURN_GAP_MS} of it without new words, the
     * assistant's speech after as long without new output.
     */
    @Override
    public boolean appendAudio(Base64Audio audio) {
        if (!started) {
            return false;
        }
        boolean sent = socket.sendText(APPEND_HEAD, audio.bytes(), audio.offset(), audio.length(), APPEND_TAIL);
        if (callerItem != null || assistantItem != null || heldDone != null) {
            long ms = audio.length() * 3L / 4 / 8; // μ-law 8 kHz: 8 bytes a millisecond
            callerQuietMs += ms;
            outputQuietMs += ms;
            if (callerItem != null && callerQuietMs >= TURN_GAP_MS) {
                endCallerTurn();
            }
            if ((assistantItem != null || heldDone != null) && outputQuietMs >= TURN_GAP_MS) {
                endAssistantSpeech();
                releaseHeldDone();
            }
        }
        return sent;
    }

    /**
     * {@code session.close}, then the socket stays open for GPT-Live's {@code session.closed} (the session's
     * final duration, which is billed) for at most {@link #CLOSE_WAIT_MS}; closed at once if the session never
     * started.
     */
    @Override
    public void close() {
        if (started && socket.isOpen()
                && socket.sendText(json.createObjectNode().put("type", LiveEvents.SESSION_CLOSE).toString())) {
            closing = true;
            socket.closeAfter(CLOSE_WAIT_MS);
        } else {
            socket.close();
        }
    }

    private void append(String type, String content) {
        ObjectNode event = json.createObjectNode().put("type", type);
        event.putNull("delegation_id");
        event.put("content", content);
        command(event);
    }

    /** Sends now, or after {@code session.started} if it has not come yet. */
    private void command(JsonNode event) {
        String text = event.toString();
        synchronized (sending) {
            if (!started) {
                waiting.add(text);
                return;
            }
        }
        socket.sendText(text);
    }

    private void sessionStarted() {
        synchronized (sending) {
            started = true;
            for (String text : waiting) {
                socket.sendText(text);
            }
            waiting.clear();
        }
    }

    // ---------------------------------------------------------------- server events

    @Override
    public void onOpen() {
        listener.onConnected();
    }

    @Override
    public void onClosed(int code, String reason, RealtimeFailure failure) {
        RealtimeFailure f = failure != null && failure.kind() == RealtimeFailure.Kind.KEY_REJECTED
                ? RealtimeFailure.liveKeyRejected() : failure;
        listener.onClosed(code, reason, f);
    }

    @Override
    public void onMessage(byte[] message, int size) {
        if (ModelMessages.startsWith(message, size, DELTA_PREFIX) && fastAudioDelta(message, size)) {
            return;
        }
        JsonNode event = ModelMessages.event(json, message, size, "GPT-Live");
        if (event == null) {
            return;
        }
        String type = event.get("type").asText();
        try {
            dispatch(type, event);
        } catch (RuntimeException ex) {
            log.error("Could not handle the GPT-Live event {} ({})", type, label, ex);
            listener.onEventFailed(type, ex);
        }
    }

    private void dispatch(String type, JsonNode e) {
        switch (type) {
            case LiveEvents.SESSION_STARTED -> {
                // OpenAI support asks for this id about a session (Twilio's GPT-Live provider keeps it too)
                log.info("GPT-Live session {} started ({})", e.path("session").path("id").asText("?"), label);
                sessionStarted();
                listener.onSessionReady();
            }
            case LiveEvents.ERROR -> listener.onError(error(e.path("error")));
            case LiveEvents.AUDIO_DELTA -> {
                if (e.path("delta").isTextual()) {
                    audioDelta(Base64Audio.of(e.get("delta").asText()));
                } else {
                    log.warn("Ignoring a GPT-Live audio delta without audio ({})", label);
                }
            }
            case LiveEvents.OUTPUT_TRANSCRIPT -> {
                String item = assistantSpeaks();
                String delta = e.path("delta").asText("");
                assistantText.append(delta);
                listener.onAssistantTranscriptDelta(item, delta);
            }
            case LiveEvents.INPUT_TRANSCRIPT -> callerWords(e.path("delta").asText(""));
            case LiveEvents.RESPONSE_EVENT -> responseEvent(e.path("event"));
            case LiveEvents.USAGE_UPDATED -> sessionTime(e.path("usage").path("seconds"));
            case LiveEvents.SESSION_CLOSED -> {
                sessionTime(e.path("usage").path("seconds"));
                sessionClosed(e.path("reason").asText(""));
                if (closing) {
                    socket.close(); // the answer to our session.close: nothing more will come
                }
            }
            case LiveEvents.DELEGATION_CREATED -> log.debug("GPT-Live delegation {} to {} ({})",
                    e.path("delegation").path("id").asText(), e.path("delegation").path("target").asText(), label);
            default -> log.trace("GPT-Live event {} ({})", type, label);
        }
    }

    private void audioDelta(Base64Audio audio) {
        listener.onAudioDelta(assistantSpeaks(), audio);
    }

    /** The assistant's current speech, started (ending the caller's turn) if none is under way. */
    private String assistantSpeaks() {
        outputQuietMs = 0;
        if (assistantItem == null) {
            endCallerTurn();
            assistantItem = "live_out_" + (++turns);
            listener.onAssistantItemStarted(assistantItem);
        }
        return assistantItem;
    }

    private void callerWords(String delta) {
        if (callerItem == null) {
            callerItem = "live_in_" + (++turns);
            listener.onCallerSpeechStarted(callerItem); // over the assistant's speech: the barge-in
            endAssistantSpeech();
        }
        callerQuietMs = 0;
        callerWordsNanos = System.nanoTime();
        outputQuietMs = 0; // the assistant's answer comes after the caller's words
        callerText.append(delta);
        listener.onCallerTranscriptDelta(callerItem, delta);
    }

    private void endCallerTurn() {
        if (callerItem == null) {
            return;
        }
        String item = callerItem;
        callerItem = null;
        listener.onCallerSpeechStopped(Math.max(0, System.nanoTime() - callerWordsNanos));
        listener.onCallerTranscriptCompleted(item, callerText.toString(), null);
        callerText.setLength(0);
    }

    private void endAssistantSpeech() {
        if (assistantItem == null) {
            return;
        }
        String item = assistantItem;
        assistantItem = null;
        listener.onAudioDone(item);
        listener.onAssistantTranscriptDone(item, assistantText.toString());
        assistantText.setLength(0);
    }

    /** A Responses event of a delegated request: its start, tool calls and end. */
    private void responseEvent(JsonNode event) {
        switch (event.path("type").asText("")) {
            case "response.created" -> listener.onResponseStarted();
            case "response.output_item.done" -> {
                JsonNode item = event.path("item");
                if ("function_call".equals(item.path("type").asText()) && !item.path("call_id").asText("").isEmpty()
                        && !"incomplete".equals(item.path("status").asText())) {
                    String name = item.path("name").asText("");
                    hangUpCalled |= Tools.HANG_UP.equals(name);
                    listener.onToolCall(name, item.path("call_id").asText(""), item.path("arguments").asText(""));
                }
            }
            case "response.completed" -> {
                if (hangUpCalled) { // GPT-Live may still be saying goodbye: the hang-up waits for its last words
                    hangUpCalled = false;
                    heldDone = "completed";
                    outputQuietMs = 0;
                } else {
                    listener.onResponseDone(null, "completed", null);
                }
            }
            case "response.failed", "response.incomplete" -> {
                JsonNode response = event.path("response");
                JsonNode err = response.path("error");
                String code = err.path("code").asText(response.path("incomplete_details").path("reason")
                        .asText("unknown"));
                String status = event.path("type").asText().substring("response.".length());
                listener.onResponseDone(null, status, "failed".equals(status) ? code : null);
            }
            default -> log.trace("GPT-Live backend event {} ({})", event.path("type").asText(), label);
        }
    }

    private void sessionTime(JsonNode seconds) {
        if (seconds.isNumber() && seconds.asDouble() >= 0) {
            listener.onSessionTime(seconds.asDouble());
        }
    }

    private void releaseHeldDone() {
        String status = heldDone;
        heldDone = null;
        if (status != null) {
            listener.onResponseDone(null, status, null);
        }
    }

    private void sessionClosed(String reason) {
        endCallerTurn();
        endAssistantSpeech();
        releaseHeldDone();
        if ("expired".equals(reason)) {
            listener.onError(new RealtimeError("session_expired", "The GPT-Live session expired", "",
                    RealtimeError.Kind.SESSION_EXPIRED, RealtimeError.GPT_LIVE));
        } else if ("content".equals(reason)) {
            listener.onError(new RealtimeError("content", "GPT-Live closed the session over its content", "",
                    RealtimeError.Kind.SESSION_EXPIRED, RealtimeError.GPT_LIVE));
        } else {
            log.debug("GPT-Live session closed: {} ({})", reason, label);
        }
    }

    private RealtimeError error(JsonNode error) {
        String code = error.path("code").asText(error.path("type").asText(""));
        String eventId = error.path("client_event_id").asText("");
        RealtimeError.Kind kind;
        if ("invalid_api_key".equals(code) || "permission_denied".equals(code) || "model_not_found".equals(code)) {
            kind = RealtimeError.Kind.KEY_REJECTED;
            socket.failWith(RealtimeFailure.liveKeyRejected());
        } else if (LiveEvents.START_EVENT_ID.equals(eventId)) {
            kind = RealtimeError.Kind.SETUP_REJECTED;
        } else {
            kind = RealtimeError.Kind.OTHER;
        }
        return new RealtimeError(code, error.path("message").asText("no message"), eventId, kind,
                RealtimeError.GPT_LIVE);
    }

    /** The delta's base64 where it lies in the socket's buffer; false means "use the full parser". */
    private boolean fastAudioDelta(byte[] message, int length) {
        int deltaStart = -1;
        int deltaLength = -1;
        try (JsonParser p = json.getFactory().createParser(message, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("delta".equals(field) && value == JsonToken.VALUE_STRING) {
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
        if (deltaStart < 0) {
            return false;
        }
        try {
            audioDelta(Base64Audio.view(message, deltaStart, deltaLength));
        } catch (RuntimeException ex) {
            log.error("Could not relay an audio delta ({})", label, ex);
        }
        return true;
    }
}
