package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.support.BridgeHarness;
import app.highway.support.FakeRealtimeServer.ModelPeer;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every way a call can fail ends it cleanly, with a final state, a reason and a message for the operator. */
@Tag("e2e")
class CallFailureTest {

    private static boolean timelineHas(JsonNode call, String kind, String text) {
        for (JsonNode e : call.path("timeline")) {
            if (kind.equals(e.path("kind").asText()) && e.path("detail").asText().contains(text)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aDroppedModelSocketIsReconnectedOnceWithTheSameSessionAndASummary() throws Exception {
        try (BridgeHarness h = BridgeHarness.start()) {
            LiveCall call = LiveCall.answered(h, "123");
            call.model.send(ServerEvents.outputItemAdded("r1", "a1"));
            call.model.send(ServerEvents.transcriptDone("r1", "a1", "Your code is 1 2 3."));
            call.model.send(ServerEvents.speechStarted("c1", 100));
            call.model.send(ServerEvents.inputTranscript("c1", "Could you repeat it?"));
            h.awaitCall(call.id, c -> c.path("transcript").size() == 2, Duration.ofSeconds(5));
            call.model.drop();

            ModelPeer second = h.realtime.awaitPeer();
            JsonNode update = second.awaitMessage("session.update");
            assertEquals(call.sessionUpdate.path("session"), update.path("session"), "the same session settings");
            second.send(ServerEvents.sessionUpdated());
            String summary = second.awaitMessage("conversation.item.create").path("item").path("content").get(0)
                    .path("text").asText();
            assertTrue(summary.startsWith("SYSTEM:(") && summary.contains("Your code is 1 2 3.")
                    && summary.contains("Could you repeat it?"), summary);
            second.awaitMessage("response.create");
            second.awaitAppend(call.stream.sendMedia(5000, ServerEvents.audio(160, 3)));
            JsonNode record = h.call(call.id);
            assertEquals("in-progress", record.path("state").asText());
            assertTrue(timelineHas(record, "problem", "reconnecting once"), record.toString());
            assertTrue(h.twilio.updatesSoFar().isEmpty(), "the call was not ended");
        }
    }

    @Test
    void aModelSocketThatDropsAgainAfterTheReconnectEndsTheCall() throws Exception {
        try (BridgeHarness h = BridgeHarness.start()) {
            LiveCall call = LiveCall.answered(h, "123");
            call.model.drop();
            ModelPeer second = h.realtime.awaitPeer();
            second.awaitMessage("session.update");
            second.drop();

            var hangUp = h.twilio.awaitUpdate(Duration.ofSeconds(5));
            assertEquals("completed", hangUp.param("Status"));
            JsonNode record = h.awaitCall(call.callSid, c -> "completed".equals(c.path("state").asText()),
                    Duration.ofSeconds(5));
            assertEquals("model_disconnected", record.path("endReason").asText());
            assertTrue(timelineHas(record, "problem", "connection"), record.toString());
            assertTrue(call.stream.awaitClosedByBridge(), "media stream left open");
        }
    }

    @Test
    void aMediaStreamThatDropsWithoutStopEndsTheCallWithItsReason() throws Exception {
        try (BridgeHarness h = BridgeHarness.start()) {
            LiveCall call = LiveCall.answered(h, "123");
            call.stream.abort();
            assertEquals("completed", h.twilio.awaitUpdate(Duration.ofSeconds(5)).param("Status"));
            JsonNode record = h.awaitCall(call.callSid, c -> c.path("endedAt").isTextual(), Duration.ofSeconds(5));
            assertEquals("media_stream_lost", record.path("endReason").asText());
            assertTrue(call.model.awaitClosedByBridge());
        }
    }

    @Test
    void twilioErrorsOnHangUpAreRetriedUntilConfirmed() throws Exception {
        try (BridgeHarness h = BridgeHarness.start()) {
            LiveCall call = LiveCall.answered(h, "123");
            h.twilio.failNextUpdates(2);
            h.post("/calls/" + call.id + "/hangup", "application/json", "", BridgeHarness.API_TOKEN);
            assertEquals("completed", h.twilio.awaitUpdate(Duration.ofSeconds(10)).param("Status"));
            JsonNode record = h.awaitCall(call.id, c -> c.path("endedAt").isTextual(), Duration.ofSeconds(5));
            assertEquals("operator_hung_up", record.path("endReason").asText());
            assertTrue(!record.toString().contains("did not confirm"), "retried, then confirmed");
        }
    }

    @Test
    void aCallIsWrappedUpAtTheMaximumDurationWellBeforeTheRealtimeSessionLimit() throws Exception {
        java.nio.file.Path data = java.nio.file.Files.createTempDirectory("highway-maxdur");
        app.highway.config.CallSettings shortCalls = app.highway.config.CallSettings.defaults("gpt-realtime");
        shortCalls = new app.highway.config.CallSettings(shortCalls.model(), shortCalls.voice(), shortCalls.temperature(),
                shortCalls.vadThreshold(), shortCalls.prefixPaddingMs(), shortCalls.silenceDurationMs(),
                shortCalls.transcriptionModel(), 30, shortCalls.ringTimeoutSeconds(), shortCalls.instructions(),
                shortCalls.verificationTemplate(), shortCalls.promptVersion());
        // settings saved by an older version, in the data dir: imported into the store at start
        java.nio.file.Files.writeString(data.resolve("settings.json"),
                new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(shortCalls));
        try (BridgeHarness h = BridgeHarness.withVirtualTimers(java.util.Map.of("HIGHWAY_DATA_DIR", data.toString()))) {
            LiveCall call = LiveCall.answered(h, "123");
            assertEquals("30", call.created.param("TimeLimit"), "Twilio enforces it too");
            assertEquals(2, h.timers.pending(), "the ring timeout and the maximum duration are scheduled");
            h.timers.advance(Duration.ofSeconds(29));
            Thread.sleep(200);
            assertTrue(h.twilio.updatesSoFar().isEmpty(), "not before the maximum duration");
            h.timers.advance(Duration.ofSeconds(1));
            var hangUp = h.twilio.awaitUpdate(Duration.ofSeconds(5));
            assertEquals("completed", hangUp.param("Status"));
            JsonNode record = h.awaitCall(call.id, c -> c.path("endedAt").isTextual(), Duration.ofSeconds(5));
            assertEquals("max_duration", record.path("endReason").asText());
            assertTrue(timelineHas(record, "problem", "maximum duration of 30 s"), record.toString());
        }
        assertTrue(app.highway.config.CallSettings.defaults("x").withPrompt("i", "{code}", 1).problems().isEmpty());
        var tooLong = new app.highway.config.CallSettings("gpt-realtime", "shimmer", 0.6, 0.9, 300, 500,
                "whisper-1", 3600, 30, "i", "{code}", 1);
        assertTrue(tooLong.problems().stream().anyMatch(p -> p.contains("60 min")),
                "a call may not outlast the 60-minute Realtime session");
    }

    @Test
    void recoveryRetriesTwilioUntilItAnswers() throws Exception {
        java.nio.file.Path data;
        String callSid;
        try (BridgeHarness h = BridgeHarness.start()) {
            LiveCall call = LiveCall.answered(h, "123");
            callSid = call.callSid;
            data = h.dataDir;
        }
        // as if the bridge had died mid-call: the record still says in-progress (written behind the store's
        // back: the store never writes an ended call back to live)
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve("highway.db"));
                var update = db.prepareStatement("UPDATE calls SET state = 'in-progress', reflection = NULL, "
                        + "end_reason = NULL, ended_at = NULL WHERE call_sid = ?")) {
            update.setString(1, callSid);
            assertEquals(1, update.executeUpdate());
        }
        try (BridgeHarness again = BridgeHarness.start(java.util.Map.of("HIGHWAY_DATA_DIR", data.toString()),
                twilio -> twilio.failNextUpdates(2))) {
            assertEquals("completed", again.twilio.awaitUpdate(Duration.ofSeconds(10)).param("Status"));
            JsonNode record = again.awaitCall(callSid, c -> "completed".equals(c.path("state").asText()),
                    Duration.ofSeconds(5));
            assertEquals("bridge_restarted", record.path("endReason").asText());
        }
    }

    @Test
    void anErrorAnsweringSessionUpdateEndsTheCallBeforeItIsAnswered() throws Exception {
        try (BridgeHarness h = BridgeHarness.start()) {
            var placed = h.postCall("{\"to\":\"+15559876543\",\"verification\":\"0042\"}");
            String callSid = h.json(placed.body()).path("callSid").asText();
            h.carrier.status(h.statusCallbackUrl(), callSid, "ringing");
            ModelPeer model = h.realtime.awaitPeer();
            JsonNode update = model.awaitMessage("session.update");
            model.send(ServerEvents.error("unknown_parameter", "Unknown parameter: 'session.voice_speed'.",
                    update.path("event_id").asText()));

            var cancel = h.twilio.awaitUpdate(Duration.ofSeconds(5));
            assertEquals("canceled", cancel.param("Status"), "a ringing call is canceled, not left ringing");
            JsonNode record = h.awaitCall(callSid, c -> "canceled".equals(c.path("state").asText()),
                    Duration.ofSeconds(5));
            assertEquals("model_setup_failed", record.path("endReason").asText());
            assertTrue(timelineHas(record, "problem", "Unknown parameter: 'session.voice_speed'"), record.toString());
            assertTrue(model.awaitClosedByBridge());
        }
    }

    @Test
    void anInvalidApiKeyErrorEventSaysTheKeyWasRejected() throws Exception {
        try (BridgeHarness h = BridgeHarness.start()) {
            var placed = h.postCall("{\"to\":\"+15559876543\",\"verification\":123}");
            String callSid = h.json(placed.body()).path("callSid").asText();
            ModelPeer model = h.realtime.awaitPeer();
            // what the GA API does with a bad key: upgrade, one error event, close 3000
            model.send(ServerEvents.error("invalid_api_key", "Incorrect API key provided: sk-test...0000.", null));
            model.close(3000, "invalid_request_error.invalid_api_key");

            assertEquals("canceled", h.twilio.awaitUpdate(Duration.ofSeconds(5)).param("Status"));
            JsonNode record = h.awaitCall(callSid, c -> c.path("endedAt").isTextual(), Duration.ofSeconds(5));
            assertEquals("openai_key_rejected", record.path("endReason").asText());
            assertTrue(timelineHas(record, "problem", "OPENAI_API_KEY rejected"), record.toString());
        }
    }

    @Test
    void anHttp401OnTheHandshakeSaysTheKeyWasRejected() throws Exception {
        try (ServerSocket refusing = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> answer401(refusing));
            server.setDaemon(true);
            server.start();
            URI url = URI.create("ws://127.0.0.1:" + refusing.getLocalPort() + "/v1/realtime");
            try (BridgeHarness h = BridgeHarness.withRealtimeAt(url)) {
                var placed = h.postCall("{\"to\":\"+15559876543\",\"verification\":123}");
                assertEquals(201, placed.statusCode());
                String callSid = h.json(placed.body()).path("callSid").asText();
                assertEquals("canceled", h.twilio.awaitUpdate(Duration.ofSeconds(5)).param("Status"));
                JsonNode record = h.awaitCall(callSid, c -> c.path("endedAt").isTextual(), Duration.ofSeconds(5));
                assertEquals("openai_key_rejected", record.path("endReason").asText());
                assertTrue(timelineHas(record, "problem", "OPENAI_API_KEY rejected"), record.toString());
            }
        }
    }

