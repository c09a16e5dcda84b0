package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.support.BridgeHarness;
import app.highway.team.Revocation;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * People and roles over real sockets: each person's token acts as them; agents see and hang up only their own
 * calls (another's: 403 with a clear error, lists narrowed), supervisors any; admins manage people and tokens;
 * a revoked token or a disabled person is refused on the very next request; everything is audited.
 */
@Tag("e2e")
class PeopleApiTest {
    private static final String OWNER = BridgeHarness.API_TOKEN;
    private static BridgeHarness h;
    private static String alice;
    private static String bob;
    private static String sue;

    @BeforeAll
    static void start() throws Exception {
        h = BridgeHarness.start();
        alice = add("alice", "agent").path("token").path("token").asText();
        bob = add("bob", "agent").path("token").path("token").asText();
        sue = add("sue", "supervisor").path("token").path("token").asText();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    /** Adds a person as the owner (an admin); the answer holds the person and their first token. */
    private static JsonNode add(String user, String role) throws Exception {
        HttpResponse<String> r = h.post("/people", "application/json", "{\"user\":\"" + user + "\",\"role\":\""
                + role + "\",\"name\":\"" + user.toUpperCase() + "\",\"label\":\"test\"}", OWNER);
        assertEquals(201, r.statusCode(), r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null), "a token is never cached");
        return h.json(r.body());
    }

    private static String place(String token, String code) throws Exception {
        HttpResponse<String> r = h.post("/call-customer", "application/json",
                "{\"to\":\"+15559876543\",\"verification\":" + code + "}", token);
        assertEquals(201, r.statusCode(), r.body());
        return h.json(r.body()).path("id").asText();
    }

    private static JsonNode okJson(HttpResponse<String> r) throws Exception {
        assertEquals(200, r.statusCode(), r.body());
        return h.json(r.body());
    }

    private static void assertForbidden(HttpResponse<String> r, String says) throws Exception {
        assertEquals(403, r.statusCode(), r.body());
        JsonNode body = h.json(r.body());
        assertEquals("forbidden", body.path("error").asText());
        assertTrue(body.path("message").asText().contains(says), body.path("message").asText());
    }

    private static Set<String> placers(JsonNode list) {
        Set<String> who = new HashSet<>();
        list.path("calls").forEach(c -> who.add(c.path("placedBy").asText()));
        return who;
    }

    @Test
    void agentsSeeAndHangUpOnlyTheCallsTheyPlaced() throws Exception {
        HttpResponse<String> placed = h.post("/call-customer", "application/json",
                "{\"to\":\"+15559876543\",\"verification\":97531}", alice);
        assertEquals(201, placed.statusCode(), placed.body());
        assertEquals("alice", h.json(placed.body()).path("placedBy").asText());
        String call = h.json(placed.body()).path("id").asText();
        place(bob, "24680");

        assertForbidden(h.get("/calls/" + call, bob), "placed by alice");
        assertForbidden(h.post("/calls/" + call + "/hangup", null, "", bob), "placed by alice");
        assertFalse(okJson(h.get("/calls/" + call, alice)).path("state").asText().startsWith("end"),
                "bob's hang-up did nothing");
        assertEquals(Set.of("bob"), placers(okJson(h.get("/calls", bob))), "bob's list holds his calls only");
        assertForbidden(h.get("/calls?placedBy=alice", bob), "only the calls they placed");
        assertForbidden(h.get("/calls/export.csv?placedBy=alice", bob), "only the calls they placed");
        assertForbidden(h.delete("/calls/" + call, bob), "supervisors and admins");

        JsonNode mine = okJson(h.get("/calls", alice));
        assertEquals(Set.of("alice"), placers(mine));
        assertTrue(mine.path("calls").findValuesAsText("id").contains(call));
        assertEquals("alice", okJson(h.get("/calls/" + call, alice)).path("placedBy").asText());
        HttpResponse<String> csv = h.get("/calls/export.csv", alice);
        assertEquals(200, csv.statusCode());
        String[] lines = csv.body().split("\n");
        assertTrue(lines[0].startsWith("id,callSid,to,state,") && lines[0].contains(",placedBy,"), lines[0]);
        assertTrue(csv.body().contains(call) && !csv.body().contains(",bob"), csv.body());

        HttpResponse<String> hungUp = h.post("/calls/" + call + "/hangup", null, "", alice);
        assertEquals(202, hungUp.statusCode(), hungUp.body());
    }

    @Test
    void supervisorsSeeAndHangUpAnyCall() throws Exception {
        String call = place(bob, "13579");
        place(alice, "13579");
        assertTrue(placers(okJson(h.get("/calls", sue))).containsAll(Set.of("alice", "bob")), "not narrowed");
        assertEquals(Set.of("bob"), placers(okJson(h.get("/calls?placedBy=bob", sue))));
        assertEquals("bob", okJson(h.get("/calls/" + call, sue)).path("placedBy").asText());
        HttpResponse<String> hungUp = h.post("/calls/" + call + "/hangup", null, "", sue);
        assertEquals(202, hungUp.statusCode(), hungUp.body());

        JsonNode audit = okJson(h.get("/audit?user=sue&action=call.hang_up", sue));
        assertTrue(audit.path("entries").findValuesAsText("target").contains(call), audit.toString());
    }

    @Test
    void onlyAdminsManagePeopleAndTokens() throws Exception {
        assertForbidden(h.get("/people", alice), "supervisors and admins");
        JsonNode people = okJson(h.get("/people", sue));
        assertTrue(people.path("people").findValuesAsText("user").containsAll(List.of("alice", "bob", "sue")));
        assertForbidden(h.post("/people", "application/json", "{\"user\":\"mallory\",\"role\":\"admin\"}", sue),
                "Only admins");
        assertForbidden(h.get("/tokens", sue), "Only admins");
        assertForbidden(h.post("/people/alice/disable", null, "", bob), "Only admins");

        JsonNode tokens = okJson(h.get("/tokens?user=alice", OWNER));
        assertEquals(1, tokens.path("tokens").size());
        assertTrue(tokens.path("tokens").get(0).path("id").asText().startsWith("tok_"));
        assertFalse(tokens.toString().contains("hwy_"), "a listing never holds a token");
        assertEquals(409, h.post("/people", "application/json", "{\"user\":\"alice\",\"role\":\"agent\"}", OWNER)
                .statusCode(), "the name is taken");
        HttpResponse<String> badRole = h.post("/people", "application/json", "{\"user\":\"zed\",\"role\":\"boss\"}",
                OWNER);
        assertEquals(400, badRole.statusCode());
        assertEquals("invalid_role", h.json(badRole.body()).path("error").asText());
        assertEquals(404, h.post("/tokens/tok_000000000000/revoke", null, "", OWNER).statusCode());
    }

    @Test
    void aRevokedTokenIsRefusedOnItsVeryNextRequestAndTheRevocationIsHeard() throws Exception {
        List<Revocation> heard = new CopyOnWriteArrayList<>();
        AutoCloseable listening = h.bridge.team().onRevocation(heard::add);
        try {
            JsonNode carol = add("carol", "agent");
            String token = carol.path("token").path("token").asText();
            String id = carol.path("token").path("id").asText();
            assertEquals(200, h.get("/calls", token).statusCode());
            place(token, "1234");

            JsonNode revoked = okJson(h.post("/tokens/" + id + "/revoke", null, "", OWNER));
            assertTrue(revoked.path("token").path("revoked").asBoolean());
            HttpResponse<String> refused = h.get("/calls", token); // the same kept-alive connection as before
            assertEquals(401, refused.statusCode(), refused.body());
            assertTrue(h.json(refused.body()).path("message").asText().contains("revoked"));
            assertEquals(401, h.post("/call-customer", "application/json",
                    "{\"to\":\"+15559876543\",\"verification\":1234}", token).statusCode());
            assertEquals(List.of(id), heard.stream().map(r -> ((Revocation.TokenRevoked) r).tokenId()).toList());

            HttpResponse<String> second = h.post("/people/carol/tokens", "application/json", "{\"label\":\"phone\"}",
                    OWNER);
            assertEquals(201, second.statusCode(), second.body());
            assertEquals(200, h.get("/calls", h.json(second.body()).path("token").asText()).statusCode(),
                    "a new token for carol works");
        } finally {
            listening.close();
        }
    }

    @Test
    void aDisabledPersonIsRefusedAtOnceAndGetsNoNewToken() throws Exception {
        String token = add("dave", "supervisor").path("token").path("token").asText();
        assertEquals(200, h.get("/calls", token).statusCode());
        JsonNode disabled = okJson(h.post("/people/dave/disable", null, "", OWNER));
        assertTrue(disabled.path("person").path("disabled").asBoolean());
        assertEquals(401, h.get("/calls", token).statusCode());
        assertEquals(409, h.post("/people/dave/tokens", null, "", OWNER).statusCode());
        assertEquals(409, h.post("/people/dave/disable", null, "", OWNER).statusCode());
    }

    @Test
    void anAdminEnablesADisabledPersonAndChangesRolesButNotTheirOwn() throws Exception {
        String gwen = add("gwen", "agent").path("token").path("token").asText();
        String ada = add("ada", "admin").path("token").path("token").asText();
        assertEquals(200, h.post("/people/gwen/disable", null, "", ada).statusCode());
        assertEquals(401, h.get("/calls", gwen).statusCode());

        JsonNode enabled = okJson(h.post("/people/gwen/enable", null, "", ada));
        assertFalse(enabled.path("person").path("disabled").asBoolean());
        assertEquals(200, h.get("/calls", gwen).statusCode(), "her token works again");
        assertEquals(409, h.post("/people/gwen/enable", null, "", ada).statusCode(), "she is not disabled");
        assertForbidden(h.post("/people/gwen/enable", null, "", sue), "Only admins");
        assertEquals(404, h.post("/people/nobody/enable", null, "", ada).statusCode());

        assertEquals(403, h.get("/audit", gwen).statusCode(), "an agent");
        JsonNode promoted = okJson(h.post("/people/gwen/role", "application/json", "{\"role\":\"supervisor\"}", ada));
        assertEquals("supervisor", promoted.path("person").path("role").asText());
        assertEquals(200, h.get("/audit", gwen).statusCode(), "a supervisor from her very next request");
        assertEquals(409, h.post("/people/gwen/role", "application/json", "{\"role\":\"supervisor\"}", ada)
                .statusCode(), "already a supervisor");
        assertEquals(400, h.post("/people/gwen/role", "application/json", "{\"role\":\"boss\"}", ada).statusCode());
        assertEquals(415, h.post("/people/gwen/role", null, "", ada).statusCode());
        assertForbidden(h.post("/people/gwen/role", "application/json", "{\"role\":\"admin\"}", sue), "Only admins");
        assertForbidden(h.post("/people/ada/role", "application/json", "{\"role\":\"agent\"}", ada), "another admin");
        assertForbidden(h.post("/people/ada/disable", null, "", ada), "another admin");

        JsonNode entries = okJson(h.get("/audit?user=ada", OWNER)).path("entries");
        List<String> actions = new ArrayList<>();
        entries.forEach(e -> actions.add(e.path("action").asText() + " " + e.path("target").asText()));
        assertEquals(List.of("person.role gwen", "person.enable gwen", "person.disable gwen"), actions);
    }

    @Test
    void theAuditLogIsPagedForSupervisorsAndHoldsNoSecret() throws Exception {
        String call = place(alice, "86420");
        assertForbidden(h.get("/audit", alice), "supervisors and admins");

        List<JsonNode> entries = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = okJson(h.get("/audit?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), sue));
            assertTrue(page.path("entries").size() <= 2);
            page.path("entries").forEach(entries::add);
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
            pages++;
        } while (cursor != null);
        assertTrue(pages > 3, "several pages of two");
        assertEquals(entries.size(), entries.stream().map(e -> e.path("id").asText()).distinct().count(),
                "no entry twice");
        JsonNode placing = entries.stream().filter(e -> call.equals(e.path("target").asText())).findFirst()
                .orElseThrow();
        assertEquals("alice", placing.path("user").asText());
        assertEquals("call.place", placing.path("action").asText());
        assertTrue(placing.path("at").isTextual());
        assertTrue(entries.stream().anyMatch(e -> "person.add".equals(e.path("action").asText())
                && "sue".equals(e.path("target").asText()) && "owner".equals(e.path("user").asText())));
        String details = entries.stream().map(e -> e.path("detail").asText()).collect(Collectors.joining("\n"));
        for (String secret : List.of(alice, bob, sue, "86420", "97531", OWNER)) {
            assertFalse(details.contains(secret), "a secret in the audit log: " + secret.substring(0, 3) + "…");
        }
        assertEquals(400, h.get("/audit?cursor=nonsense", sue).statusCode());
        assertEquals(400, h.get("/audit?limit=0", sue).statusCode());
    }

    @Test
    void theBridgesOwnTokenStillActsAsTheOwner() throws Exception {
        String call = place(OWNER, "5555");
        assertEquals("owner", h.call(call).path("placedBy").asText());
        assertTrue(okJson(h.get("/calls?placedBy=owner", OWNER)).path("calls").findValuesAsText("id").contains(call));
        assertEquals(401, h.get("/people", null).statusCode());
        assertEquals(401, h.get("/audit", "hwy_" + "A".repeat(43)).statusCode(), "well-formed, but nobody's");
    }

    @Test
    void tokensNeverReachTheLog() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Level level = root.getLevel();
        root.setLevel(ch.qos.logback.classic.Level.DEBUG);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        String token;
        try {
            JsonNode erin = add("erin", "agent");
            token = erin.path("token").path("token").asText();
            place(token, "1357");
            h.post("/tokens/" + erin.path("token").path("id").asText() + "/revoke", null, "", OWNER);
            h.get("/calls", token);
        } finally {
            root.detachAppender(captured);
            root.setLevel(level);
        }
        String all = captured.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.joining("\n"));
        assertTrue(all.contains("erin"), "the changes were logged");
        assertFalse(all.contains(token), "a token reached the log");
        assertFalse(all.contains(token.substring(4, 20)), "part of a token reached the log");
    }
}
