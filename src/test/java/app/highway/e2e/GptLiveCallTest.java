package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.support.BridgeHarness;
import app.highway.support.FakeCarrier;
import app.highway.support.FakeRealtimeServer;
import app.highway.support.FakeRealtimeServer.ModelPeer;
import app.highway.support.FakeTwilioRest;
import app.highway.support.LiveServerEvents;
import app.highway.support.ServerEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Calls in the GPT-Live dialect end to end over real sockets: the model setting {@code gpt-live-1} sends the
 * next call to the fake's GPT-Live endpoint ({@link FakeRealtimeServer} speaks both dialects, GPT-Live on
 * {@code /v1/live/sessions}), which checks what the bridge sends (session.start first, nothing before
 * session.started, μ-law 8 kHz, the tools as delegated functions) and plays the documented server events. The
 * scenarios of the Realtime e2e tests: happy path, barge-in, caller hangs up, model socket drops, key refused
 * (error event and HTTP 403), session set-up refused, malformed events.
 */
@Tag("e2e")
class GptLiveCallTest {
    private static final String LIVE_MODEL = "gpt-live-1";
    private BridgeHarness h;

    @BeforeEach
    void start() throws Exception {
        h = BridgeHarness.start();
        useModel(h, LIVE_MODEL);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private static void useModel(BridgeHarness harness, String model) {
        var settings = harness.bridge.console().settings();
        settings.save(settings.current().withModel(model));
    }

    /** A GPT-Live call placed, rung, answered, its session started, and the greeting asked for. */
    private record Answered(String id, String callSid, ModelPeer model, JsonNode start, FakeCarrier.Stream stream,
            JsonNode thinking, JsonNode commentary) { }

    private Answered answered(String code) throws Exception {
        var placed = h.postCall("{\"to\":\"+15559876543\",\"verification\":" + code + "}");
        assertEquals(201, placed.statusCode(), placed.body());
        JsonNode answer = h.json(placed.body());
        String id = answer.path("id").asText();
        String callSid = answer.path("callSid").asText();
        FakeTwilioRest.Received created = h.twilio.awaitCreatedCall();
        assertEquals(204, h.carrier.status(h.statusCallbackUrl(), callSid, "ringing"));
        ModelPeer model = h.realtime.awaitPeer();
        assertTrue(model.live, "a gpt-live model speaks GPT-Live: " + model.resource);
        JsonNode start = model.awaitMessage("session.start");
        assertEquals(204, h.carrier.status(h.statusCallbackUrl(), callSid, "in-progress"));
        FakeCarrier.Stream stream = h.carrier.connect(created.param("Twiml"), callSid);
        // the caller is on the line and the greeting is due, but GPT-Live has not started the session yet
        stream.sendMedia(20, ServerEvents.audio(160, 1));
        assertNull(model.pollAny(300), "nothing may follow session.start before session.started");
        assertEquals(List.of("session.start"), types(model.beforeStarted));
        model.startLive();
        JsonNode thinking = model.awaitMessage("session.thinking.append");
        JsonNode commentary = model.awaitMessage("session.commentary.append");
        return new Answered(id, callSid, model, start, stream, thinking, commentary);
    }

    @Test
    void theModelSettingChoosesGptLiveForTheNextCallWithItsOwnSessionStart() throws Exception {
        Answered call = answered("123");
        assertEquals(FakeRealtimeServer.LIVE_PATH, call.model.resource, "no query parameters");
        assertEquals("Bearer " + BridgeHarness.OPENAI_KEY, call.model.authorization);

        assertEquals("hw_session_start", call.start.path("event_id").asText());
        JsonNode s = call.start.path("session");
        assertEquals(LIVE_MODEL, s.path("model").asText());
        assertTrue(s.path("instructions").asText().startsWith("You are a cheerful phone assistant"));
        assertEquals("audio/pcmu", s.path("audio").path("format").path("type").asText());
        assertEquals(8000, s.path("audio").path("format").path("rate").asInt());
        assertEquals("marin", s.path("audio").path("output").path("voice").asText(),
                "shimmer is a Realtime voice: GPT-Live gets its default, the setting is kept");
        assertEquals("shimmer", h.bridge.console().settings().current().voice());
        for (String rejected : List.of("type", "temperature", "tools", "turn_detection", "output_modalities")) {
            assertFalse(s.has(rejected), "GPT-Live's strict session has no " + rejected + ": " + s);
        }
        assertFalse(s.path("audio").has("input"), "no transcription or turn detection settings: " + s);
        JsonNode delegation = s.path("delegation");
        assertEquals("responses", delegation.path("type").asText());
        List<String> tools = new ArrayList<>();
        delegation.path("responses").path("tools").forEach(t -> tools.add(t.path("type").asText() + ":"
                + t.path("name").asText()));
        assertEquals(List.of("function:hang_up_call", "function:call_reflection_data"), tools);
        assertEquals("[\"user_hung_up\",\"system_error\",\"successful_call\",\"unsuccessful_call\",\"in_progress\"]",
                delegation.path("responses").path("tools").get(1).path("parameters").path("properties")
                        .path("status").path("enum").toString());
        assertEquals("[\"hangup\"]", delegation.path("responses").path("tools").get(0).path("parameters")
                .path("required").toString());

        // the SYSTEM:(…) template with the code, then the request to speak first
        String text = call.thinking.path("content").asText();
        assertTrue(text.startsWith("SYSTEM:(") && text.contains("1 2 3"), text);
        assertTrue(call.thinking.path("delegation_id").isNull(), call.thinking.toString());
        String ask = call.commentary.path("content").asText();
        assertTrue(ask.contains("Do not wait for the caller to speak first") && ask.contains(text), ask);

        // the caller's audio goes out as GPT-Live's append, the frame's base64 as Twilio sent it
        String frame = call.stream.sendMedia(40, ServerEvents.audio(160, 7));
        assertEquals(frame, call.model.awaitAppend(frame).path("audio").asText());
        assertEquals("session.input_audio.append", call.model.awaitAppend(call.stream.sendMedia(60,
                ServerEvents.audio(160, 8))).path("type").asText());

        // switching the model back takes effect on the next call, with no restart
        useModel(h, "gpt-realtime");
        var placed = h.postCall("{\"to\":\"+15559876543\",\"verification\":456}");
        assertEquals(201, placed.statusCode(), placed.body());
        ModelPeer next = h.realtime.awaitPeer();
        assertFalse(next.live);
        assertEquals("/v1/realtime?model=gpt-realtime", next.resource);
        assertEquals("gpt-realtime", next.awaitMessage("session.update").path("session").path("model").asText());
    }

    @Test
    void happyPathRelaysTheAudioAsIsRunsTheToolsAndHangsUpAfterTheGoodbyeWasPlayed() throws Exception {
        Answered call = answered("123");
        ModelPeer model = call.model;
        var stream = call.stream;

        byte[] greeting = ServerEvents.audio(800, 2);
        model.send(LiveServerEvents.outputTranscript("Your code is 1 2 3."));
        long sentAt = System.nanoTime();
        model.send(LiveServerEvents.audioDelta(greeting));
        JsonNode media = stream.awaitEvent("media");
        long firstAudioMicros = (System.nanoTime() - sentAt) / 1000;
        assertEquals(Base64.getEncoder().encodeToString(greeting), media.path("media").path("payload").asText(),
                "μ-law relayed byte for byte, no transcoding");
        // 800 ms of the caller's stream without new output: the greeting is over, its end mark goes out
        long ts = sendSilence(stream, 100, 40);
        stream.echoMark(stream.awaitEvent("mark").path("mark").path("name").asText());
        h.awaitCall(call.id, c -> c.path("speaking").isNull(), Duration.ofSeconds(5));

        model.send(LiveServerEvents.inputTranscript("Thanks, "));
        model.send(LiveServerEvents.inputTranscript("got it."));
        h.awaitCall(call.id, c -> c.path("transcript").size() == 2
                && c.path("transcript").get(1).path("text").asText().endsWith("got it."), Duration.ofSeconds(5));
        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(120).toNanos()); // the model thinking
        model.send(LiveServerEvents.outputTranscript("Goodbye!"));
        model.send(LiveServerEvents.audioDelta(ServerEvents.audio(400, 3)));
        stream.awaitEvent("media");
        model.send(LiveServerEvents.delegationCreated("del_1"));
        model.send(LiveServerEvents.responseCreated("del_1"));
        model.send(LiveServerEvents.functionCall("del_1", "call_reflection_data", "call_r",
                "{\"status\":\"successful_call\"}"));
        model.send(LiveServerEvents.functionCall("del_1", "hang_up_call", "call_h", "{\"hangup\":true}"));
        model.send(LiveServerEvents.responseCompleted("del_1"));
        model.send(LiveServerEvents.usageUpdated(60.0));
        model.send(LiveServerEvents.usageUpdated(90.0));

        JsonNode out1 = model.awaitMessage("response.item.create").path("item");
        JsonNode out2 = model.awaitMessage("response.item.create").path("item");
        assertEquals("function_call_output", out1.path("type").asText());
        assertEquals("call_r", out1.path("call_id").asText());
        assertEquals("{\"recorded\":true}", out1.path("output").asText());
        assertEquals("call_h", out2.path("call_id").asText());
        assertNull(stream.pollEvent("mark", 200), "no hang-up while GPT-Live may still be saying goodbye");

        sendSilence(stream, ts + 20, 40);
        String goodbyeMark = stream.awaitEvent("mark").path("mark").path("name").asText();
        assertEquals("hangup", stream.awaitEvent("mark").path("mark").path("name").asText());
        assertTrue(h.twilio.updatesSoFar().isEmpty(), "hung up before the last audio was played");
        stream.echoMark(goodbyeMark);
        stream.echoMark("hangup");
        var hangUp = h.twilio.awaitUpdate(Duration.ofSeconds(5));
        assertEquals("completed", hangUp.param("Status"));
        h.carrier.status(h.statusCallbackUrl(), call.callSid, "completed");

        JsonNode record = h.awaitCall(call.callSid, c -> "completed".equals(c.path("state").asText()),
                Duration.ofSeconds(5));
        assertEquals("successful_call", record.path("reflection").asText());
        assertEquals("assistant_hung_up", record.path("endReason").asText());
        assertEquals(LIVE_MODEL, record.path("model").asText(), "the call records the model, hence its dialect");
        assertEquals(0.075, record.path("costUsd").asDouble(), 1e-9, "90 s of session at $0.05 a minute");
        assertEquals(0, record.path("usage").path("totalTokens").asLong(), "GPT-Live bills time, not tokens");
        assertEquals(1, record.path("turnLatency").path("count").asInt(), "the answer to the caller is a turn, the "
                + "greeting none: " + record.path("turnLatency"));
        assertTrue(record.path("turnLatency").path("lastMs").asLong() >= 120,
                "timed from the caller's last words, not from when the bridge noticed: " + record.path("turnLatency"));
        List<String> transcript = new ArrayList<>();
        record.path("transcript").forEach(l -> transcript.add(l.path("speaker").asText() + ": "
                + l.path("text").asText()));
        assertEquals(List.of("assistant: Your code is [code].", "caller: Thanks, got it.", "assistant: Goodbye!"),
                transcript);
        assertFalse(timelineHas(record, "barge-in", ""), "the caller spoke after the greeting was heard");
        assertTrue(model.awaitClosedByBridge(), "model socket left open");
        assertTrue(stream.awaitClosedByBridge(), "media stream left open");
        assertEquals(0, h.bridge.calls().liveSessions());
        org.slf4j.LoggerFactory.getLogger(getClass()).info("GPT-Live audio delta -> Twilio media frame: {} µs",
                firstAudioMicros);
    }

