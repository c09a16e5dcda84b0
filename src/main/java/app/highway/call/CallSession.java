package app.highway.call;

import app.highway.realtime.RealtimeClient;
import app.highway.realtime.RealtimeFailure;
import app.highway.realtime.RealtimeListener;
import app.highway.realtime.SessionUpdate;
import app.highway.twilio.MediaEvent;
import app.highway.twilio.MediaSink;
import app.highway.twilio.MediaStreamProtocol;
import app.highway.usage.PriceTable;
import app.highway.usage.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays one call's audio between its Twilio media stream and its model socket, and turns the
 * model's events into the call's record: transcript, tools, usage, barge-in. Media events arrive
 * on a Jetty thread, model events on the socket's reader thread; playback bookkeeping is guarded
 * by {@code lock}, and nothing here blocks.
 */
final class CallSession implements RealtimeListener {
    private static final Logger log = LoggerFactory.getLogger(CallSession.class);
    static final String HANG_UP_MARK = "hangup";

    private final Call call;
    private final CallService service;
    private final ObjectMapper json;
    private final MediaStreamProtocol protocol;
    private final PriceTable prices;
    private final Object lock = new Object();

    private volatile RealtimeClient model;
    private volatile boolean closed;
    private volatile boolean sessionReady;
    private volatile MediaSink sink;
    private volatile String streamSid;
    private volatile long latestMediaTimestamp;
    private String verificationCode;
    private boolean greeted;
    /** The model socket may drop once mid-call: the bridge reconnects with the same settings and a summary. */
    private volatile boolean reconnecting;
    private volatile boolean reconnected;

    // playback of the assistant's current item, for barge-in and the final mark. One mark per item,
    // sent after its last audio: Twilio echoes it when the item has been heard to the end.
    private String assistantItemId;
    private long assistantItemStartTs;
    private long assistantSentMs;
    private String endMark;
    private boolean endMarkSent;
    private int markSeq;

    private boolean hangUpRequested;
    private boolean hangUpMarkSent;
    private boolean followUpNeeded;

    final AtomicLong framesToModel = new AtomicLong();
    final AtomicLong framesDropped = new AtomicLong();
    final AtomicLong framesToCaller = new AtomicLong();
    final AtomicLong malformedFrames = new AtomicLong();

    CallSession(Call call, String verificationCode, CallService service, ObjectMapper json, PriceTable prices) {
        this.call = call;
        this.verificationCode = verificationCode;
        this.service = service;
        this.json = json;
        this.protocol = new MediaStreamProtocol(json);
        this.prices = prices;
    }

    Call call() {
        return call;
    }

    String streamSid() {
        return streamSid;
    }

    /** A model socket attached after the session was closed (the call ended meanwhile) is closed at once. */
    void attachModel(RealtimeClient client) {
        this.model = client;
        if (closed) {
            client.close();
        }
    }

    void close() {
        closed = true;
        RealtimeClient m = model;
        if (m != null) {
            m.close();
        }
        MediaSink s = sink;
        if (s != null) {
            s.close(1000, "call ended");
        }
    }

    // ---------------------------------------------------------------- Twilio side

    void streamStarted(MediaEvent.Start start, MediaSink mediaSink) {
        this.sink = mediaSink;
        this.streamSid = start.streamSid();
        call.note("stream", "media stream " + start.streamSid() + " started");
        call.moveTo(CallState.IN_PROGRESS);
        maybeGreet();
    }

    void onMedia(MediaEvent.Media media) {
        latestMediaTimestamp = media.timestamp();
        RealtimeClient m = model;
        if (m != null && m.appendAudio(media.payload())) {
            framesToModel.incrementAndGet();
        } else {
            framesDropped.incrementAndGet();
        }
    }

    void onMark(MediaEvent.Mark mark) {
        if (HANG_UP_MARK.equals(mark.name())) {
            log.info("Call {}: last words played, hanging up", call.id());
            service.endCall(call, EndReason.ASSISTANT_HUNG_UP, null);
            return;
        }
        synchronized (lock) {
            if (mark.name().equals(endMark)) {
                endMark = null;
                assistantItemId = null;
                call.speaking(null);
            }
        }
    }

