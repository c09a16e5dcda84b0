package app.highway.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.store.SqlTeamStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** People and tokens: who a token is, what each role may change, revocation at once, and the audit of it all. */
@Tag("unit")
class TeamTest {
    private static final Actor AGENT = new Actor("alice", Role.AGENT);
    private static final Actor SUPERVISOR = new Actor("sue", Role.SUPERVISOR);
    private Path dir;
    private SqlTeamStore store;
    private Team team;
    private final List<Revocation> heard = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() throws Exception {
        dir = Files.createTempDirectory("highway-team");
        store = SqlTeamStore.sqlite(dir);
        team = teamOver(store);
        team.onRevocation(heard::add);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Team teamOver(SqlTeamStore s) {
        return new Team(s.people(), new Audit(s.audit(), Clock.systemUTC()), Clock.systemUTC());
    }

    private List<AuditEntry> audit() {
        return new Audit(store.audit(), Clock.systemUTC()).read(Actor.OWNER, AuditQuery.latest(100)).entries();
    }

    @Test
    void aTokenIsShownOnceAsHwyAndAuthenticatesItsHolder() {
        team.addPerson(Actor.OWNER, "alice", "Alice Liddell", Role.AGENT);
        IssuedToken issued = team.issueToken(Actor.OWNER, "alice", "laptop");
        assertTrue(issued.secret().startsWith("hwy_"), "recognisable");
        assertEquals(47, issued.secret().length(), "hwy_ and 256 bits in base64url");
        assertFalse(issued.toString().contains(issued.secret()), "printing it by mistake leaks nothing");
        assertTrue(issued.token().id().startsWith("tok_"));

        Authenticated who = team.authenticate(issued.secret()).orElseThrow();
        assertEquals(new Actor("alice", Role.AGENT), who.actor());
        assertEquals(Optional.of(issued.token().id()), who.tokenId());
        assertNotNull(store.people().token(issued.token().id()).orElseThrow().lastUsedAt(), "its use is recorded");

        assertTrue(team.authenticate(issued.secret().toUpperCase()).isEmpty(), "compared exactly");
        assertTrue(team.authenticate(issued.secret() + "x").isEmpty());
        assertTrue(team.authenticate(TokenSecrets.generate()).isEmpty(), "a token nobody was given");
        assertTrue(team.authenticate("").isEmpty());
        assertTrue(team.authenticate(null).isEmpty());
    }

    @Test
    void aRevokedTokenIsRefusedAtOnceAndItsRevocationIsHeardOnce() {
        team.addPerson(Actor.OWNER, "alice", null, Role.AGENT);
        IssuedToken laptop = team.issueToken(Actor.OWNER, "alice", "laptop");
        IssuedToken phone = team.issueToken(Actor.OWNER, "alice", "phone");
        Authenticated onLaptop = team.authenticate(laptop.secret()).orElseThrow();
        Authenticated onPhone = team.authenticate(phone.secret()).orElseThrow();

        ApiToken revoked = team.revoke(Actor.OWNER, laptop.token().id());
        assertTrue(revoked.revoked());
        assertTrue(team.authenticate(laptop.secret()).isEmpty(), "refused on its very next use");
        assertTrue(team.authenticate(phone.secret()).isPresent(), "her other token still works");
        assertEquals(1, heard.size());
        assertTrue(heard.get(0).covers(onLaptop));
        assertFalse(heard.get(0).covers(onPhone));
        assertFalse(heard.get(0).covers(Authenticated.OWNER));

        Refusal again = assertThrows(Refusal.class, () -> team.revoke(Actor.OWNER, laptop.token().id()));
        assertEquals(Refusal.Kind.CONFLICT, again.kind());
        assertEquals(Refusal.Kind.NOT_FOUND, assertThrows(Refusal.class,
                () -> team.revoke(Actor.OWNER, "tok_000000000000")).kind());
    }

    @Test
    void aDisabledPersonsEveryTokenIsRefusedAndTheyGetNoNewOne() {
        team.addPerson(Actor.OWNER, "alice", null, Role.AGENT);
        team.addPerson(Actor.OWNER, "bob", null, Role.AGENT);
        IssuedToken alice = team.issueToken(Actor.OWNER, "alice", null);
        IssuedToken bob = team.issueToken(Actor.OWNER, "bob", null);
        Authenticated aliceIn = team.authenticate(alice.secret()).orElseThrow();
        Authenticated bobIn = team.authenticate(bob.secret()).orElseThrow();

        assertTrue(team.disable(Actor.OWNER, "alice").disabled());
        assertTrue(team.authenticate(alice.secret()).isEmpty());
        assertTrue(team.authenticate(bob.secret()).isPresent());
        assertEquals(1, heard.size());
        assertTrue(heard.get(0).covers(aliceIn));
        assertFalse(heard.get(0).covers(bobIn));
        assertEquals(Refusal.Kind.CONFLICT, assertThrows(Refusal.class,
                () -> team.issueToken(Actor.OWNER, "alice", null)).kind());
        assertEquals(Refusal.Kind.CONFLICT, assertThrows(Refusal.class,
                () -> team.disable(Actor.OWNER, "alice")).kind());
    }

    @Test
    void onlyAdminsManagePeopleAndTokensAndSupervisorsMayListPeople() {
        team.addPerson(Actor.OWNER, "alice", null, Role.AGENT);
        IssuedToken t = team.issueToken(Actor.OWNER, "alice", null);
        for (Actor notAdmin : List.of(AGENT, SUPERVISOR)) {
            assertEquals(Refusal.Kind.FORBIDDEN, assertThrows(Refusal.class,
                    () -> team.addPerson(notAdmin, "mallory", null, Role.ADMIN)).kind());
            assertEquals(Refusal.Kind.FORBIDDEN, assertThrows(Refusal.class,
                    () -> team.issueToken(notAdmin, "alice", null)).kind());
            assertEquals(Refusal.Kind.FORBIDDEN, assertThrows(Refusal.class,
                    () -> team.revoke(notAdmin, t.token().id())).kind());
            assertEquals(Refusal.Kind.FORBIDDEN, assertThrows(Refusal.class,
                    () -> team.disable(notAdmin, "alice")).kind());
            assertEquals(Refusal.Kind.FORBIDDEN, assertThrows(Refusal.class,
                    () -> team.tokens(notAdmin, null)).kind());
        }
        Refusal agentListing = assertThrows(Refusal.class, () -> team.people(AGENT));
        assertTrue(agentListing.getMessage().contains("alice (an agent)"), agentListing.getMessage());
        assertEquals(List.of("alice"), team.people(SUPERVISOR).stream().map(Person::user).toList());
        assertTrue(team.authenticate(t.secret()).isPresent(), "nothing the refused asked for happened");
        assertTrue(store.people().person("mallory").isEmpty());
    }

    @Test
    void userNamesAreCheckedAndUnique() {
        for (String bad : new String[] {"", "Alice", "al ice", "-alice", "owner", "x".repeat(41)}) {
            Refusal r = assertThrows(Refusal.class, () -> team.addPerson(Actor.OWNER, bad, null, Role.AGENT), bad);
            assertEquals(Refusal.Kind.INVALID, r.kind(), bad);
        }
        Person ok = team.addPerson(Actor.OWNER, " j.doe-2 ", null, Role.AGENT);
        assertEquals("j.doe-2", ok.user());
        assertEquals("j.doe-2", ok.name(), "the name defaults to the user name");
        assertEquals(Refusal.Kind.CONFLICT, assertThrows(Refusal.class,
                () -> team.addPerson(Actor.OWNER, "j.doe-2", null, Role.ADMIN)).kind());
    }

    @Test
    void revocationsMadeByAnotherProcessAreHeardByPollingOnce() {
        team.addPerson(Actor.OWNER, "alice", null, Role.AGENT);
        IssuedToken t = team.issueToken(Actor.OWNER, "alice", null);
        Authenticated in = team.authenticate(t.secret()).orElseThrow();
        try (SqlTeamStore cli = SqlTeamStore.sqlite(dir)) {
            teamOver(cli).revoke(Actor.OWNER, t.token().id());
        }
        assertTrue(team.authenticate(t.secret()).isEmpty(), "refused at once: nothing is cached");
        assertTrue(heard.isEmpty(), "not heard before the poll");
        team.pollRevocations();
        team.pollRevocations();
        assertEquals(1, heard.size(), "heard once, however often the bridge polls");
        assertTrue(heard.get(0).covers(in));
    }

    @Test
    void everyChangeIsAuditedWithWhoAndWhatButNeverTheToken() {
        team.addPerson(Actor.OWNER, "alice", "Alice", Role.AGENT);
        IssuedToken t = team.issueToken(Actor.OWNER, "alice", "laptop");
        team.revoke(Actor.OWNER, t.token().id());
        team.disable(Actor.OWNER, "alice");
        List<AuditEntry> entries = audit();
        assertEquals(List.of("person.disable", "token.revoke", "token.create", "person.add"),
                entries.stream().map(AuditEntry::action).toList());
        assertTrue(entries.stream().allMatch(e -> e.user().equals("owner")));
        assertEquals(List.of("alice", t.token().id(), t.token().id(), "alice"),
                entries.stream().map(AuditEntry::target).toList());
        assertTrue(entries.get(2).detail().contains("laptop"), entries.get(2).detail());
        assertTrue(entries.stream().noneMatch(e -> e.detail().contains(t.secret())));

        new Audit(store.audit(), Clock.systemUTC()).record(Actor.OWNER, AuditAction.SETTINGS_CHANGE, null,
                "pasted " + t.secret() + " by mistake");
        assertFalse(audit().get(0).detail().contains(t.secret()), "a token in a detail is masked anyway");
        assertEquals(Refusal.Kind.FORBIDDEN, assertThrows(Refusal.class, () -> new Audit(store.audit(),
                Clock.systemUTC()).read(AGENT, AuditQuery.latest(10))).kind());
    }

    @Test
    void aDisabledPersonEnabledAgainActsWithTheTokensThatWereNotRevoked() {
        team.addPerson(Actor.OWNER, "alice", null, Role.AGENT);
        IssuedToken kept = team.issueToken(Actor.OWNER, "alice", "laptop");
        IssuedToken lost = team.issueToken(Actor.OWNER, "alice", "phone");
        team.revoke(Actor.OWNER, lost.token().id());
        team.disable(Actor.OWNER, "alice");
        assertTrue(team.authenticate(kept.secret()).isEmpty());

        Person back = team.enable(Actor.OWNER, "alice");
        assertFalse(back.disabled());
        assertTrue(team.authenticate(kept.secret()).isPresent(), "her token that was not revoked works again");
        assertTrue(team.authenticate(lost.secret()).isEmpty(), "a revoked one stays revoked");
        assertEquals(Refusal.Kind.CONFLICT, assertThrows(Refusal.class, () -> team.enable(Actor.OWNER, "alice"))
                .kind(), "not disabled");
        assertEquals(Refusal.Kind.NOT_FOUND, assertThrows(Refusal.class, () -> team.enable(Actor.OWNER, "nobody"))
                .kind());
        assertEquals(Refusal.Kind.FORBIDDEN, assertThrows(Refusal.class, () -> team.enable(SUPERVISOR, "alice"))
                .kind());

        heard.clear();
        Authenticated in = team.authenticate(kept.secret()).orElseThrow();
        team.disable(Actor.OWNER, "alice");
        assertEquals(1, heard.size(), "disabled again: heard again, so her open consoles close again");
        assertTrue(heard.get(0).covers(in));
        AuditEntry enabled = audit().stream().filter(e -> e.action().equals("person.enable")).findFirst()
                .orElseThrow();
        assertEquals("alice", enabled.target());
        assertTrue(enabled.detail().contains("1 token accepted again"), enabled.detail());
    }

    @Test
    void aRoleChangeTakesEffectOnTheNextRequestAndEndsWhatWasOpenedWithTheOldRole() {
        team.addPerson(Actor.OWNER, "sue", null, Role.SUPERVISOR);
        IssuedToken t = team.issueToken(Actor.OWNER, "sue", null);
        Authenticated asSupervisor = team.authenticate(t.secret()).orElseThrow();

        Person demoted = team.changeRole(Actor.OWNER, "sue", Role.AGENT);
        assertEquals(Role.AGENT, demoted.role());
        assertEquals(new Actor("sue", Role.AGENT), team.authenticate(t.secret()).orElseThrow().actor(),
                "her very next request is an agent's");
        assertEquals(1, heard.size());
        assertTrue(heard.get(0).covers(asSupervisor), "what she opened as a supervisor closes");
        assertFalse(heard.get(0).covers(team.authenticate(t.secret()).orElseThrow()));

        assertEquals(Refusal.Kind.CONFLICT, assertThrows(Refusal.class,
                () -> team.changeRole(Actor.OWNER, "sue", Role.AGENT)).kind(), "already an agent");
        assertEquals(Refusal.Kind.FORBIDDEN, assertThrows(Refusal.class,
                () -> team.changeRole(SUPERVISOR, "sue", Role.ADMIN)).kind());
        assertEquals(Refusal.Kind.NOT_FOUND, assertThrows(Refusal.class,
                () -> team.changeRole(Actor.OWNER, "nobody", Role.ADMIN)).kind());
        AuditEntry changed = audit().get(0);
        assertEquals("person.role", changed.action());
        assertEquals("sue", changed.target());
        assertEquals("supervisor -> agent", changed.detail());
    }

    @Test
    void anAdminMayNotDisableThemselvesOrChangeTheirOwnRole() {
        team.addPerson(Actor.OWNER, "ann", null, Role.ADMIN);
        team.addPerson(Actor.OWNER, "abe", null, Role.ADMIN);
        Actor ann = new Actor("ann", Role.ADMIN);
        Refusal self = assertThrows(Refusal.class, () -> team.disable(ann, "ann"));
        assertEquals(Refusal.Kind.FORBIDDEN, self.kind());
        assertTrue(self.getMessage().contains("another admin"), self.getMessage());
        assertEquals(Refusal.Kind.FORBIDDEN, assertThrows(Refusal.class,
                () -> team.changeRole(ann, "ann", Role.AGENT)).kind());
        assertFalse(store.people().person("ann").orElseThrow().disabled());
        assertEquals(Role.AGENT, team.changeRole(ann, "abe", Role.AGENT).role(), "another admin may");
        assertTrue(team.disable(ann, "abe").disabled());
    }

    @Test
    void aRoleChangedByAnotherProcessIsHeardByPolling() {
        team.addPerson(Actor.OWNER, "sue", null, Role.SUPERVISOR);
        IssuedToken t = team.issueToken(Actor.OWNER, "sue", null);
        Authenticated in = team.authenticate(t.secret()).orElseThrow();
        team.pollRevocations(); // the bridge has polled before
        try (SqlTeamStore cli = SqlTeamStore.sqlite(dir)) {
            teamOver(cli).changeRole(Actor.OWNER, "sue", Role.AGENT);
        }
        assertTrue(heard.isEmpty(), "not heard before the poll");
        team.pollRevocations();
        team.pollRevocations();
        assertEquals(1, heard.size(), "heard once: " + heard);
        assertTrue(heard.get(0).covers(in));
    }
}