    @Test
    void openaiLiveUrlSendsTheGptLiveCallsToAnotherEndpoint() throws Exception {
        try (FakeRealtimeServer elsewhere = new FakeRealtimeServer();
                BridgeHarness moved = BridgeHarness.start(java.util.Map.of("OPENAI_LIVE_URL",
                        elsewhere.liveUrl().toString()))) {
            useModel(moved, LIVE_MODEL);
            assertEquals(201, moved.postCall("{\"to\":\"+15559876543\",\"verification\":123}").statusCode());
            ModelPeer peer = elsewhere.awaitPeer();
            assertTrue(peer.live);
            assertEquals("session.start", peer.awaitMessage("session.start").path("type").asText());
            assertEquals(0, moved.realtime.connectionsSoFar(), "nothing went to the Realtime endpoint");
        }
    }

    @Test
    void theCallersWordsOverTheAssistantClearWhatTwilioHasNotPlayed() throws Exception {
        Answered call = answered("4567");
        for (int i = 0; i < 5; i++) {
            call.model.send(LiveServerEvents.audioDelta(ServerEvents.audio(800, 10 + i)));
        }
        for (int i = 0; i < 5; i++) {
            call.stream.awaitEvent("media");
        }
        call.model.awaitAppend(call.stream.sendMedia(1240, ServerEvents.audio(160, 5)));
        call.model.send(LiveServerEvents.inputTranscript("Wait, "));

        JsonNode clear = call.stream.awaitEvent("clear");
        assertEquals(call.stream.streamSid, clear.path("streamSid").asText());
        JsonNode record = h.awaitCall(call.id, c -> timelineHas(c, "barge-in", ""), Duration.ofSeconds(5));
        assertEquals("in-progress", record.path("state").asText());
        // GPT-Live has no truncation: nothing but the caller's audio follows
        JsonNode next;
        while ((next = call.model.pollAny(200)) != null) {
            assertEquals("session.input_audio.append", next.path("type").asText(), next.toString());
        }
    }