    void onMalformed(String reason) {
        long n = malformedFrames.incrementAndGet();
        if (n <= 5 || n % 1000 == 0) {
            log.warn("Call {}: ignored a malformed media message ({}); {} so far", call.id(), reason, n);
        }
    }

    // ---------------------------------------------------------------- model side

    @Override
    public void onOpen() {
        call.note("model", "model socket open");
        model.send(SessionUpdate.build(json, call.settings()));
    }

    @Override
    public void onEvent(String type, JsonNode e) {
        try {
            handle(type, e);
        } catch (RuntimeException ex) {
            log.error("Call {}: could not handle model event {}", call.id(), type, ex);
            call.problem("Could not handle the model's " + type + " event: " + ex.getClass().getSimpleName());
        }
    }

    private void handle(String type, JsonNode e) {
        switch (type) {
            case "session.updated" -> {
                sessionReady = true;
                call.note("model", "session configured");
                boolean spokenBefore;
                synchronized (lock) {
                    spokenBefore = greeted;
                }
                if (reconnecting && spokenBefore) {
                    resume();
                } else {
                    reconnecting = false;
                    maybeGreet(); // dropped while ringing: nothing was said yet, greet as usual
                }
            }
            case "error" -> onModelError(e.path("error"));
            case "input_audio_buffer.speech_started" -> onCallerSpeech(e.path("item_id").asText(null));
            case "input_audio_buffer.speech_stopped" -> call.speaking(null);
            case "conversation.item.input_audio_transcription.delta" ->
                    call.transcriptDelta(e.path("item_id").asText(), Speaker.CALLER, e.path("delta").asText(""));
            case "conversation.item.input_audio_transcription.completed" ->
                    call.transcriptFinal(e.path("item_id").asText(), Speaker.CALLER, e.path("transcript").asText(""));
            case "conversation.item.input_audio_transcription.failed" ->
                    call.problem("The caller's words could not be transcribed: "
                            + e.path("error").path("message").asText("unknown reason"));
            case "response.output_item.added" -> {
                JsonNode item = e.path("item");
                if ("message".equals(item.path("type").asText())) {
                    call.transcriptStarted(item.path("id").asText(), Speaker.ASSISTANT);
                }
            }
            case "response.output_audio.delta" -> relayAudio(e.path("item_id").asText(""), e.path("delta").asText(""));
            case "response.output_audio.done" -> sendEndMark(e.path("item_id").asText(""));
            case "response.output_audio_transcript.delta" ->
                    call.transcriptDelta(e.path("item_id").asText(), Speaker.ASSISTANT, e.path("delta").asText(""));
            case "response.output_audio_transcript.done" ->
                    call.transcriptFinal(e.path("item_id").asText(), Speaker.ASSISTANT, e.path("transcript").asText(""));
            case "response.function_call_arguments.done" -> onToolCall(e.path("name").asText(""),
                    e.path("call_id").asText(""), e.path("arguments").asText(""));
            case "response.done" -> onResponseDone(e.path("response"));
            default -> log.trace("Call {}: model event {}", call.id(), type);
        }
    }

    private void maybeGreet() {
        String code;
        synchronized (lock) {
            if (greeted || !sessionReady || streamSid == null || verificationCode == null) {
                return;
            }
            greeted = true;
            code = verificationCode;
            verificationCode = null;
        }
        ObjectNode item = json.createObjectNode();
        item.put("type", "conversation.item.create");
        ObjectNode message = item.putObject("item");
        message.put("type", "message");
        message.put("role", "user");
        message.putArray("content").addObject()
                .put("type", "input_text")
                .put("text", call.settings().verificationMessage(code));
        model.send(item);
        model.send(json.createObjectNode().put("type", "response.create"));
        call.note("model", "verification message sent, assistant speaks first");
    }

