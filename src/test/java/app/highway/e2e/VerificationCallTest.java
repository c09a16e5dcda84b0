package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.call.CallState;
import app.highway.call.CallEvent;
import app.highway.support.BridgeHarness;
import app.highway.support.ServerEvents;
import app.highway.config.CallSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A verification call end to end over real sockets: control API, fake Twilio REST, fake carrier
 * media stream, fake Realtime (GA) server.
 */
@Tag("e2e")
class VerificationCallTest {
    private BridgeHarness h;

    @BeforeEach
    void start() throws Exception {
        h = BridgeHarness.start();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void placesTheCallWithStreamTwimlStatusEventsAndLimits() throws Exception {
        LiveCall call = LiveCall.answered(h, "908172");
        var created = call.created;
        assertEquals("+15559876543", created.param("To"));
        assertEquals("+15550001111", created.param("From"));
        String twiml = created.param("Twiml");
        assertTrue(twiml.contains("<Connect><Stream url=\"ws://127.0.0.1:" + h.bridge.port() + "/media-stream\">"),
                twiml);
        assertTrue(twiml.contains("<Parameter name=\"streamToken\""), twiml);
        assertTrue(twiml.contains("<Parameter name=\"callId\" value=\"" + call.id + "\""), twiml);
        assertFalse(twiml.contains("908172"), "the verification code must not travel to Twilio");
        assertEquals(h.statusCallbackUrl(), created.param("StatusCallback"));
        assertEquals(List.of("initiated", "ringing", "answered", "completed"), created.form().get("StatusCallbackEvent"));
        assertEquals("30", created.param("Timeout"));
        assertEquals("300", created.param("TimeLimit"));
    }

    @Test
    void speaksTheGaDialectWithTheSeedSession() throws Exception {
        LiveCall call = LiveCall.answered(h, "123");
        assertEquals("/v1/realtime?model=gpt-realtime", call.model.resource);
        assertEquals("Bearer " + BridgeHarness.OPENAI_KEY, call.model.authorization);
        assertNull(call.model.betaHeader, "the beta header must not be sent");
        assertNull(call.model.extensions, "no compression (or other extension) offered on the model socket");

        JsonNode s = call.sessionUpdate.path("session");
        assertEquals("realtime", s.path("type").asText());
        assertEquals("gpt-realtime", s.path("model").asText());
        assertEquals("[\"audio\"]", s.path("output_modalities").toString());
        assertTrue(s.path("instructions").asText().startsWith("You are a cheerful phone assistant. You work for Olive"));
        assertEquals("audio/pcmu", s.path("audio").path("input").path("format").path("type").asText());
        assertEquals("audio/pcmu", s.path("audio").path("output").path("format").path("type").asText());
        assertEquals("shimmer", s.path("audio").path("output").path("voice").asText());
        JsonNode vad = s.path("audio").path("input").path("turn_detection");
        assertEquals("server_vad", vad.path("type").asText());
        assertEquals(0.95, vad.path("threshold").asDouble());
        assertTrue(vad.has("prefix_padding_ms") && vad.has("silence_duration_ms"));
        assertTrue(s.path("audio").path("input").path("transcription").path("model").isTextual());
        assertFalse(s.has("temperature"), "GA rejects temperature");
        assertFalse(s.has("modalities") || s.has("voice") || s.has("input_audio_format"), "no beta fields");
        List<String> tools = new ArrayList<>();
        s.path("tools").forEach(t -> tools.add(t.path("name").asText()));
        assertEquals(List.of("hang_up_call", "call_reflection_data"), tools);
        JsonNode reflection = s.path("tools").get(1).path("parameters").path("properties").path("status").path("enum");
        assertEquals("[\"user_hung_up\",\"system_error\",\"successful_call\",\"unsuccessful_call\",\"in_progress\"]",
                reflection.toString());

        JsonNode item = call.verificationItem.path("item");
        assertEquals("message", item.path("type").asText());
        String text = item.path("content").get(0).path("text").asText();
        assertEquals("input_text", item.path("content").get(0).path("type").asText());
        assertTrue(text.startsWith("SYSTEM:(") && text.contains("1 2 3"), text);
    }

    @Test
    void happyPathSpeaksTheCodeRecordsTheOutcomeAndHangsUpAfterTheLastWordsArePlayed() throws Exception {
        List<CallEvent> events = new CopyOnWriteArrayList<>();
        h.bridge.events().subscribe(events::add);
        LiveCall call = LiveCall.answered(h, "123");
        var model = call.model;
        var stream = call.stream;

        String callerFrame = stream.sendMedia(20, ServerEvents.audio(160, 1));
        model.awaitAppend(callerFrame);

        model.send(ServerEvents.outputItemAdded("resp_1", "item_a1"));
        model.send(ServerEvents.transcriptDelta("resp_1", "item_a1", "Your code is"));
        byte[] greeting = ServerEvents.audio(800, 2);
        long sentAt = System.nanoTime();
        model.send(ServerEvents.audioDelta("resp_1", "item_a1", greeting));
        JsonNode media = stream.awaitEvent("media");
        long firstAudioMicros = (System.nanoTime() - sentAt) / 1000;
        assertEquals(stream.streamSid, media.path("streamSid").asText());
        assertEquals(Base64.getEncoder().encodeToString(greeting), media.path("media").path("payload").asText());
        model.send(ServerEvents.transcriptDone("resp_1", "item_a1", "Your code is 1 2 3."));
        model.send(ServerEvents.responseDone("resp_1", 200, 10, 0, 8, 40));
        String mark1 = stream.awaitEvent("mark").path("mark").path("name").asText();
        stream.echoMark(mark1);
        // the caller speaks only after the greeting was heard to the end (no barge-in)
        h.awaitCall(call.id, c -> c.path("speaking").isNull(), Duration.ofSeconds(5));

        model.send(ServerEvents.speechStarted("item_c1", 900));
        model.send(ServerEvents.speechStopped("item_c1", 1900));
        model.send(ServerEvents.inputTranscript("item_c1", "Thanks, got it."));

        model.send(ServerEvents.outputItemAdded("resp_2", "item_a2"));
        model.send(ServerEvents.audioDelta("resp_2", "item_a2", ServerEvents.audio(400, 3)));
        model.send(ServerEvents.transcriptDone("resp_2", "item_a2", "Goodbye!"));
        model.send(ServerEvents.functionCall("resp_2", "call_reflection_data", "call_r", "{\"status\":\"successful_call\"}"));
        model.send(ServerEvents.functionCall("resp_2", "hang_up_call", "call_h", "{\"hangup\":true}"));
        model.send(ServerEvents.responseDone("resp_2", 250, 20, 128, 4, 20));

        JsonNode out1 = model.awaitMessage("conversation.item.create").path("item");
        JsonNode out2 = model.awaitMessage("conversation.item.create").path("item");
        assertEquals("function_call_output", out1.path("type").asText());
        assertEquals("call_r", out1.path("call_id").asText());
        assertEquals("call_h", out2.path("call_id").asText());

        String mark2 = stream.awaitEvent("mark").path("mark").path("name").asText();
        JsonNode hangupMark = stream.awaitEvent("mark");
        assertEquals("hangup", hangupMark.path("mark").path("name").asText());
        // Twilio has not yet played the last words: nothing is hung up
        assertTrue(h.twilio.updatesSoFar().isEmpty(), "hung up before the last audio was played");
        stream.echoMark(mark2);
        stream.echoMark("hangup");

        var hangUp = h.twilio.awaitUpdate(Duration.ofSeconds(5));
        assertTrue(hangUp.path().endsWith("/Calls/" + call.callSid + ".json"), hangUp.path());
        assertEquals("completed", hangUp.param("Status"));
        h.carrier.status(h.statusCallbackUrl(), call.callSid, "completed");

        JsonNode record = h.awaitCall(call.callSid, c -> "completed".equals(c.path("state").asText()),
                Duration.ofSeconds(5));
        assertEquals("successful_call", record.path("reflection").asText());
        assertEquals("assistant_hung_up", record.path("endReason").asText());
        assertEquals(1, record.path("turnLatency").path("count").asInt(), "the answer to the caller is a turn, the "
                + "greeting none: " + record.path("turnLatency"));
        JsonNode usage = record.path("usage");
        assertEquals(200 + 10 + 250 + 20, usage.path("inputTokens").asLong());
        assertEquals(8 + 40 + 4 + 20, usage.path("outputTokens").asLong());
        assertEquals(128, usage.path("cachedTokens").asLong());
        assertEquals(60, usage.path("outputAudioTokens").asLong());
        double expected = ((450 - 128) * 4.00 + 128 * 0.40 + 30 * 32.00 + 12 * 16.00 + 60 * 64.00) / 1_000_000.0;
        assertEquals(expected, record.path("costUsd").asDouble(), 1e-9);
        List<String> transcript = new ArrayList<>();
        record.path("transcript").forEach(l -> transcript.add(l.path("speaker").asText() + ": " + l.path("text").asText()));
        // records (API, store) never hold the code, even where the assistant spoke it
        assertEquals(List.of("assistant: Your code is [code].", "caller: Thanks, got it.", "assistant: Goodbye!"),
                transcript);
        // the live console may show it
        assertEquals("Your code is 1 2 3.",
                h.bridge.registry().find(call.id).orElseThrow().snapshot().transcript().get(0).text());
        assertTrue(model.awaitClosedByBridge(), "model socket left open");
        assertTrue(stream.awaitClosedByBridge(), "media stream left open");
        assertEquals(0, h.bridge.calls().liveSessions());
        assertEquals(0, h.bridge.calls().outstandingStreamTokens());

        // observers (the console, the store) saw the whole call as typed events, in order
        // (timeline notes come from the model socket as well as from Twilio: the model socket opens while the
        // phone rings, so its first note and Twilio's "ringing" may come in either order)
        List<String> kinds = events.stream().map(e -> e.getClass().getSimpleName())
                .filter(k -> !k.equals("TimelineNoted")).distinct().toList();
        assertEquals(List.of("CallCreated", "CallPlaced", "StateChanged", "TranscriptUpdated",
                "SpeakerChanged", "UsageUpdated", "TurnMeasured", "ToolCalled", "ReflectionReported", "CallEnded"), kinds);
        assertTrue(events.stream().anyMatch(e -> e instanceof CallEvent.TimelineNoted t
                && t.detail().equals("model socket open")), "the timeline says when the model socket opened");
        CallEvent last = events.get(events.size() - 1);
        assertTrue(last instanceof CallEvent.CallEnded ended && ended.state() == CallState.COMPLETED, last.toString());
        org.slf4j.LoggerFactory.getLogger(getClass()).info("model audio delta -> Twilio media frame: {} µs",
                firstAudioMicros);
    }

    /**
     * The caller's words are transcribed by the transcription model (gpt-4o-mini-transcribe by default),
     * billed per token at its own price; each transcription-completed event says what it used. The call's
     * cost is the voice model's plus the transcription's, and every record (API, store, CSV) shows the split.
     */
    @Test
    void theCallersTranscriptionIsBilledAtTheTranscriptionModelsTokenPrices() throws Exception {
        List<CallEvent> events = new CopyOnWriteArrayList<>();
        h.bridge.events().subscribe(events::add);
        LiveCall call = LiveCall.answered(h, "123");
        assertEquals("gpt-4o-mini-transcribe", call.sessionUpdate.path("session").path("audio").path("input")
                .path("transcription").path("model").asText());
        call.model.send(ServerEvents.responseDone("r1", 200, 10, 0, 8, 40));
        call.model.send(ServerEvents.inputTranscript("c1", "Thanks, got it.", 12, 150, 9));
        call.model.send(ServerEvents.inputTranscript("c2", "Bye.", 0, 60, 3));
        call.model.send(ServerEvents.responseDone("r2", 50, 0, 0, 5, 20));
        // the model's events are handled in order: once r2 is counted, so are both transcriptions
        h.awaitCall(call.id, c -> c.path("usage").path("totalTokens").asLong() == 210 + 48 + 50 + 25,
                Duration.ofSeconds(5));
        call.stream.sendStop();
        JsonNode live = h.awaitCall(call.id, c -> "completed".equals(c.path("state").asText()), Duration.ofSeconds(5));

        double voice = (200 * 4.00 + 10 * 32.00 + 8 * 16.00 + 40 * 64.00 + 50 * 4.00 + 5 * 16.00 + 20 * 64.00) / 1e6;
        double transcription = (150 * 3.00 + 12 * 1.25 + 9 * 5.00 + 60 * 3.00 + 3 * 5.00) / 1e6;
        assertEquals(0.005368, voice, 1e-12);
        assertEquals(0.000705, transcription, 1e-12);
        assertCostSplit(live, voice, transcription);
        JsonNode tu = live.path("transcriptionUsage");
        assertEquals(222, tu.path("inputTokens").asLong());
        assertEquals(12, tu.path("inputTextTokens").asLong());
        assertEquals(210, tu.path("inputAudioTokens").asLong());
        assertEquals(12, tu.path("outputTokens").asLong());
        assertEquals(234, tu.path("totalTokens").asLong());
        assertEquals(0.0, tu.path("seconds").asDouble());
        assertEquals(6, tu.size(), "the transcription usage's fields, nothing else: " + tu);
        assertEquals(260, live.path("usage").path("inputTokens").asLong(), "the voice usage holds no transcription");

        CallEvent.UsageUpdated last = events.stream().filter(e -> e instanceof CallEvent.UsageUpdated)
                .map(e -> (CallEvent.UsageUpdated) e).reduce((a, b) -> b).orElseThrow();
        assertEquals(voice, last.voiceCostUsd(), 1e-12);
        assertEquals(transcription, last.transcriptionCostUsd(), 1e-12);
        assertEquals(voice + transcription, last.costUsd(), 1e-12);
        assertEquals(234, last.transcription().totalTokens());

        // the stored record, after a restart: API (one call and the list) and CSV
        h.close();
        h = BridgeHarness.start(Map.of("HIGHWAY_DATA_DIR", h.dataDir.toString()));
        assertCostSplit(h.call(call.id), voice, transcription);
        assertEquals(234, h.call(call.id).path("transcriptionUsage").path("totalTokens").asLong());
        JsonNode listed = h.json(h.get("/calls", BridgeHarness.API_TOKEN).body()).path("calls").get(0);
        assertEquals(call.id, listed.path("id").asText());
        assertCostSplit(listed, voice, transcription);
        Map<String, String> row = csvRow(call.id);
        assertEquals("0.00607300", row.get("costUsd"));
        assertEquals("0.00536800", row.get("voiceCostUsd"));
        assertEquals("0.00070500", row.get("transcriptionCostUsd"));
        assertEquals("gpt-4o-mini-transcribe", row.get("transcriptionModel"));
        assertEquals("234", row.get("transcriptionTokens"));
    }

    /** whisper-1 is billed by the minute of audio: its events report seconds, not tokens. */
    @Test
    void aTranscriptionBilledByDurationIsPricedPerMinute() throws Exception {
        var settings = h.bridge.console().settings();
        CallSettings s = settings.current();
        settings.save(new CallSettings(s.model(), s.voice(), s.temperature(), s.vadThreshold(), s.prefixPaddingMs(),
                s.silenceDurationMs(), "whisper-1", s.maxCallSeconds(), s.ringTimeoutSeconds(), s.instructions(),
                s.verificationTemplate(), s.promptVersion()));
        LiveCall call = LiveCall.answered(h, "123");
        assertEquals("whisper-1", call.sessionUpdate.path("session").path("audio").path("input")
                .path("transcription").path("model").asText());
        call.model.send(ServerEvents.responseDone("r1", 100, 0, 0, 10, 40));
        call.model.send(ServerEvents.inputTranscript("c1", "Thanks, got it.", 2.5));
        call.model.send(ServerEvents.inputTranscript("c2", "Bye.", 4.0));
        call.model.send(ServerEvents.responseDone("r2", 50, 0, 0, 5, 20));
        h.awaitCall(call.id, c -> c.path("usage").path("totalTokens").asLong() == 150 + 75, Duration.ofSeconds(5));
        call.stream.sendStop();
        JsonNode record = h.awaitCall(call.id, c -> "completed".equals(c.path("state").asText()),
                Duration.ofSeconds(5));

        double voice = (100 * 4.00 + 10 * 16.00 + 40 * 64.00 + 50 * 4.00 + 5 * 16.00 + 20 * 64.00) / 1e6;
        double transcription = 6.5 / 60 * 0.006;
        assertEquals(0.00065, transcription, 1e-12);
        assertCostSplit(record, voice, transcription);
        assertEquals(6.5, record.path("transcriptionUsage").path("seconds").asDouble(), 1e-9);
        assertEquals(0, record.path("transcriptionUsage").path("totalTokens").asLong());
        h.bridge.storeWriter().flush();
        Map<String, String> row = csvRow(call.id);
        assertEquals("0.00533000", row.get("costUsd"));
        assertEquals("0.00468000", row.get("voiceCostUsd"));
        assertEquals("0.00065000", row.get("transcriptionCostUsd"));
        assertEquals("6.5", row.get("transcriptionSeconds"));
        assertEquals("whisper-1", row.get("transcriptionModel"));
    }

    private static void assertCostSplit(JsonNode record, double voice, double transcription) {
        assertEquals(voice + transcription, record.path("costUsd").asDouble(), 1e-12,
                "the call's cost includes the caller's transcription: " + record);
        assertEquals(voice, record.path("voiceCostUsd").asDouble(), 1e-12, record.toString());
        assertEquals(transcription, record.path("transcriptionCostUsd").asDouble(), 1e-12, record.toString());
    }

    private Map<String, String> csvRow(String id) throws Exception {
        String csv = h.get("/calls/export.csv", BridgeHarness.API_TOKEN).body();
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            for (Map<String, String> row : rows.readAll()) {
                if (id.equals(row.get("id"))) {
                    return row;
                }
            }
        }
        throw new AssertionError("no CSV row for " + id + ": " + csv);
    }

