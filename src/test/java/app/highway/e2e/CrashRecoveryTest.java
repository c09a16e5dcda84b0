package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.Bridge;
import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import app.highway.call.TimelineEntry;
import app.highway.config.AppConfig;
import app.highway.config.Json;
import app.highway.store.SqlCallStore;
import app.highway.support.BridgeHarness;
import app.highway.support.BridgeProcess;
import app.highway.support.FakeRealtimeServer;
import app.highway.support.FakeTwilioRest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The bridge process is killed with SIGKILL in the middle of a live call. On restart the call is
 * still on record with everything written before the kill, is reconciled with Twilio (which
 * still has it up) and ended cleanly. What is checked is the record on disk, read by a store of
 * the test's own on the bridge's data dir: the live call and the API (which prefers a live call
 * to its record) could show what the bridge holds in memory rather than what survives a crash.
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

            Process bridge = BridgeProcess.start(env, data);
            String callSid;
            try {
                String base = "http://127.0.0.1:" + port;
                BridgeProcess.awaitHealthy(http, base);
                callSid = BridgeProcess.placeLiveCall(http, twilio, realtime, base, "crash-token").callSid();
                awaitStored(data, callSid);
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
                CallSnapshot call = awaitRecord(data, callSid, r -> r.state().isFinal(), Duration.ofSeconds(5),
                        "the recovered call was not recorded as ended");
                assertEquals("completed", call.state().wire());
                assertEquals("bridge_restarted", call.endReason());
                assertEquals(List.of("Hello, your code is [code]."),
                        call.transcript().stream().map(l -> l.text()).toList(),
                        "what was written before the kill is kept");
                assertEquals(160, call.usage().totalTokens());
                List<String> kinds = call.timeline().stream().map(TimelineEntry::kind).toList();
                assertTrue(kinds.contains("placed"), "the timeline before the kill is kept: " + kinds);
                assertEquals("recovered", kinds.get(kinds.size() - 1));
                assertEquals(1, kinds.stream().filter("recovered"::equals).count(), "recovered once: " + kinds);
            }
        }
    }

    /**
     * Waits until the record on disk has the transcript and usage of the live call: the bridge's
     * writer saves changed calls every 200 ms, and a kill after that must not lose them.
     */
    private static void awaitStored(Path data, String callSid) throws Exception {
        awaitRecord(data, callSid, r -> r.state() == CallState.IN_PROGRESS && r.usage().totalTokens() == 160
                && r.transcript().size() == 1, Duration.ofSeconds(10), "the call was not recorded before the kill");
    }

    /** The call's record as a fresh store on the data dir reads it, once it matches {@code done}. */
    private static CallSnapshot awaitRecord(Path data, String callSid, Predicate<CallSnapshot> done, Duration timeout,
            String failure) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SqlCallStore store = SqlCallStore.sqlite(data, Json.mapper())) {
            Optional<CallSnapshot> record = store.find(callSid);
            while (record.filter(done).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(failure + "; on record: " + record.orElse(null));
                }
                Thread.sleep(50);
                record = store.find(callSid);
            }
            return record.get();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
