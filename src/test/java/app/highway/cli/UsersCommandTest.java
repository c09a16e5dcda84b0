package app.highway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.config.AppConfig;
import app.highway.store.StoreException;
import app.highway.support.BridgeHarness;
import app.highway.team.Revocation;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code highway users …} on the database of a bridge that is running: the token it prints works against
 * that bridge at once, and one it revokes is refused at once; help, usage errors and exit codes.
 */
@Tag("e2e")
class UsersCommandTest {
    private BridgeHarness h;
    private AppConfig config;

    /** What one run printed, and its exit code. */
    private record Run(int code, String out, String err) {
        String lastLine() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1].strip();
        }
    }

    @BeforeEach
    void start() throws Exception {
        h = BridgeHarness.start();
        config = h.bridge.config(); // the same HIGHWAY_DATA_DIR as the running bridge
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private Run users(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = UsersCommand.run(Arrays.asList(args), config, Terminal.of(out, err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void addPrintsATokenOnceThatTheRunningBridgeAcceptsAtOnce() throws Exception {
        Run added = users("add", "alice", "--role", "agent", "--name", "Alice Liddell", "--label", "laptop");
        assertEquals(UsersCommand.DONE, added.code(), added.err());
        assertTrue(added.out().contains("Added alice (Alice Liddell), agent."), added.out());
        String token = added.lastLine();
        assertTrue(token.matches("hwy_[A-Za-z0-9_-]{43}"), "the last line is the token alone, for scripts: " + token);
        assertEquals("", added.err());

        assertEquals(200, h.get("/calls", token).statusCode(), "the bridge knows her at once");
        assertEquals(403, h.get("/audit", token).statusCode(), "as an agent");

        Run listed = users("list");
        assertEquals(UsersCommand.DONE, listed.code());
        assertTrue(listed.out().contains("alice") && listed.out().contains("agent")
                && listed.out().contains("Alice Liddell") && listed.out().contains("\"laptop\""), listed.out());
        assertTrue(listed.out().contains("tok_"), listed.out());
        assertFalse(listed.out().contains(token) || listed.out().contains("hwy_"), "a listing never shows a token");
        assertTrue(h.json(h.get("/audit?user=owner&action=person.add", BridgeHarness.API_TOKEN).body())
                .path("entries").findValuesAsText("target").contains("alice"), "audited like an API change");
    }

    @Test
    void aTokenRevokedFromTheCommandLineIsRefusedAtOnceAndTheBridgeHearsOfIt() throws Exception {
        List<Revocation> heard = new CopyOnWriteArrayList<>();
        h.bridge.team().onRevocation(heard::add);
        users("add", "bob", "--role", "supervisor");
        Run second = users("token", "bob", "--label", "phone");
        assertEquals(UsersCommand.DONE, second.code(), second.err());
        String token = second.lastLine();
        assertEquals(200, h.get("/calls", token).statusCode());
        String id = second.out().split("\\s+")[1];
        assertTrue(id.startsWith("tok_"), second.out());

        Run revoked = users("revoke", id);
        assertEquals(UsersCommand.DONE, revoked.code(), revoked.err());
        assertTrue(revoked.out().contains("Revoked " + id), revoked.out());
        assertEquals(401, h.get("/calls", token).statusCode(), "refused on its very next request");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (heard.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50); // the bridge polls for revocations made elsewhere every 2 s
        }
        assertEquals(List.of(id), heard.stream().map(r -> ((Revocation.TokenRevoked) r).tokenId()).toList());

        Run again = users("revoke", id);
        assertEquals(UsersCommand.REFUSED, again.code());
        assertTrue(again.err().contains("already revoked"), again.err());
    }

    @Test
    void disableRefusesEveryTokenOfThePerson() throws Exception {
        String token = users("add", "carol", "--role", "admin").lastLine();
        assertEquals(200, h.get("/people", token).statusCode(), "an admin");
        Run disabled = users("disable", "carol");
        assertEquals(UsersCommand.DONE, disabled.code(), disabled.err());
        assertEquals(401, h.get("/people", token).statusCode());
        assertTrue(users("list").out().contains("disabled"));
        assertEquals(UsersCommand.REFUSED, users("disable", "carol").code());
        assertEquals(UsersCommand.REFUSED, users("token", "carol").code(), "no new token for a disabled person");
    }

    @Test
    void enableLetsADisabledPersonBackWithTheTokensThatWereNotRevoked() throws Exception {
        String token = users("add", "erin", "--role", "agent").lastLine();
        Run refused = users("enable", "erin");
        assertEquals(UsersCommand.REFUSED, refused.code());
        assertTrue(refused.err().contains("erin is not disabled"), refused.err());
        users("disable", "erin");
        assertEquals(401, h.get("/calls", token).statusCode());

        Run enabled = users("enable", "erin");
        assertEquals(UsersCommand.DONE, enabled.code(), enabled.err());
        assertTrue(enabled.out().contains("Enabled erin (agent): 1 token is accepted again."), enabled.out());
        assertEquals(200, h.get("/calls", token).statusCode(), "the running bridge accepts her again at once");
        assertFalse(users("list").out().contains("disabled"));
        assertEquals(UsersCommand.REFUSED, users("enable", "nobody").code());
        assertTrue(h.json(h.get("/audit?action=person.enable", BridgeHarness.API_TOKEN).body()).path("entries")
                .findValuesAsText("target").contains("erin"), "audited");
    }

    @Test
    void roleGivesAPersonAnotherRoleFromTheirNextRequestOn() throws Exception {
        String token = users("add", "fay", "--role", "agent").lastLine();
        assertEquals(403, h.get("/audit", token).statusCode());
        Run promoted = users("role", "fay", "supervisor");
        assertEquals(UsersCommand.DONE, promoted.code(), promoted.err());
        assertEquals("fay is now a supervisor.", promoted.out().strip());
        assertEquals(200, h.get("/audit", token).statusCode(), "the running bridge sees her new role at once");
        assertTrue(users("list").out().lines().anyMatch(l -> l.startsWith("fay") && l.contains("supervisor")));

        Run same = users("role", "fay", "SUPERVISOR");
        assertEquals(UsersCommand.REFUSED, same.code());
        assertTrue(same.err().contains("already a supervisor"), same.err());
        Run bad = users("role", "fay", "boss");
        assertEquals(UsersCommand.USAGE, bad.code());
        assertTrue(bad.err().contains("agent, supervisor or admin"), bad.err());
        assertEquals(UsersCommand.USAGE, users("role", "fay").code(), "the role is required");
        assertEquals(UsersCommand.REFUSED, users("role", "nobody", "admin").code());
        JsonNode changed = h.json(h.get("/audit?action=person.role", BridgeHarness.API_TOKEN).body()).path("entries")
                .get(0);
        assertEquals("owner", changed.path("user").asText());
        assertEquals("agent -> supervisor", changed.path("detail").asText());
    }

    @Test
    void refusalsUsageErrorsAndHelpHaveTheirExitCodes() {
        Run help = users("--help");
        assertEquals(UsersCommand.DONE, help.code());
        for (String word : List.of("add", "list", "token", "revoke", "disable", "enable", "role", "Exit codes", "agent",
                "supervisor")) {
            assertTrue(help.out().contains(word), word + " in: " + help.out());
        }
        Run addHelp = users("add", "--help");
        assertEquals(UsersCommand.DONE, addHelp.code());
        assertTrue(addHelp.out().contains("--role") && addHelp.out().contains("--name"), addHelp.out());

        Run none = users();
        assertEquals(UsersCommand.USAGE, none.code());
        assertTrue(none.err().contains("Usage"), none.err());
        Run badRole = users("add", "dan", "--role", "boss");
        assertEquals(UsersCommand.USAGE, badRole.code());
        assertTrue(badRole.err().contains("agent, supervisor or admin"), badRole.err());
        assertEquals(UsersCommand.USAGE, users("add", "dan").code(), "--role is required");
        assertEquals(UsersCommand.USAGE, users("fly").code());

        users("add", "dan", "--role", "agent");
        Run taken = users("add", "dan", "--role", "agent");
        assertEquals(UsersCommand.REFUSED, taken.code());
        assertTrue(taken.err().contains("already a person called dan"), taken.err());
        assertEquals(UsersCommand.REFUSED, users("add", "Dan", "--role", "agent").code(), "names are lower case");
        assertEquals(UsersCommand.REFUSED, users("token", "nobody").code());
        assertEquals(UsersCommand.REFUSED, users("revoke", "tok_000000000000").code());
    }

    @Test
    void aDatabaseThatCannotBeOpenedIsExitCode3() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = UsersCommand.run(List.of("list"), () -> {
            throw new StoreException("Cannot open the database", new java.sql.SQLException("disk I/O error"));
        }, Clock.systemUTC(), ZoneOffset.UTC, Terminal.of(out, err));
        assertEquals(UsersCommand.STORE_FAILED, code);
        assertTrue(err.toString().contains("disk I/O error"), err.toString());
    }
}