    private static void answer401(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                byte[] buf = new byte[4096];
                int n = in.read(buf);
                assertNotNull(n > 0 ? new String(buf, 0, n, StandardCharsets.US_ASCII) : null);
                OutputStream out = s.getOutputStream();
                String body = "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\","
                        + "\"code\":\"invalid_api_key\"}}";
                out.write(("HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length() + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (Exception e) {
                return;
            }
        }
    }

    @Test
    void twilioRefusingTheNumberGivesAClear400AndOpensNothing() throws Exception {
        try (BridgeHarness h = BridgeHarness.start()) {
            h.twilio.refuseNextCreate(400, 21211, "Invalid 'To' Phone Number: +1555987654X");
            var answer = h.postCall("{\"to\":\"+15559876543\",\"verification\":123}");
            assertEquals(400, answer.statusCode(), answer.body());
            JsonNode body = h.json(answer.body());
            assertEquals("twilio_error", body.path("error").asText());
            assertEquals(21211, body.path("twilioCode").asInt());
            assertTrue(body.path("message").asText().contains("not a valid phone number"), body.toString());

            JsonNode calls = h.json(h.get("/calls", BridgeHarness.API_TOKEN).body()).path("calls");
            assertEquals(1, calls.size(), "the refused attempt is recorded");
            assertEquals("failed", calls.get(0).path("state").asText());
            assertEquals("twilio_rejected:21211", calls.get(0).path("endReason").asText());
            assertEquals(0, h.realtime.connectionsSoFar(), "no model socket for a call that was never placed");
        }
    }