    @Test
    void aSupervisorsWhisperSayAndMuteUseGptLivesOwnCommands() throws Exception {
        Answered call = answered("4321");
        assertEquals(202, power(call.id, "whisper", "{\"text\":\"be brief, they are driving\"}").statusCode());
        JsonNode whisper = call.model.awaitMessage("session.instructions.append");
        assertEquals("be brief, they are driving", whisper.path("content").asText());
        assertTrue(whisper.path("delegation_id").isNull());

        assertEquals(202, power(call.id, "say", "{\"text\":\"Please hold the line for a moment.\"}").statusCode());
        String say = call.model.awaitMessage("session.commentary.append").path("content").asText();
        assertTrue(say.contains("Please hold the line for a moment."), say);

        assertEquals(200, power(call.id, "mute", null).statusCode());
        List<JsonNode> untilMuted = call.model.messagesUntil("session.input_audio.mute", m -> true);
        assertFalse(types(untilMuted).contains("response.cancel"), "GPT-Live has no response.cancel: " + untilMuted);
        assertEquals(200, power(call.id, "unmute", null).statusCode());
        call.model.awaitMessage("session.input_audio.unmute");
        assertEquals("in-progress", h.call(call.id).path("state").asText());
    }

    private java.net.http.HttpResponse<String> power(String callId, String power, String body) throws Exception {
        return h.post("/calls/" + callId + "/" + power, body == null ? null : "application/json",
                body == null ? "" : body, BridgeHarness.API_TOKEN);
    }

