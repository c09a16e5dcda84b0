package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.Bridge;
import app.highway.call.CallEvent;
import app.highway.config.AppConfig;
import app.highway.config.CallSettings;
import app.highway.config.Secret;
import app.highway.remote.RemoteConsole;
import app.highway.support.BridgeProcess;
import app.highway.support.FakeCarrier;
import app.highway.support.FakeRealtimeServer;
import app.highway.support.FakeTwilioRest;
import app.highway.support.PostgresSchema;
import app.highway.support.ServerEvents;
import app.highway.support.StreamConsoles;
import app.highway.support.StreamRecorder;
import app.highway.team.Actor;
import app.highway.team.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two headless bridges in this process on one PostgreSQL database share the call settings, the
 * system-message versions and the prices: what a supervisor saves through bridge A is what the next call
 * placed on bridge B uses, and it reaches the consoles attached to B at once ({@code settings_changed});
 * a bridge whose LISTEN connection is cut (the backend terminated, as a database restart does) reconnects,
 * counts it in {@code /metrics}, and makes every console attached to it resync from the store.
 */
@Tag("e2e")
class FleetSharedSettingsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aChangeSavedOnBridgeAIsUsedByTheNextCallOnBridgeBAndReachesBsConsolesLive() throws Exception {
        try (PostgresSchema db = PostgresSchema.create(); FakeTwilioRest twilio = new FakeTwilioRest();
                FakeRealtimeServer realtime = new FakeRealtimeServer();
                Bridge a = Bridge.start(AppConfig.from(FleetConsolesTest.fleetEnv(db, realtime, twilio, "bridge-a")),
                        false);
                Bridge b = Bridge.start(AppConfig.from(FleetConsolesTest.fleetEnv(db, realtime, twilio, "bridge-b")),
                        false);
                StreamConsoles consoles = new StreamConsoles()) {
            String baseA = "http://127.0.0.1:" + a.port();
            String baseB = "http://127.0.0.1:" + b.port();
            StreamConsoles.await("both bridges listen to the fleet", () -> a.fleet().orElseThrow().listening()
                    && b.fleet().orElseThrow().listening(), WAIT);
            a.team().addPerson(Actor.OWNER, "sue", "Sue", Role.SUPERVISOR);
            a.team().addPerson(Actor.OWNER, "ann", "Ann", Role.AGENT);
            String sue = a.team().issueToken(Actor.OWNER, "sue", "desk").secret();
            String ann = a.team().issueToken(Actor.OWNER, "ann", "laptop").secret();
            StreamRecorder onB = consoles.connect(baseB, ann);
            onB.awaitSnapshot(1, WAIT);
            try (RemoteConsole remoteOnB = RemoteConsole.connect(URI.create(baseB), Secret.of(ann),
                    Files.createTempDirectory("highway-console"), StreamConsoles.QUICK)) {
                StreamConsoles.await("the remote console follows B", () -> remoteOnB.state()
                        instanceof app.highway.stream.ConnectionState.Connected, WAIT);

                // the supervisor saves a new system message and new settings through bridge A
                HttpResponse<String> version = send(baseA + "/prompts", sue, "POST",
                        "{\"instructions\":\"You are Olive from the fleet.\",\"verificationTemplate\":\"Code: {code}\"}");
                assertEquals(201, version.statusCode(), version.body());
                assertEquals(2, json.readTree(version.body()).path("version").asInt());
                CallSettings before = json.readValue(get(baseA + "/settings", sue).body(), CallSettings.class);
                CallSettings next = new CallSettings(before.model(), "cedar", before.temperature(), 0.7,
                        before.prefixPaddingMs(), before.silenceDurationMs(), before.transcriptionModel(),
                        before.maxCallSeconds(), before.ringTimeoutSeconds(), "You are Olive from the fleet.",
                        "Code: {code}", 2);
                HttpResponse<String> saved = send(baseA + "/settings", sue, "PUT", json.writeValueAsString(next));
                assertEquals(200, saved.statusCode(), saved.body());
                HttpResponse<String> prices = send(baseA + "/prices", sue, "PUT", "{\"models\":{\"gpt-realtime\":"
                        + "{\"textInput\":1,\"cachedTextInput\":1,\"textOutput\":1,\"audioInput\":1,"
                        + "\"cachedAudioInput\":1,\"audioOutput\":7}}}");
                assertEquals(200, prices.statusCode(), prices.body());

                // B's consoles are told, and read them again from B
                StreamConsoles.await("B's console told of settings, prompts and prices", () -> onB.settingsChanges()
                        .stream().flatMap(List::stream).distinct().count() == 3, WAIT);
                StreamConsoles.await("the remote console on B holds A's settings", () -> remoteOnB.services()
                        .settings().current().equals(next), WAIT);
                StreamConsoles.await("the remote console on B lists A's system message", () -> remoteOnB.services()
                        .prompts().versions().size() == 2, WAIT);
                StreamConsoles.await("the remote console on B holds A's prices", () -> remoteOnB.services().prices()
                        .current().priceFor("gpt-realtime").orElseThrow().audioOutput() == 7.0, WAIT);
                assertEquals(next, json.readValue(get(baseB + "/settings", ann).body(), CallSettings.class));

                // the next call placed on B starts the model with them
                JsonNode session = placeAndReadSession(twilio, realtime, baseB, ann);
                assertEquals("cedar", session.findValue("voice").asText(), session.toString());
                assertTrue(session.path("session").path("instructions").asText()
                        .contains("You are Olive from the fleet."), session.toString());
                assertEquals(0.7, session.findValue("threshold").asDouble(), session.toString());

                // a system message saved on B takes the next number of the whole fleet, and A lists it
                HttpResponse<String> onBVersion = send(baseB + "/prompts", sue, "POST",
                        "{\"instructions\":\"Saved on B.\",\"verificationTemplate\":\"{code}\"}");
                assertEquals(3, json.readTree(onBVersion.body()).path("version").asInt(), onBVersion.body());
                StreamConsoles.await("A lists B's version", () -> body(baseA + "/prompts", sue)
                        .contains("Saved on B."), WAIT);

                // a save on B from a copy A's save has outdated is refused, never silently undoing A's
                CallSettings staleOnB = json.readValue(get(baseB + "/settings", sue).body(), CallSettings.class);
                CallSettings fromA = new CallSettings(next.model(), "sage", next.temperature(), next.vadThreshold(),
                        next.prefixPaddingMs(), next.silenceDurationMs(), next.transcriptionModel(),
                        next.maxCallSeconds(), next.ringTimeoutSeconds(), next.instructions(),
                        next.verificationTemplate(), next.promptVersion());
                assertEquals(200, send(baseA + "/settings", sue, "PUT", json.writeValueAsString(fromA)).statusCode());
                HttpResponse<String> conflict = send(baseB + "/settings", sue, "PUT",
                        json.writeValueAsString(new CallSettings(staleOnB.model(), staleOnB.voice(),
                                staleOnB.temperature(), 0.5, staleOnB.prefixPaddingMs(), staleOnB.silenceDurationMs(),
                                staleOnB.transcriptionModel(), staleOnB.maxCallSeconds(),
                                staleOnB.ringTimeoutSeconds(), staleOnB.instructions(),
                                staleOnB.verificationTemplate(), staleOnB.promptVersion())));
                if (conflict.statusCode() == 409) {
                    assertEquals("changed_elsewhere", json.readTree(conflict.body()).path("error").asText());
                } else { // B had already heard of A's save: its stale copy was replaced in time
                    assertEquals(200, conflict.statusCode(), conflict.body());
                }
                StreamConsoles.await("both bridges agree", () -> body(baseA + "/settings", sue)
                        .equals(body(baseB + "/settings", sue)), WAIT);
            }
        }
    }

    @Test
    void aBridgeCutOffFromTheFleetsNotificationsReconnectsAndMakesItsConsolesResync() throws Exception {
        try (PostgresSchema db = PostgresSchema.create(); FakeTwilioRest twilio = new FakeTwilioRest();
                FakeRealtimeServer realtime = new FakeRealtimeServer();
                Bridge a = Bridge.start(AppConfig.from(FleetConsolesTest.fleetEnv(db, realtime, twilio, "bridge-a")),
                        false);
                Bridge b = Bridge.start(AppConfig.from(FleetConsolesTest.fleetEnv(db, realtime, twilio, "bridge-b")),
                        false);
                StreamConsoles consoles = new StreamConsoles()) {
            String baseA = "http://127.0.0.1:" + a.port();
            String baseB = "http://127.0.0.1:" + b.port();
            StreamConsoles.await("both bridges listen to the fleet", () -> a.fleet().orElseThrow().listening()
                    && b.fleet().orElseThrow().listening(), WAIT);
            a.team().addPerson(Actor.OWNER, "sue", "Sue", Role.SUPERVISOR);
            String sue = a.team().issueToken(Actor.OWNER, "sue", "desk").secret();
            StreamRecorder onB = consoles.connect(baseB, sue);
            onB.awaitSnapshot(1, WAIT);
            BridgeProcess.LiveCall call = BridgeProcess.placeLiveCall(http, twilio, realtime, baseA, sue);
            onB.awaitEvent(CallEvent.TranscriptUpdated.class, e -> e.callId().equals(call.id()) && e.complete(),
                    WAIT);
            assertTrue(metric(baseB, sue, "highway_fleet_listen_outages_total").startsWith("0"));

            // the database drops B's listening connection (what a restart or a network cut does to it)
            // a resync snapshot holds other bridges' live calls as the store has them: A writes a new call's row at
            // its store writer's next interval, so a console resyncing sooner learns of the call from its next
            // event instead (LiveCalls fetches an unknown call's record); wait for the row, then cut
            StreamConsoles.await("A's call is in the store, where B reads other bridges' live calls",
                    () -> b.fleet().orElseThrow().liveCallsElsewhere().stream().anyMatch(c -> c.id().equals(call.id())),
                    WAIT);
            int snapshotsBefore = onB.snapshots().size(); // a resync may already have come (B's start-up)
            assertEquals(1, terminate(db, "highway-listen bridge-b"), "B's listening backend");
            StreamRecorder.Snapshot fresh = onB.awaitSnapshot(snapshotsBefore + 1, WAIT);
            assertTrue(fresh.calls().stream().anyMatch(c -> c.id().equals(call.id())),
                    "the resync snapshot holds A's live call, read from the store: " + fresh.calls());
            StreamConsoles.await("the console is told to read the settings again", () -> onB.settingsChanges().contains(
                    List.of("settings", "prompts", "prices")), WAIT);
            assertEquals(1, onB.states().stream().filter(s -> s instanceof app.highway.stream.ConnectionState.Connected)
                    .count(), "the console's socket stayed open: only the bridge's own connection was cut");
            assertTrue(b.fleet().orElseThrow().listening());
            assertTrue(metric(baseB, sue, "highway_fleet_listen_outages_total").startsWith("1"));

            // and B hears A's events again
            call.model().send(ServerEvents.inputTranscript("item_c9", "Still there?"));
            onB.awaitEvent(CallEvent.TranscriptUpdated.class, e -> e.callId().equals(call.id()) && e.complete()
                    && e.line().text().equals("Still there?"), WAIT);
        }
    }

    /** Places a call on {@code base} and answers its model socket: the {@code session.update} it sent. */
    private JsonNode placeAndReadSession(FakeTwilioRest twilio, FakeRealtimeServer realtime, String base,
            String token) throws Exception {
        HttpResponse<String> placed = send(base + "/call-customer", token, "POST",
                "{\"to\":\"+15559876543\",\"verification\":4821}");
        assertEquals(201, placed.statusCode(), placed.body());
        String callSid = json.readTree(placed.body()).path("callSid").asText();
        new FakeCarrier(FakeTwilioRest.AUTH_TOKEN).status(base + "/twilio/status", callSid, "ringing");
        return realtime.awaitPeer().awaitMessage("session.update");
    }

    /** Terminates the backends of {@code applicationName} on the test's schema's server; how many. */
    private static int terminate(PostgresSchema db, String applicationName) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        + "WHERE application_name = '" + applicationName + "' AND query LIKE '%" + db.schema() + "%'")) {
            int n = 0;
            while (rs.next()) {
                n += rs.getBoolean(1) ? 1 : 0;
            }
            return n;
        }
    }

    private String metric(String base, String token, String name) throws Exception {
        for (String line : get(base + "/metrics", token).body().split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                return line.substring(line.lastIndexOf(' ') + 1);
            }
        }
        throw new AssertionError(name + " not in /metrics");
    }

    private String body(String url, String token) {
        try {
            return get(url, token).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(String url, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String url, String token, String method, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