    @Test
    void anUnverifiedTrialNumberIsA403WithTwiliosCode() throws Exception {
        try (BridgeHarness h = BridgeHarness.start()) {
            h.twilio.refuseNextCreate(400, 21219, "The number +15559876543 is unverified.");
            var answer = h.postCall("{\"to\":\"+15559876543\",\"verification\":123}");
            assertEquals(403, answer.statusCode(), answer.body());
            assertEquals(21219, h.json(answer.body()).path("twilioCode").asInt());
        }
    }

    @Test
    void theOperatorCanHangUpALiveCall() throws Exception {
        try (BridgeHarness h = BridgeHarness.start()) {
            LiveCall call = LiveCall.answered(h, "123");
            var answer = h.post("/calls/" + call.id + "/hangup", "application/json", "", BridgeHarness.API_TOKEN);
            assertEquals(202, answer.statusCode(), answer.body());
            assertEquals("completed", h.twilio.awaitUpdate(Duration.ofSeconds(5)).param("Status"));
            JsonNode record = h.awaitCall(call.id, c -> "completed".equals(c.path("state").asText()),
                    Duration.ofSeconds(5));
            assertEquals("operator_hung_up", record.path("endReason").asText());
            assertTrue(call.model.awaitClosedByBridge());
            var again = h.post("/calls/" + call.id + "/hangup", "application/json", "", BridgeHarness.API_TOKEN);
            assertEquals(409, again.statusCode());
        }
    }

    @Test
    void busyAndNoAnswerFromTwilioAreFinalAndCloseTheModelSocket() throws Exception {
        try (BridgeHarness h = BridgeHarness.start()) {
            var placed = h.postCall("{\"to\":\"+15559876543\",\"verification\":123}");
            String callSid = h.json(placed.body()).path("callSid").asText();
            h.carrier.status(h.statusCallbackUrl(), callSid, "ringing");
            ModelPeer model = h.realtime.awaitPeer();
            h.carrier.status(h.statusCallbackUrl(), callSid, "no-answer");
            JsonNode record = h.call(callSid);
            assertEquals("no-answer", record.path("state").asText());
            assertEquals("no_answer", record.path("endReason").asText());
            assertTrue(model.awaitClosedByBridge(), "model socket left open after no-answer");
            // a duplicate or out-of-order callback changes nothing
            h.carrier.status(h.statusCallbackUrl(), callSid, "in-progress");
            h.carrier.status(h.statusCallbackUrl(), callSid, "completed");
            assertEquals("no-answer", h.call(callSid).path("state").asText());
        }
    }
}