    @Test
    void theCallerHangingUpEndsTheCallAndClosesTheGptLiveSession() throws Exception {
        Answered call = answered("123");
        call.model.send(LiveServerEvents.audioDelta(ServerEvents.audio(800, 1)));
        call.stream.awaitEvent("media");
        call.stream.sendStop();

        JsonNode record = h.awaitCall(call.callSid, c -> "completed".equals(c.path("state").asText()),
                Duration.ofSeconds(5));
        assertEquals("caller_hung_up", record.path("endReason").asText());
        call.model.awaitMessage("session.close");
        assertFalse(call.model.closedWithin(300), "the bridge waits for session.closed, which bills the session's end");
        call.model.send(LiveServerEvents.sessionClosed("close_requested", 120.0));
        assertTrue(call.model.closedWithin(1_000), "closed once session.closed came, not at the 2 s limit");
        h.awaitCall(call.callSid, c -> Math.abs(c.path("costUsd").asDouble() - 0.10) < 1e-9, Duration.ofSeconds(5));
    }

    @Test
    void aClosingSessionThatNeverSaysSessionClosedIsClosedAfterTwoSeconds() throws Exception {
        Answered call = answered("123");
        call.stream.sendStop();
        call.model.awaitMessage("session.close");
        long asked = System.nanoTime();
        assertTrue(call.model.awaitClosedByBridge(), "model socket left open");
        long waitedMs = (System.nanoTime() - asked) / 1_000_000;
        assertTrue(waitedMs >= 1_500 && waitedMs < 5_000, "closed after the 2 s wait: " + waitedMs + " ms");
        assertEquals(0, h.bridge.calls().liveSessions());
    }

