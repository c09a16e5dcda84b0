package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.Bridge;
import app.highway.config.AppConfig;
import app.highway.support.BridgeHarness;
import app.highway.support.FakeCarrier;
import app.highway.support.FakeRealtimeServer;
import app.highway.support.FakeRealtimeServer.ModelPeer;
import app.highway.support.FakeTwilioRest;
import app.highway.support.ServerEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The bridge process is killed with SIGKILL in the middle of a live call. On restart the call is
 * still on record with everything written before the kill, is reconciled with Twilio (which
 * still has it up) and ended cleanly.
 */
@Tag("e2e")
class CrashRecoveryTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aCallLiveAtKillNineIsRecoveredAndEndedOnRestart() throws Exception {
        Path data = Files.createTempDirectory("highway-crash");
        try (FakeTwilioRest twilio = new FakeTwilioRest(); FakeRealtimeServer realtime = new FakeRealtimeServer()) {
            int port = freePort();
            Map<String, String> env = BridgeHarness.fakeEnv(realtime.url(), twilio.baseUrl(), port, "crash-token",
                    data);

            Process bridge = startBridgeProcess(env, data);
            String callSid;
            try {
                String base = "http://127.0.0.1:" + port;
                awaitHealthy(base);
                HttpResponse<String> placed = http.send(HttpRequest.newBuilder(URI.create(base + "/call-customer"))
                        .header("Authorization", "Bearer crash-token").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"+15559876543\",\"verification\":4821}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(201, placed.statusCode(), placed.body());
                callSid = json.readTree(placed.body()).path("callSid").asText();
                FakeCarrier carrier = new FakeCarrier(FakeTwilioRest.AUTH_TOKEN);
                String statusUrl = base + "/twilio/status";
                carrier.status(statusUrl, callSid, "ringing");
                ModelPeer model = realtime.awaitPeer();
                model.awaitMessage("session.update");
                model.send(ServerEvents.sessionUpdated());
                carrier.status(statusUrl, callSid, "in-progress");
                carrier.connect(twilio.awaitCreatedCall().param("Twiml"), callSid);
                model.awaitMessage("response.create");
                model.send(ServerEvents.outputItemAdded("r1", "a1"));
                model.send(ServerEvents.transcriptDone("r1", "a1", "Hello, your code is 4 8 2 1."));
                model.send(ServerEvents.responseDone("r1", 120, 0, 0, 10, 30));
                awaitStored(base, callSid);
            } finally {
                bridge.destroyForcibly(); // SIGKILL: no shutdown hook, no last flush
                bridge.waitFor();
            }
            assertTrue(twilio.updatesSoFar().isEmpty(), "nothing ended the call before the kill");

            twilio.status(callSid, "in-progress");
            env.put("PORT", "0");
            try (Bridge restarted = Bridge.start(AppConfig.from(env), false)) {
                var hangUp = twilio.awaitUpdate(Duration.ofSeconds(10));
                assertTrue(hangUp.path().endsWith(callSid + ".json"));
                assertEquals("completed", hangUp.param("Status"));
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                Optional<app.highway.call.CallSnapshot> record = restarted.history().find(callSid);
                while (record.map(r -> !r.state().isFinal()).orElse(true) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                    record = restarted.history().find(callSid);
                }
                var call = record.orElseThrow();
                assertEquals("completed", call.state().wire());
                assertEquals("bridge_restarted", call.endReason());
                assertEquals("Hello, your code is [code].", call.transcript().get(0).text(),
                        "what was written before the kill is kept");
                assertEquals(160, call.usage().totalTokens());
                assertEquals("recovered", call.timeline().get(call.timeline().size() - 1).kind());
            }
        }
    }

    private static Process startBridgeProcess(Map<String, String> env, Path workDir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "app.highway.Launcher", "--headless");
        pb.environment().putAll(env);
        pb.directory(workDir.toFile());
        pb.redirectErrorStream(true);
        pb.redirectOutput(workDir.resolve("bridge.log").toFile());
        return pb.start();
    }

    private void awaitHealthy(String base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the bridge process did not start");
    }

    /**
     * Waits until the bridge has the transcript and usage, then for its writer, which saves
     * changed calls every 200 ms: a record lags the live call by at most one interval.
     */
    private void awaitStored(String base, String callSid) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode page = json.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/calls"))
                    .header("Authorization", "Bearer crash-token").build(), HttpResponse.BodyHandlers.ofString()).body());
            JsonNode call = page.path("calls").path(0);
            if (callSid.equals(call.path("callSid").asText()) && call.path("usage").path("totalTokens").asLong() == 160
                    && "in-progress".equals(call.path("state").asText())) {
                Thread.sleep(1000);
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the call was not recorded before the kill");
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