    @Test
    void hangsUpAnywayWhenTwilioNeverConfirmsTheLastMark() throws Exception {
        LiveCall call = LiveCall.answered(h, "123");
        call.model.send(ServerEvents.outputItemAdded("resp_1", "item_a1"));
        call.model.send(ServerEvents.audioDelta("resp_1", "item_a1", ServerEvents.audio(800, 1)));
        call.model.send(ServerEvents.functionCall("resp_1", "hang_up_call", "call_h", "{\"hangup\":true}"));
        call.model.send(ServerEvents.responseDone("resp_1", 10, 0, 0, 1, 5));
        call.stream.awaitEvent("media");
        long sent = System.nanoTime();
        assertTrue(call.stream.awaitEvent("mark").path("mark").path("name").asText().startsWith("end-"));
        assertEquals("hangup", call.stream.awaitEvent("mark").path("mark").path("name").asText());
        var hangUp = h.twilio.awaitUpdate(Duration.ofSeconds(6));
        long waitedMs = Duration.ofNanos(System.nanoTime() - sent).toMillis();
        assertEquals("completed", hangUp.param("Status"));
        assertTrue(waitedMs >= 2000, "hung up before the guard allowed the last words to play: " + waitedMs);
        JsonNode record = h.awaitCall(call.id, c -> c.path("endedAt").isTextual(), Duration.ofSeconds(5));
        assertEquals("assistant_hung_up", record.path("endReason").asText());
    }

