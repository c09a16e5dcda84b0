package app.highway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.call.Call;
import app.highway.call.CallState;
import app.highway.config.CallSettings;
import app.highway.config.Json;
import app.highway.event.EventBus;
import app.highway.team.ApiToken;
import app.highway.team.AuditEntry;
import app.highway.team.AuditPage;
import app.highway.team.AuditQuery;
import app.highway.team.Person;
import app.highway.team.Revocation;
import app.highway.team.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** People, tokens, the audit log and who placed each call, in SQLite on a real file (migration V3). */
@Tag("unit")
class SqlTeamStoreTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private Path dir;
    private SqlTeamStore store;

    @BeforeEach
    void open() throws Exception {
        dir = Files.createTempDirectory("highway-team-store");
        store = SqlTeamStore.sqlite(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Person person(String user, Role role) {
        return new Person(user, user.toUpperCase(), role, T0, null);
    }

    @Test
    void aPersonIsAddedOnceAndReadBack() {
        assertTrue(store.people().addPerson(person("alice", Role.AGENT)));
        assertFalse(store.people().addPerson(person("alice", Role.ADMIN)), "the user name is taken");
        assertTrue(store.people().addPerson(person("bob", Role.SUPERVISOR)));
        assertEquals(List.of("alice", "bob"), store.people().people().stream().map(Person::user).toList());
        Person alice = store.people().person("alice").orElseThrow();
        assertEquals(Role.AGENT, alice.role());
        assertEquals("ALICE", alice.name());
        assertEquals(T0, alice.createdAt());
        assertFalse(alice.disabled());

        assertTrue(store.people().disable("alice", T0.plusSeconds(60)));
        assertFalse(store.people().disable("alice", T0.plusSeconds(90)), "already disabled: the first time stays");
        assertEquals(T0.plusSeconds(60), store.people().person("alice").orElseThrow().disabledAt());
    }

    @Test
    void aTokenIsFoundByItsHashWithItsHolderAndKeepsOnlyTheHash() throws Exception {
        store.people().addPerson(person("alice", Role.AGENT));
        store.people().addToken(new ApiToken("tok_1", "alice", "laptop", T0, null, null), "ab".repeat(32));
        var found = store.people().findByHash("ab".repeat(32)).orElseThrow();
        assertEquals("tok_1", found.token().id());
        assertEquals("alice", found.person().user());
        assertEquals(Role.AGENT, found.person().role());
        assertTrue(store.people().findByHash("cd".repeat(32)).isEmpty());

        store.people().touch("tok_1", T0.plusSeconds(5));
        assertEquals(T0.plusSeconds(5), store.people().token("tok_1").orElseThrow().lastUsedAt());
        assertTrue(store.people().revoke("tok_1", T0.plusSeconds(10)));
        assertFalse(store.people().revoke("tok_1", T0.plusSeconds(20)));
        assertTrue(store.people().findByHash("ab".repeat(32)).orElseThrow().token().revoked(),
                "a revoked token is still found, as such");

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("highway.db"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT token_hash FROM tokens")) {
            assertTrue(rs.next());
            assertEquals("ab".repeat(32), rs.getString(1));
        }
    }

    @Test
    void revocationsSinceATimeAreFoundWhoeverMadeThem() {
        store.people().addPerson(person("alice", Role.AGENT));
        store.people().addPerson(person("bob", Role.AGENT));
        store.people().addToken(new ApiToken("tok_a", "alice", "t", T0, null, null), "aa".repeat(32));
        store.people().addToken(new ApiToken("tok_b", "bob", "t", T0, null, null), "bb".repeat(32));
        store.people().revoke("tok_a", T0.plusSeconds(5));
        try (SqlTeamStore other = SqlTeamStore.sqlite(dir)) { // another process on the same file
            other.people().disable("bob", T0.plusSeconds(30));
        }
        List<Revocation> all = store.people().revocationsSince(T0);
        assertEquals(List.of(new Revocation.TokenRevoked("tok_a", "alice", T0.plusSeconds(5)),
                new Revocation.PersonDisabled("bob", T0.plusSeconds(30))), all);
        assertEquals(List.of(new Revocation.PersonDisabled("bob", T0.plusSeconds(30))),
                store.people().revocationsSince(T0.plusSeconds(6)));
    }

    @Test
    void theAuditLogPagesNewestFirstWithoutRepeatsOrGapsAndFilters() {
        for (int i = 0; i < 7; i++) {
            store.audit().append(new AuditEntry("e" + i, T0.plusSeconds(i / 2), i % 2 == 0 ? "alice" : "owner",
                    i % 3 == 0 ? "call.place" : "call.hang_up", "hw-" + i, "detail " + i));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            AuditPage page = store.audit().page(new AuditQuery(null, null, 3, cursor));
            page.entries().forEach(e -> seen.add(e.id()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertEquals(3, pages);
        assertEquals(List.of("e6", "e5", "e4", "e3", "e2", "e1", "e0"), seen, "newest first, each once");
        AuditEntry first = store.audit().page(AuditQuery.latest(1)).entries().get(0);
        assertEquals(new AuditEntry("e6", T0.plusSeconds(3), "alice", "call.place", "hw-6", "detail 6"), first);

        assertEquals(List.of("e6", "e4", "e2", "e0"), store.audit().page(new AuditQuery("alice", null, 10, null))
                .entries().stream().map(AuditEntry::id).toList());
        assertEquals(List.of("e6", "e3", "e0"), store.audit().page(new AuditQuery(null, "call.place", 10, null))
                .entries().stream().map(AuditEntry::id).toList());
    }

    @Test
    void callsAreFilteredByWhoPlacedThem() {
        try (SqlCallStore calls = SqlCallStore.sqlite(dir, Json.mapper())) {
            Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
            for (String[] c : new String[][] {{"hw-0001", "alice"}, {"hw-0002", "bob"}, {"hw-0003", "alice"}}) {
                Call call = new Call(c[0], "+15550001234", null, c[1], CallSettings.defaults("gpt-realtime"), false,
                        new EventBus<>(), clock);
                calls.save(List.of(call.redactedSnapshot()));
            }
            assertEquals(List.of("hw-0003", "hw-0001"), calls.list(CallQuery.all().placedBy("alice")).calls().stream()
                    .map(s -> s.id()).toList());
            assertEquals("bob", calls.find("hw-0002").orElseThrow().placedBy());
            assertEquals(3, calls.list(CallQuery.all()).calls().size());
        }
    }

    /** Calls recorded before V3 (a single-user install) were all placed with the bridge's own token. */
    @Test
    void callsRecordedBeforeTeamModeWerePlacedByTheOwner() throws Exception {
        Path old = Files.createTempDirectory("highway-v2");
        String url = "jdbc:sqlite:" + old.resolve("highway.db");
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("2").load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO calls (id, to_number, state, created_at, model, voice, prompt_version, "
                    + "simulated, input_tokens, output_tokens, total_tokens, input_text_tokens, input_audio_tokens, "
                    + "cached_tokens, cached_text_tokens, cached_audio_tokens, output_text_tokens, "
                    + "output_audio_tokens, cost_usd, settings_json, updated_at) VALUES ('hw-old', '+15550001234', "
                    + "'completed', 1, 'gpt-realtime', 'shimmer', 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '"
                    + Json.mapper().writeValueAsString(CallSettings.defaults("gpt-realtime")) + "', 1)");
        }
        try (SqlCallStore migrated = SqlCallStore.sqlite(old, Json.mapper())) {
            var call = migrated.find("hw-old").orElseThrow();
            assertEquals("owner", call.placedBy());
            assertEquals(CallState.COMPLETED, call.state());
            assertEquals(1, migrated.list(CallQuery.all().placedBy("owner")).calls().size());
            assertNull(migrated.list(CallQuery.all().placedBy("alice")).nextCursor());
            assertTrue(migrated.list(CallQuery.all().placedBy("alice")).calls().isEmpty());
        }
    }
}