    /** After a reconnect: tell the new session where the conversation was, and let it go on. */
    private void resume() {
        reconnecting = false;
        StringBuilder summary = new StringBuilder("SYSTEM:(The line to you dropped for a moment and is back. The "
                + "call is still going on. The conversation so far:");
        List<TranscriptLine> lines = call.snapshot().transcript();
        for (TranscriptLine line : lines.subList(Math.max(0, lines.size() - 30), lines.size())) {
            summary.append(' ').append(line.speaker() == Speaker.ASSISTANT ? "You said: \"" : "The customer said: \"")
                    .append(line.text()).append("\".");
        }
        if (lines.isEmpty()) {
            summary.append(" nothing has been said yet.");
        }
        summary.append(" Continue from where it stopped; do not start over.)");
        ObjectNode item = json.createObjectNode();
        item.put("type", "conversation.item.create");
        ObjectNode message = item.putObject("item");
        message.put("type", "message");
        message.put("role", "user");
        message.putArray("content").addObject().put("type", "input_text").put("text", summary.toString());
        model.send(item);
        model.send(json.createObjectNode().put("type", "response.create"));
        call.note("model", "reconnected; conversation summary sent");
    }

    @Override
    public void onAudioDelta(String itemId, String base64) {
        try {
            relayAudio(itemId, base64);
        } catch (RuntimeException ex) {
            log.error("Call {}: could not relay an audio delta", call.id(), ex);
        }
    }

    private void relayAudio(String itemId, String base64) {
        MediaSink s = sink;
        String sid = streamSid;
        if (s == null || sid == null || base64.isEmpty()) {
            framesDropped.incrementAndGet();
            return;
        }
        if (!MediaStreamProtocol.isBase64(base64)) {
            call.problem("The model sent audio that is not valid base64; skipped");
            return;
        }
        synchronized (lock) {
            if (!itemId.equals(assistantItemId)) {
                assistantItemId = itemId;
                assistantItemStartTs = latestMediaTimestamp;
                assistantSentMs = 0;
                endMarkSent = false;
            }
            assistantSentMs += MediaStreamProtocol.decodedLength(base64) / 8;
            s.sendText(MediaStreamProtocol.media(sid, base64));
        }
        framesToCaller.incrementAndGet();
        call.speaking(Speaker.ASSISTANT);
    }

    /** After an item's last audio: a mark Twilio echoes once the caller has heard all of it. */
    private void sendEndMark(String itemId) {
        synchronized (lock) {
            MediaSink s = sink;
            if (s == null || assistantItemId == null || endMarkSent || !assistantItemId.equals(itemId)) {
                return;
            }
            endMarkSent = true;
            endMark = "end-" + (++markSeq);
            s.sendText(protocol.mark(streamSid, endMark));
        }
    }

    private void onCallerSpeech(String itemId) {
        call.speaking(Speaker.CALLER);
        if (itemId != null) {
            call.transcriptStarted(itemId, Speaker.CALLER);
        }
        long played;
        String item;
        synchronized (lock) {
            if (assistantItemId == null || sink == null) {
                return;
            }
            item = assistantItemId;
            played = Math.max(0, Math.min(assistantSentMs, latestMediaTimestamp - assistantItemStartTs));
            sink.sendText(protocol.clear(streamSid));
            assistantItemId = null;
            endMark = null;
        }
        ObjectNode truncate = json.createObjectNode();
        truncate.put("type", "conversation.item.truncate");
        truncate.put("item_id", item);
        truncate.put("content_index", 0);
        truncate.put("audio_end_ms", played);
        model.send(truncate);
        call.bargeIn(played);
    }

    private void onToolCall(String name, String toolCallId, String arguments) {
        call.toolCalled(name, arguments);
        JsonNode args;
        try {
            args = json.readTree(arguments.isEmpty() ? "{}" : arguments);
        } catch (Exception ex) {
            args = json.createObjectNode();
        }
        String output;
        if (SessionUpdate.REFLECTION_TOOL.equals(name)) {
            String status = args.path("status").asText("");
            if (SessionUpdate.REFLECTION_STATUSES.contains(status)) {
                call.reflection(status);
                output = "{\"recorded\":true}";
            } else {
                call.problem("The model reported an unknown reflection status: " + status);
                output = "{\"recorded\":false,\"error\":\"status must be one of "
                        + SessionUpdate.REFLECTION_STATUSES + "\"}";
            }
            synchronized (lock) {
                followUpNeeded = true;
            }
        } else if (SessionUpdate.HANG_UP_TOOL.equals(name)) {
            boolean hangUp = args.path("hangup").asBoolean(false);
            synchronized (lock) {
                hangUpRequested |= hangUp;
            }
            output = hangUp ? "{\"ok\":true,\"note\":\"the call ends once your last words have been played\"}"
                    : "{\"ok\":true}";
        } else {
            call.problem("The model called an unknown tool: " + name);
            output = "{\"error\":\"unknown tool\"}";
        }
        ObjectNode item = json.createObjectNode();
        item.put("type", "conversation.item.create");
        ObjectNode fco = item.putObject("item");
        fco.put("type", "function_call_output");
        fco.put("call_id", toolCallId);
        fco.put("output", output);
        model.send(item);
    }