    @Test
    void bargeInClearsTwilioAndTruncatesAtWhatWasPlayed() throws Exception {
        LiveCall call = LiveCall.answered(h, "4567");
        var model = call.model;
        var stream = call.stream;
        call.model.awaitAppend(stream.sendMedia(1000, ServerEvents.audio(160, 4)));

        model.send(ServerEvents.outputItemAdded("resp_1", "item_a1"));
        for (int i = 0; i < 5; i++) {
            model.send(ServerEvents.audioDelta("resp_1", "item_a1", ServerEvents.audio(800, 10 + i)));
        }
        for (int i = 0; i < 5; i++) {
            stream.awaitEvent("media");
        }
        // 240 ms of the 500 ms sent have been played when the caller starts talking
        call.model.awaitAppend(stream.sendMedia(1240, ServerEvents.audio(160, 5)));
        model.send(ServerEvents.speechStarted("item_c1", 1200));

        JsonNode truncate = model.awaitMessage("conversation.item.truncate");
        assertEquals("item_a1", truncate.path("item_id").asText());
        assertEquals(0, truncate.path("content_index").asInt());
        assertEquals(240, truncate.path("audio_end_ms").asLong());
        JsonNode clear = stream.awaitEvent("clear");
        assertEquals(stream.streamSid, clear.path("streamSid").asText());
        JsonNode record = h.awaitCall(call.id, c -> {
            for (JsonNode e : c.path("timeline")) {
                if ("barge-in".equals(e.path("kind").asText())) {
                    return true;
                }
            }
            return false;
        }, Duration.ofSeconds(5));
        assertEquals("in-progress", record.path("state").asText());
    }

