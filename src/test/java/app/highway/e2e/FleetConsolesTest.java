package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.Bridge;
import app.highway.call.CallEvent;
import app.highway.call.CallState;
import app.highway.config.AppConfig;
import app.highway.stream.ConnectionState;
import app.highway.support.BridgeHarness;
import app.highway.support.BridgeProcess;
import app.highway.support.CuttableProxy;
import app.highway.support.FakeCarrier;
import app.highway.support.FakeRealtimeServer;
import app.highway.support.FakeRealtimeServer.ModelPeer;
import app.highway.support.FakeTwilioRest;
import app.highway.support.PostgresSchema;
import app.highway.support.ServerEvents;
import app.highway.support.StreamConsoles;
import app.highway.support.StreamRecorder;
import app.highway.team.Actor;
import app.highway.team.AuditEntry;
import app.highway.team.AuditQuery;
import app.highway.team.IssuedToken;
import app.highway.team.Role;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two headless bridges in this process share one PostgreSQL database and behave as one: a call placed
 * by an agent on bridge A appears live, transcript included, on a supervisor's console attached to bridge
 * B (and in the snapshot of a console attaching to B later), and a console on B dropped mid-call resumes
 * with exactly the events it missed; the supervisor hangs it up through B and
 * bridge A ends it with Twilio; another agent can neither see nor hang it up through either bridge; a
 * revoked token is refused by both at once. (A bridge killed with {@code kill -9}: {@link FleetKillTest}.)
 */