    @Test
    void aDroppedGptLiveSocketIsReconnectedOnceWithTheSameSessionAndASummary() throws Exception {
        Answered call = answered("123");
        call.model.send(LiveServerEvents.outputTranscript("Your code is 1 2 3."));
        call.model.send(LiveServerEvents.inputTranscript("Could you repeat it?"));
        call.model.send(LiveServerEvents.outputTranscript("Sure."));
        h.awaitCall(call.id, c -> c.path("transcript").size() == 3, Duration.ofSeconds(5));
        call.model.drop();

        ModelPeer second = h.realtime.awaitPeer();
        assertTrue(second.live);
        assertEquals(call.start.path("session"), second.awaitMessage("session.start").path("session"),
                "the same session settings");
        assertNull(second.pollAny(300), "nothing before session.started on the new socket either");
        second.startLive();
        String summary = second.awaitMessage("session.thinking.append").path("content").asText();
        assertTrue(summary.startsWith("SYSTEM:(") && summary.contains("Your code is 1 2 3.")
                && summary.contains("Could you repeat it?"), summary);
        second.awaitMessage("session.commentary.append");
        second.awaitAppend(call.stream.sendMedia(5000, ServerEvents.audio(160, 3)));
        JsonNode record = h.call(call.id);
        assertEquals("in-progress", record.path("state").asText());
        assertTrue(timelineHas(record, "problem", "reconnecting once"), record.toString());
    }

    @Test
    void aGptLiveSocketThatDropsAgainAfterTheReconnectEndsTheCall() throws Exception {
        Answered call = answered("123");
        call.model.drop();
        ModelPeer second = h.realtime.awaitPeer();
        second.awaitMessage("session.start");
        second.startLive();
        second.drop();

        assertEquals("completed", h.twilio.awaitUpdate(Duration.ofSeconds(5)).param("Status"));
        JsonNode record = h.awaitCall(call.callSid, c -> "completed".equals(c.path("state").asText()),
                Duration.ofSeconds(5));
        assertEquals("model_disconnected", record.path("endReason").asText());
        assertTrue(timelineHas(record, "problem", "connection"), record.toString());
        assertTrue(call.stream.awaitClosedByBridge(), "media stream left open");
    }

    @Test
    void anExpiredGptLiveSessionEndsTheCallWithAReason() throws Exception {
        Answered call = answered("123");
        call.model.send(LiveServerEvents.sessionClosed("expired", 1800.0));
        call.model.close(1000, "session expired");

        JsonNode record = h.awaitCall(call.callSid, c -> c.path("endedAt").isTextual(), Duration.ofSeconds(5));
        assertEquals("completed", record.path("state").asText(), record.toString());
        assertEquals("model_error", record.path("endReason").asText(), record.toString());
        assertTrue(timelineHas(record, "problem", "GPT-Live session expired"), record.toString());
        assertEquals(1.5, record.path("costUsd").asDouble(), 1e-9, "its 30 minutes at $0.05 are billed");
    }

    @Test
    void aKeyWithoutGptLiveAccessEndsTheRingingCallWithTheApisWords() throws Exception {
        var placed = h.postCall("{\"to\":\"+15559876543\",\"verification\":123}");
        String callSid = h.json(placed.body()).path("callSid").asText();
        ModelPeer model = h.realtime.awaitPeer();
        model.awaitMessage("session.start");
        model.send(LiveServerEvents.error("invalid_api_key", "Your key is not enrolled in GPT-Live early access.",
                null));
        model.close(3000, "invalid_api_key");

        assertEquals("canceled", h.twilio.awaitUpdate(Duration.ofSeconds(5)).param("Status"));
        JsonNode record = h.awaitCall(callSid, c -> c.path("endedAt").isTextual(), Duration.ofSeconds(5));
        assertEquals("openai_key_rejected", record.path("endReason").asText());
        assertTrue(timelineHas(record, "problem", "OPENAI_API_KEY has no GPT-Live access"), record.toString());
        assertTrue(timelineHas(record, "problem", "not enrolled in GPT-Live early access"), record.toString());
    }