    @Test
    void calleeHangingUpMidSentenceEndsTheCallAndClosesTheModelSocket() throws Exception {
        LiveCall call = LiveCall.answered(h, "123");
        call.model.send(ServerEvents.outputItemAdded("resp_1", "item_a1"));
        call.model.send(ServerEvents.audioDelta("resp_1", "item_a1", ServerEvents.audio(800, 1)));
        call.stream.awaitEvent("media");
        call.stream.sendStop();

        JsonNode record = h.awaitCall(call.callSid, c -> "completed".equals(c.path("state").asText()),
                Duration.ofSeconds(5));
        assertEquals("caller_hung_up", record.path("endReason").asText());
        assertTrue(call.model.awaitClosedByBridge(), "model socket left open");
        // a late status callback changes nothing
        h.carrier.status(h.statusCallbackUrl(), call.callSid, "ringing");
        assertEquals("completed", h.call(call.callSid).path("state").asText());
        assertTrue(h.twilio.updatesSoFar().isEmpty(), "the callee already hung up: nothing to end");
    }

    @Test
    void aMalformedMediaFrameIsIgnoredAndTheCallGoesOn() throws Exception {
        LiveCall call = LiveCall.answered(h, "123");
        call.stream.sendRaw("{not json");
        call.stream.sendRaw("{\"event\":\"media\",\"streamSid\":\"" + call.stream.streamSid
                + "\",\"media\":{\"timestamp\":\"40\",\"payload\":\"%%%not-base64%%%\"}}");
        call.stream.sendRaw("{\"event\":\"media\",\"media\":{\"timestamp\":\"x\",\"payload\":42}}");
        call.stream.sendRaw("[1,2,3]");
        String good = call.stream.sendMedia(60, ServerEvents.audio(160, 9));
        call.model.awaitAppend(good);
        assertEquals("in-progress", h.call(call.callSid).path("state").asText());
    }
}
