package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.Bridge;
import app.highway.call.CallState;
import app.highway.config.AppConfig;
import app.highway.support.BridgeHarness;
import app.highway.support.BridgeProcess;
import app.highway.support.FakeRealtimeServer;
import app.highway.support.FakeTwilioRest;
import app.highway.support.PostgresSchema;
import app.highway.support.StreamConsoles;
import app.highway.team.Actor;
import app.highway.team.AuditEntry;
import app.highway.team.AuditQuery;
import app.highway.team.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A supervisor's powers through bridge B on a call bridge A holds (two bridges on one PostgreSQL database):
 * B decides who may and writes the audit entry, A acts on the call's sockets and its answer (status and
 * words) is B's. A whisper reaches A's model as a system message; a mute clears the carrier's buffer and
 * stops the model answering turns; A's refusals (muted, a bad number) read the same through B; an agent's
 * whisper on another agent's call is 403; listening in and taking over stay on A (409 naming it); a transfer
 * through B has A dial the person. With A
 * killed, B answers 504 within the fleet's command timeout.
 */
@Tag("e2e")
class FleetPowersTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aSupervisorOnBridgeBWhispersMutesAndIsAnsweredAsBridgeAWouldOnTheCallBridgeAHolds() throws Exception {
        try (PostgresSchema db = PostgresSchema.create(); FakeTwilioRest twilio = new FakeTwilioRest();
                FakeRealtimeServer realtime = new FakeRealtimeServer();
                Bridge a = Bridge.start(AppConfig.from(FleetConsolesTest.fleetEnv(db, realtime, twilio, "bridge-a")),
                        false);
                Bridge b = Bridge.start(AppConfig.from(FleetConsolesTest.fleetEnv(db, realtime, twilio, "bridge-b")),
                        false)) {
            String baseA = "http://127.0.0.1:" + a.port();
            String baseB = "http://127.0.0.1:" + b.port();
            StreamConsoles.await("both bridges listen to the fleet", () -> a.fleet().orElseThrow().listening()
                    && b.fleet().orElseThrow().listening(), WAIT);
            a.team().addPerson(Actor.OWNER, "ann", "Ann", Role.AGENT);
            a.team().addPerson(Actor.OWNER, "bob", "Bob", Role.AGENT);
            b.team().addPerson(Actor.OWNER, "sue", "Sue", Role.SUPERVISOR);
            String ann = a.team().issueToken(Actor.OWNER, "ann", "laptop").secret();
            String bob = b.team().issueToken(Actor.OWNER, "bob", "laptop").secret();
            String sue = b.team().issueToken(Actor.OWNER, "sue", "desk").secret();

            BridgeProcess.LiveCall call = BridgeProcess.placeLiveCall(http, twilio, realtime, baseA, ann);
            awaitLiveOnRecord(b, call.id());

            // another agent may not whisper on Ann's call through B: refused there, nothing reaches A's model
            HttpResponse<String> bobs = post(baseB, call.id(), "whisper", "{\"text\":\"hang up on them\"}", bob);
            assertEquals(403, bobs.statusCode(), bobs.body());
            assertEquals("forbidden", json.readTree(bobs.body()).path("error").asText());

            // the supervisor's whisper through B reaches A's model as a system message
            HttpResponse<String> whispered = post(baseB, call.id(), "whisper",
                    "{\"text\":\"be brief, they are driving\",\"respond\":false}", sue);
            assertEquals(202, whispered.statusCode(), whispered.body());
            assertEquals(call.id(), json.readTree(whispered.body()).path("call").asText());
            JsonNode item = call.model().awaitMessage("conversation.item.create").path("item");
            assertEquals("system", item.path("role").asText());
            assertEquals("be brief, they are driving", item.path("content").get(0).path("text").asText(),
                    "only the supervisor's whisper reached the model, not the agent's: " + item);
            StreamConsoles.await("the whisper is on the call's timeline on A, by sue", () -> a.history()
                    .find(call.id()).map(c -> c.timeline().stream().anyMatch(t -> t.kind().equals("whisper")
                            && t.detail().startsWith("by sue: be brief"))).orElse(false), WAIT);
            List<AuditEntry> whispers = audit(b, "call.whisper", call.id());
            assertEquals(1, whispers.size(), "one audit entry for one whisper: " + whispers);
            assertEquals("sue", whispers.get(0).user());
            assertTrue(whispers.get(0).detail().contains("be brief") && whispers.get(0).detail().contains("bridge-a"),
                    whispers.get(0).detail());

            // mute through B: A clears what the carrier had not played and stops the model answering turns
            HttpResponse<String> muted = post(baseB, call.id(), "mute", null, sue);
            assertEquals(200, muted.statusCode(), muted.body());
            assertTrue(json.readTree(muted.body()).path("muted").asBoolean());
            call.stream().awaitEvent("clear");
            JsonNode off = call.model().awaitMessage("session.update");
            assertFalse(off.path("session").path("audio").path("input").path("turn_detection")
                    .path("create_response").asBoolean(true), off.toString());
            assertEquals(1, audit(b, "call.mute", call.id()).size());

            // A's refusals come back through B with the same status and words as on A
            HttpResponse<String> sayOnB = post(baseB, call.id(), "say", "{\"text\":\"Hello?\"}", sue);
            HttpResponse<String> sayOnA = post(baseA, call.id(), "say", "{\"text\":\"Hello?\"}", ann);
            assertEquals(409, sayOnB.statusCode(), sayOnB.body());
            assertEquals("muted", json.readTree(sayOnB.body()).path("error").asText());
            assertEquals(json.readTree(sayOnA.body()), json.readTree(sayOnB.body()));
            HttpResponse<String> badOnB = post(baseB, call.id(), "transfer", "{\"to\":\"555-0100\"}", sue);
            assertEquals(400, badOnB.statusCode(), badOnB.body());
            assertEquals("invalid_phone_number", json.readTree(badOnB.body()).path("error").asText());
            assertTrue(twilio.updatesSoFar().isEmpty(), "no transfer was made");

            HttpResponse<String> unmuted = post(baseB, call.id(), "unmute", null, sue);
            assertEquals(200, unmuted.statusCode(), unmuted.body());
            assertFalse(json.readTree(unmuted.body()).path("muted").asBoolean(true));
            JsonNode on = call.model().awaitMessage("session.update");
            assertTrue(on.path("session").path("audio").path("input").path("turn_detection")
                    .path("create_response").asBoolean(false), on.toString());

            // the call's audio stays on A: listening in and taking over through B are 409 naming A
            for (String power : new String[] {"listen", "takeover"}) {
                String[] refused = upgrade(b.port(), "/calls/" + call.id() + "/" + power, sue);
                assertTrue(refused[0].startsWith("HTTP/1.1 409"), power + ": " + refused[0]);
                assertEquals("held_elsewhere", json.readTree(refused[1]).path("error").asText(), refused[1]);
                assertTrue(refused[1].contains("bridge-a"), refused[1]);
            }

            // a transfer through B: supervisors only (Ann placed the call, yet may not), A dials the person
            HttpResponse<String> annsTransfer = post(baseB, call.id(), "transfer", "{\"to\":\"+15551234567\"}", ann);
            assertEquals(403, annsTransfer.statusCode(), annsTransfer.body());
            HttpResponse<String> transferred = post(baseB, call.id(), "transfer", "{\"to\":\"+15551234567\"}", sue);
            assertEquals(202, transferred.statusCode(), transferred.body());
            assertTrue(json.readTree(transferred.body()).path("transferred").asBoolean(), transferred.body());
            FakeTwilioRest.Received update = twilio.awaitUpdate(WAIT);
            assertTrue(update.path().endsWith(call.callSid() + ".json"), update.path());
            assertTrue(update.param("Twiml").contains("<Dial>+15551234567</Dial>"), update.param("Twiml"));
            List<AuditEntry> transfers = audit(b, "call.transfer", call.id());
            assertEquals(1, transfers.size(), transfers.toString());
            assertEquals("cold transfer to +1555•••4567, on bridge bridge-a", transfers.get(0).detail());
        }
    }

    @Test
    void aSupervisorsPowerThroughBIs504WithinTheTimeoutOnceBridgeAIsKilled() throws Exception {
        try (PostgresSchema db = PostgresSchema.create(); FakeTwilioRest twilio = new FakeTwilioRest();
                FakeRealtimeServer realtime = new FakeRealtimeServer()) {
            int portA = freePort();
            Map<String, String> envA = env(db, realtime, twilio, portA, "bridge-a");
            Process bridgeA = BridgeProcess.start(envA, Path.of(envA.get("HIGHWAY_DATA_DIR")));
            try (Bridge b = Bridge.start(AppConfig.from(env(db, realtime, twilio, 0, "bridge-b")), false)) {
                String baseA = "http://127.0.0.1:" + portA;
                String baseB = "http://127.0.0.1:" + b.port();
                b.team().addPerson(Actor.OWNER, "sue", "Sue", Role.SUPERVISOR);
                String sue = b.team().issueToken(Actor.OWNER, "sue", "desk").secret();
                BridgeProcess.awaitHealthy(http, baseA);
                BridgeProcess.LiveCall call = BridgeProcess.placeLiveCall(http, twilio, realtime, baseA, "fleet-token");
                awaitLiveOnRecord(b, call.id());
                StreamConsoles.await("bridge B listens to the fleet", () -> b.fleet().orElseThrow().listening(), WAIT);

                HttpResponse<String> whispered = post(baseB, call.id(), "whisper", "{\"text\":\"be brief\"}", sue);
                assertEquals(202, whispered.statusCode(), whispered.body());
                assertEquals("system", call.model().awaitMessage("conversation.item.create").path("item")
                        .path("role").asText());

                bridgeA.destroyForcibly(); // SIGKILL: its lease (30 s) outlives the test, so B still sees the call live
                bridgeA.waitFor();
                long asked = System.nanoTime();
                HttpResponse<String> unanswered = post(baseB, call.id(), "mute", null, sue);
                long millis = Duration.ofNanos(System.nanoTime() - asked).toMillis();
                assertEquals(504, unanswered.statusCode(), unanswered.body());
                assertEquals("bridge_unreachable", json.readTree(unanswered.body()).path("error").asText());
                assertTrue(unanswered.body().contains("bridge-a"), unanswered.body());
                assertTrue(millis >= 4_000 && millis <= 8_000, "answered after " + millis + " ms (timeout 5 s)");
                assertTrue(audit(b, "call.mute", call.id()).isEmpty(), "a mute that did not happen was audited");
            } finally {
                bridgeA.destroyForcibly();
            }
        }
    }

    private static Map<String, String> env(PostgresSchema db, FakeRealtimeServer realtime, FakeTwilioRest twilio,
            int port, String bridgeId) throws Exception {
        Path data = Files.createTempDirectory("highway-fleet-" + bridgeId);
        Map<String, String> env = BridgeHarness.fakeEnv(realtime.url(), twilio.baseUrl(), port, "fleet-token", data);
        env.putAll(db.bridgeEnvironment());
        env.put("HIGHWAY_BRIDGE_ID", bridgeId);
        env.put("HIGHWAY_BRIDGE_HEARTBEAT_SECONDS", "1");
        env.put("HIGHWAY_BRIDGE_LEASE_SECONDS", "30");
        return env;
    }

    /** Waits until the shared store shows the call in progress: what B reads to know A holds it. */
    private static void awaitLiveOnRecord(Bridge b, String callId) throws Exception {
        StreamConsoles.await("bridge B reads bridge A's live call", () -> b.history().find(callId)
                .filter(c -> c.state() == CallState.IN_PROGRESS).isPresent(), WAIT);
    }

    private static List<AuditEntry> audit(Bridge bridge, String action, String callId) {
        return bridge.audit().read(Actor.OWNER, AuditQuery.latest(200)).entries().stream()
                .filter(e -> e.action().equals(action) && e.target().equals(callId)).toList();
    }

    private HttpResponse<String> post(String base, String callId, String power, String body, String token)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/calls/" + callId + "/" + power))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(20));
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A WebSocket upgrade of {@code path} as a raw HTTP/1.1 request (the JDK's client hides a refusal's body):
     * the status line and the body.
     */
    private static String[] upgrade(int port, String path, String token) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\nAuthorization: Bearer " + token + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    break;
                }
                head.write(c);
            }
            String headers = head.toString(StandardCharsets.US_ASCII);
            int length = 0;
            for (String line : headers.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            return new String[] {headers.substring(0, headers.indexOf("\r\n")),
                new String(in.readNBytes(length), StandardCharsets.UTF_8)};
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