    @Test
    void anHttp403OnTheGptLiveHandshakeSaysTheKeyHasNoAccess() throws Exception {
        try (ServerSocket refusing = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> answer403(refusing));
            server.setDaemon(true);
            server.start();
            URI url = URI.create("ws://127.0.0.1:" + refusing.getLocalPort() + "/v1/realtime");
            try (BridgeHarness refused = BridgeHarness.withRealtimeAt(url)) {
                useModel(refused, LIVE_MODEL);
                var placed = refused.postCall("{\"to\":\"+15559876543\",\"verification\":123}");
                assertEquals(201, placed.statusCode());
                String callSid = refused.json(placed.body()).path("callSid").asText();
                assertEquals("canceled", refused.twilio.awaitUpdate(Duration.ofSeconds(5)).param("Status"));
                JsonNode record = refused.awaitCall(callSid, c -> c.path("endedAt").isTextual(),
                        Duration.ofSeconds(5));
                assertEquals("openai_key_rejected", record.path("endReason").asText());
                assertTrue(timelineHas(record, "problem", "OPENAI_API_KEY has no GPT-Live access"),
                        record.toString());
            }
        }
    }

    @Test
    void anErrorAnsweringSessionStartEndsTheCallWithTheApisWords() throws Exception {
        var placed = h.postCall("{\"to\":\"+15559876543\",\"verification\":123}");
        String callSid = h.json(placed.body()).path("callSid").asText();
        ModelPeer model = h.realtime.awaitPeer();
        model.awaitMessage("session.start");
        model.send(LiveServerEvents.error("unknown_parameter", "Unknown parameter: 'session.audio.input'.",
                "hw_session_start"));

        assertEquals("canceled", h.twilio.awaitUpdate(Duration.ofSeconds(5)).param("Status"));
        JsonNode record = h.awaitCall(callSid, c -> c.path("endedAt").isTextual(), Duration.ofSeconds(5));
        assertEquals("model_setup_failed", record.path("endReason").asText());
        assertTrue(timelineHas(record, "problem", "Unknown parameter: 'session.audio.input'."), record.toString());
    }

    @Test
    void malformedGptLiveEventsAreIgnoredAndTheCallGoesOn() throws Exception {
        Answered call = answered("123");
        call.model.send("{not json");
        call.model.send("[1,2,3]");
        call.model.send("{\"no\":\"type\"}");
        call.model.send("{\"type\":\"session.output_audio.delta\",\"delta\":42}");
        call.model.send("{\"type\":\"response.event\",\"event\":\"not an object\"}");
        call.model.send("{\"type\":\"response.event\",\"delegation_id\":\"d\",\"event\":{\"type\":"
                + "\"response.output_item.done\",\"item\":{\"type\":\"function_call\",\"name\":\"hang_up_call\"}}}");
        call.model.send("{\"type\":\"session.some_future_event\",\"x\":1}");
        call.model.send(LiveServerEvents.error("rate_limited", "Slow down.", null));
        byte[] audio = ServerEvents.audio(160, 6);
        call.model.send(LiveServerEvents.audioDelta(audio));
        assertEquals(Base64.getEncoder().encodeToString(audio),
                call.stream.awaitEvent("media").path("media").path("payload").asText());
        JsonNode record = h.awaitCall(call.id, c -> timelineHas(c, "problem", "Slow down."), Duration.ofSeconds(5));
        assertEquals("in-progress", record.path("state").asText(), "an error the session survives is noted only");
        assertTrue(timelineHas(record, "problem", "OpenAI GPT-Live error rate_limited"), record.toString());
        assertTrue(h.twilio.updatesSoFar().isEmpty(), "a tool call without a call id must not hang up");
    }

    /** {@code frames} of 20 ms of the caller's silence from {@code fromTs}; the timestamp after the last. */
    private static long sendSilence(FakeCarrier.Stream stream, long fromTs, int frames) {
        long ts = fromTs;
        for (int i = 0; i < frames; i++) {
            stream.sendMedia(ts, ServerEvents.audio(160, 100 + i));
            ts += 20;
        }
        return ts;
    }

    private static List<String> types(List<JsonNode> messages) {
        List<String> types = new ArrayList<>();
        messages.forEach(m -> types.add(m.path("type").asText()));
        return types;
    }

    private static boolean timelineHas(JsonNode record, String kind, String text) {
        for (JsonNode e : record.path("timeline")) {
            if (kind.equals(e.path("kind").asText()) && e.path("detail").asText().contains(text)) {
                return true;
            }
        }
        return false;
    }

    private static void answer403(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                byte[] buf = new byte[4096];
                int n = in.read(buf);
                assertNotNull(n > 0 ? new String(buf, 0, n, StandardCharsets.US_ASCII) : null);
                OutputStream out = s.getOutputStream();
                String body = "{\"error\":{\"message\":\"This key does not have access to GPT-Live\","
                        + "\"type\":\"invalid_request_error\",\"code\":\"permission_denied\"}}";
                out.write(("HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length() + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (Exception e) {
                return;
            }
        }
    }
}