@Tag("e2e")
class FleetConsolesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void twoBridgesOnOneDatabaseShowEveryCallToEveryConsoleAndHangUpAcrossTheFleet() throws Exception {
        try (PostgresSchema db = PostgresSchema.create(); FakeTwilioRest twilio = new FakeTwilioRest();
                FakeRealtimeServer realtime = new FakeRealtimeServer();
                Bridge a = Bridge.start(AppConfig.from(fleetEnv(db, realtime, twilio, "bridge-a")), false);
                Bridge b = Bridge.start(AppConfig.from(fleetEnv(db, realtime, twilio, "bridge-b")), false);
                StreamConsoles consoles = new StreamConsoles(); CuttableProxy networkToB = new CuttableProxy(b.port())) {
            String baseA = "http://127.0.0.1:" + a.port();
            String baseB = "http://127.0.0.1:" + b.port();
            StreamConsoles.await("both bridges listen to the fleet", () -> a.fleet().orElseThrow().listening()
                    && b.fleet().orElseThrow().listening(), WAIT);
            a.team().addPerson(Actor.OWNER, "ann", "Ann", Role.AGENT);
            a.team().addPerson(Actor.OWNER, "bob", "Bob", Role.AGENT);
            b.team().addPerson(Actor.OWNER, "sue", "Sue", Role.SUPERVISOR);
            IssuedToken ann = a.team().issueToken(Actor.OWNER, "ann", "laptop");
            String bob = b.team().issueToken(Actor.OWNER, "bob", "laptop").secret();
            String sue = b.team().issueToken(Actor.OWNER, "sue", "desk").secret();

            StreamRecorder supervisorOnB = consoles.connect(baseB, sue);
            StreamRecorder bobOnB = consoles.connect(baseB, bob);
            StreamRecorder droppedOnB = consoles.connect("http://127.0.0.1:" + networkToB.port(), sue);
            supervisorOnB.awaitSnapshot(1, WAIT);
            droppedOnB.awaitSnapshot(1, WAIT);
            bobOnB.awaitSnapshot(1, WAIT);

            // Ann places a call on bridge A; the supervisor's console on bridge B follows it live
            LiveOnA call = placeLiveCall(twilio, realtime, baseA, ann.secret());
            CallEvent.CallCreated created = supervisorOnB.awaitEvent(CallEvent.CallCreated.class,
                    e -> e.callId().equals(call.id()), WAIT);
            assertEquals("ann", created.placedBy());
            CallEvent.TranscriptUpdated line = supervisorOnB.awaitEvent(CallEvent.TranscriptUpdated.class,
                    e -> e.callId().equals(call.id()) && e.complete(), WAIT);
            assertEquals("Hello, your code is [code].", line.line().text(), "redacted on A, relayed as is");
            supervisorOnB.awaitEvent(CallEvent.StateChanged.class,
                    e -> e.callId().equals(call.id()) && e.to() == CallState.IN_PROGRESS, WAIT);

            // a console on B dropped mid-call resumes with exactly the events of A's call it missed
            droppedOnB.awaitEvent(CallEvent.TranscriptUpdated.class, e -> e.callId().equals(call.id()) && e.complete(),
                    WAIT);
            int before = droppedOnB.states().size();
            networkToB.cutAndStayDown();
            droppedOnB.awaitState(ConnectionState.Reconnecting.class, before, WAIT);
            call.model().send(ServerEvents.inputTranscript("item_c1", "Who is this?"));
            supervisorOnB.awaitEvent(CallEvent.TranscriptUpdated.class, e -> e.callId().equals(call.id())
                    && e.complete() && e.line().text().equals("Who is this?"), WAIT);
            networkToB.restore();
            droppedOnB.awaitState(ConnectionState.Connected.class, before, WAIT);

            // a console attaching to B now gets A's live call in its snapshot (from the shared store)
            StreamConsoles.await("bridge A wrote its call", () -> b.history().find(call.id())
                    .filter(c -> c.transcript().size() == 2).isPresent(), WAIT);
            StreamRecorder lateOnB = consoles.connect(baseB, sue);
            StreamRecorder.Snapshot snapshot = lateOnB.awaitSnapshot(1, WAIT);
            assertTrue(snapshot.calls().stream().anyMatch(c -> c.id().equals(call.id())
                    && c.state() == CallState.IN_PROGRESS), "snapshot on B: " + snapshot.calls());

            // GET /calls/{id} on B answers for A's live call; another agent may not see or hang it up anywhere
            HttpResponse<String> seen = get(baseB + "/calls/" + call.id(), sue);
            assertEquals(200, seen.statusCode(), seen.body());
            assertEquals("ann", json.readTree(seen.body()).path("placedBy").asText());
            for (String base : new String[] {baseA, baseB}) {
                assertEquals(403, get(base + "/calls/" + call.id(), bob).statusCode(), base);
                assertEquals(403, post(base + "/calls/" + call.id() + "/hangup", bob).statusCode(), base);
            }
            assertTrue(bobOnB.eventsOf(call.id()).isEmpty(), "Bob's console saw Ann's call: " + bobOnB.events());
            assertTrue(twilio.updatesSoFar().isEmpty(), "nobody hung up yet");

            // the supervisor hangs up through bridge B: bridge A, which holds the call, ends it with Twilio
            HttpResponse<String> hungUp = post(baseB + "/calls/" + call.id() + "/hangup", sue);
            assertEquals(202, hungUp.statusCode(), hungUp.body());
            FakeTwilioRest.Received update = twilio.awaitUpdate(WAIT);
            assertTrue(update.path().endsWith(call.sid() + ".json"), update.path());
            assertEquals("completed", update.param("Status"));
            call.carrier().status(baseA + "/twilio/status", call.sid(), "completed");
            CallEvent.CallEnded ended = supervisorOnB.awaitEvent(CallEvent.CallEnded.class,
                    e -> e.callId().equals(call.id()), WAIT);
            assertTrue(ended.state().isFinal());
            droppedOnB.awaitEvent(CallEvent.CallEnded.class, e -> e.callId().equals(call.id()), WAIT);
            assertEquals(supervisorOnB.eventsOf(call.id()), droppedOnB.eventsOf(call.id()),
                    "the same events of A's call, with B's numbers, once each");
            assertEquals(1, droppedOnB.snapshots().size(), "resumed from B's journal, not resynced");
            AuditEntry audited = b.audit().read(Actor.OWNER, AuditQuery.latest(50)).entries().stream()
                    .filter(e -> e.target().equals(call.id()) && e.user().equals("sue")).findFirst()
                    .orElseThrow(() -> new AssertionError("the hang-up is not in the audit log"));
            assertTrue(audited.detail().contains("bridge-a"), audited.detail());

            // a revoked token is refused at once by both bridges
            assertEquals(200, get(baseB + "/calls", ann.secret()).statusCode());
            a.team().revoke(Actor.OWNER, ann.token().id());
            assertEquals(401, get(baseA + "/calls", ann.secret()).statusCode());
            assertEquals(401, get(baseB + "/calls", ann.secret()).statusCode());
        }
    }

    record LiveOnA(String id, String sid, FakeCarrier carrier, ModelPeer model) { }

    static Map<String, String> fleetEnv(PostgresSchema db, FakeRealtimeServer realtime, FakeTwilioRest twilio,
            String bridgeId) throws Exception {
        Path data = Files.createTempDirectory("highway-fleet-" + bridgeId);
        Map<String, String> env = BridgeHarness.fakeEnv(realtime.url(), twilio.baseUrl(), 0, "fleet-token", data);
        env.putAll(db.bridgeEnvironment());
        env.put("HIGHWAY_BRIDGE_ID", bridgeId);
        env.put("HIGHWAY_BRIDGE_HEARTBEAT_SECONDS", "1");
        env.put("HIGHWAY_BRIDGE_LEASE_SECONDS", "3");
        return env;
    }

    /** Places a call as {@code token} on the bridge at {@code base} and brings it to a conversation with one line. */
    private LiveOnA placeLiveCall(FakeTwilioRest twilio, FakeRealtimeServer realtime, String base, String token)
            throws Exception {
        BridgeProcess.LiveCall call = BridgeProcess.placeLiveCall(http, twilio, realtime, base, token);
        return new LiveOnA(call.id(), call.callSid(), call.carrier(), call.model());
    }

    private HttpResponse<String> get(String url, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
