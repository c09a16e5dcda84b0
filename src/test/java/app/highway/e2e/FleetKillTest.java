package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.Bridge;
import app.highway.call.CallEvent;
import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import app.highway.call.TimelineEntry;
import app.highway.config.AppConfig;
import app.highway.support.BridgeHarness;
import app.highway.support.BridgeProcess;
import app.highway.support.FakeRealtimeServer;
import app.highway.support.FakeTwilioRest;
import app.highway.support.PostgresSchema;
import app.highway.support.StreamConsoles;
import app.highway.support.StreamRecorder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two headless bridges share one PostgreSQL database. Bridge A (its own process) places a call and
 * is killed with SIGKILL mid-call; bridge B, which started while A was live and left A's call alone
 * while A renewed its lease, ends the call through Twilio once A's lease has run out and records it
 * as lost by A. A console attached to B sees A's call in its snapshot, then sees it end. A short heartbeat
 * (1 s) and lease (3 s) keep the test quick.
 */
@Tag("e2e")
class FleetKillTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aBridgeKilledWithKillNineHasItsLiveCallEndedByAnotherBridgeAfterItsLease() throws Exception {
        try (PostgresSchema db = PostgresSchema.create(); FakeTwilioRest twilio = new FakeTwilioRest();
                FakeRealtimeServer realtime = new FakeRealtimeServer(); StreamConsoles consoles = new StreamConsoles()) {
            int portA = freePort();
            Map<String, String> envA = fleetEnv(db, realtime, twilio, portA, "bridge-a");
            Process bridgeA = BridgeProcess.start(envA, Path.of(envA.get("HIGHWAY_DATA_DIR")));
            Bridge bridgeB = null;
            try {
                String callSid = placeLiveCall(twilio, realtime, "http://127.0.0.1:" + portA);
                twilio.status(callSid, "in-progress");

                bridgeB = Bridge.start(AppConfig.from(fleetEnv(db, realtime, twilio, 0, "bridge-b")), false);
                Bridge b = bridgeB;
                CallSnapshot seen = awaitRecord(b, callSid, r -> r.transcript().size() == 1, Duration.ofSeconds(10),
                        "bridge B does not see bridge A's call");
                assertEquals(CallState.IN_PROGRESS, seen.state());
                StreamRecorder console = consoles.connect("http://127.0.0.1:" + b.port(), "fleet-token");
                StreamRecorder.Snapshot snapshot = console.awaitSnapshot(1, Duration.ofSeconds(10));
                assertTrue(snapshot.calls().stream().anyMatch(c -> callSid.equals(c.callSid())),
                        "the console on B does not see A's live call: " + snapshot.calls());
                Thread.sleep(4_000); // longer than a lease: bridge A renews, so bridge B must leave its call alone
                assertEquals(CallState.IN_PROGRESS, b.history().find(callSid).orElseThrow().state());
                assertTrue(twilio.updatesSoFar().isEmpty(), "nobody ended bridge A's live call");

                bridgeA.destroyForcibly(); // SIGKILL: no shutdown hook, no release of the lease
                bridgeA.waitFor();
                long killed = System.nanoTime();
                var hangUp = twilio.awaitUpdate(Duration.ofSeconds(15));
                assertTrue(hangUp.path().endsWith(callSid + ".json"), hangUp.path());
                assertEquals("completed", hangUp.param("Status"));
                CallSnapshot lost = awaitRecord(b, callSid, r -> r.state().isFinal(), Duration.ofSeconds(5),
                        "the lost call was not recorded as ended");
                long seconds = Duration.ofNanos(System.nanoTime() - killed).toSeconds();
                assertTrue(seconds <= 10, "ended " + seconds + " s after the kill (lease 3 s, heartbeat 1 s)");
                assertEquals(CallState.COMPLETED, lost.state());
                assertEquals("bridge_lost:bridge-a", lost.endReason());
                TimelineEntry last = lost.timeline().get(lost.timeline().size() - 1);
                assertEquals("recovered", last.kind());
                assertTrue(last.detail().startsWith("bridge bridge-a on "), last.detail());
                assertEquals("Hello, your code is [code].", lost.transcript().get(0).text());
                CallEvent.CallEnded ended = console.awaitEvent(CallEvent.CallEnded.class,
                        e -> e.callId().equals(lost.id()), Duration.ofSeconds(5));
                assertEquals("bridge_lost:bridge-a", ended.endReason());
            } finally {
                bridgeA.destroyForcibly();
                if (bridgeB != null) {
                    bridgeB.close();
                }
            }
        }
    }

    private static Map<String, String> fleetEnv(PostgresSchema db, FakeRealtimeServer realtime, FakeTwilioRest twilio,
            int port, String bridgeId) throws Exception {
        Path data = Files.createTempDirectory("highway-fleet-" + bridgeId);
        Map<String, String> env = BridgeHarness.fakeEnv(realtime.url(), twilio.baseUrl(), port, "fleet-token", data);
        env.putAll(db.bridgeEnvironment());
        env.put("HIGHWAY_BRIDGE_ID", bridgeId);
        env.put("HIGHWAY_BRIDGE_HEARTBEAT_SECONDS", "1");
        env.put("HIGHWAY_BRIDGE_LEASE_SECONDS", "3");
        return env;
    }

    /** Places a call on the bridge at {@code base} and brings it to a live conversation with one transcript line. */
    private String placeLiveCall(FakeTwilioRest twilio, FakeRealtimeServer realtime, String base) throws Exception {
        BridgeProcess.awaitHealthy(http, base);
        return BridgeProcess.placeLiveCall(http, twilio, realtime, base, "fleet-token").callSid();
    }

    /** The call's record as bridge B reads it from the shared database, once it matches {@code done}. */
    private static CallSnapshot awaitRecord(Bridge bridge, String callSid, Predicate<CallSnapshot> done,
            Duration timeout, String failure) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<CallSnapshot> record = bridge.history().find(callSid);
        while (record.filter(done).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure + "; on record: " + record.orElse(null));
            }
            Thread.sleep(50);
            record = bridge.history().find(callSid);
        }
        return record.get();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