    private void onResponseDone(JsonNode response) {
        String playing;
        synchronized (lock) {
            playing = assistantItemId;
        }
        if (playing != null) {
            sendEndMark(playing); // for servers that skip response.output_audio.done
        }
        JsonNode usageNode = response.path("usage");
        if (usageNode.isObject()) {
            Usage usage = Usage.fromRealtime(usageNode);
            call.addUsage(usage, prices.cost(call.settings().model(), usage));
        }
        String status = response.path("status").asText("");
        if ("failed".equals(status)) {
            JsonNode err = response.path("status_details").path("error");
            call.problem("The model's response failed: " + err.path("code").asText(err.path("type").asText("unknown")));
        }
        boolean sendHangUpMark = false;
        boolean followUp = false;
        long unplayedMs;
        synchronized (lock) {
            if (hangUpRequested && !hangUpMarkSent) {
                hangUpMarkSent = true;
                sendHangUpMark = true;
            } else if (followUpNeeded && !hangUpRequested) {
                followUp = true;
            }
            followUpNeeded = false;
            unplayedMs = assistantItemId == null ? 0
                    : Math.max(0, assistantSentMs - (latestMediaTimestamp - assistantItemStartTs));
        }
        if (sendHangUpMark) {
            MediaSink s = sink;
            if (s != null && streamSid != null) {
                s.sendText(protocol.mark(streamSid, HANG_UP_MARK));
                service.hangUpGuard(call, unplayedMs);
            } else {
                service.endCall(call, EndReason.ASSISTANT_HUNG_UP, null);
            }
        } else if (followUp) {
            model.send(json.createObjectNode().put("type", "response.create"));
        }
    }

    private void onModelError(JsonNode error) {
        String code = error.path("code").asText("");
        String message = error.path("message").asText("no message");
        String text = "OpenAI Realtime error" + (code.isEmpty() ? "" : " " + code) + ": " + message;
        log.warn("Call {}: {}", call.id(), call.redact(text));
        if ("invalid_api_key".equals(code)) {
            service.endCall(call, EndReason.OPENAI_KEY_REJECTED, RealtimeFailure.KEY_REJECTED_MESSAGE);
        } else if (!sessionReady || SessionUpdate.EVENT_ID.equals(error.path("event_id").asText(""))) {
            service.endCall(call, EndReason.MODEL_SETUP_FAILED, "The model session could not be set up: " + text);
        } else if ("session_expired".equals(code)) {
            service.endCall(call, EndReason.MODEL_ERROR, text);
        } else {
            call.problem(text);
        }
    }

    @Override
    public void onClosed(int code, String reason, RealtimeFailure failure) {
        if (call.isOver()) {
            return;
        }
        if (failure != null && failure.kind() == RealtimeFailure.Kind.KEY_REJECTED) {
            service.endCall(call, EndReason.OPENAI_KEY_REJECTED, failure.message());
        } else if (sessionReady && !reconnected) {
            reconnected = true;
            reconnecting = true;
            sessionReady = false;
            synchronized (lock) {
                assistantItemId = null;
                endMark = null;
            }
            String why = failure != null ? failure.message() : "closed (" + code + ")";
            call.problem("The model connection dropped (" + why + "); reconnecting once with the same settings");
            service.reconnectModel(this);
        } else {
            String message = (reconnected ? "Reconnecting to the model failed: " : "")
                    + (failure != null ? failure.message()
                    : "The model connection closed (" + code + (reason.isEmpty() ? "" : " " + reason) + ")")
                    + ". A goodbye cannot be spoken without the model; the call is ended.";
            service.endCall(call, EndReason.MODEL_DISCONNECTED, message);
        }
    }
}
