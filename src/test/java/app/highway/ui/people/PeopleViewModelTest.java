package app.highway.ui.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.ConsoleServices;
import app.highway.store.SqlTeamStore;
import app.highway.team.Actor;
import app.highway.team.ApiToken;
import app.highway.team.Audit;
import app.highway.team.AuditPage;
import app.highway.team.AuditQuery;
import app.highway.team.IssuedToken;
import app.highway.team.Person;
import app.highway.team.Role;
import app.highway.team.Team;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The People tab's model without a toolkit, over the bridge's own team rules and store (SQLite in a temporary
 * directory): the form checked as typed, a refusal kept in the form, the new token held once, nothing done on the
 * caller's thread, and an answer that comes late never replacing a newer one.
 */
@Tag("unit")
class PeopleViewModelTest {
    @TempDir
    Path dir;
    private SqlTeamStore store;
    private Team team;
    private final Queue<Runnable> background = new ArrayDeque<>();
    private PeopleViewModel model;

    /** The console's team services as the embedded console gives them, acting as {@code actor}. */
    private static ConsoleServices.Team services(Team team, Actor actor) {
        return new ConsoleServices.Team() {
            @Override
            public Actor actor() {
                return actor;
            }

            @Override
            public List<Person> people() {
                return team.people(actor);
            }

            @Override
            public AuditPage audit(AuditQuery query) {
                throw new AssertionError("the People tab does not read the audit log");
            }

            @Override
            public List<ApiToken> tokens() {
                return team.tokens(actor, null);
            }

            @Override
            public IssuedToken addPerson(String user, String name, Role role, String label) {
                return team.issueToken(actor, team.addPerson(actor, user, name, role).user(), label);
            }

            @Override
            public IssuedToken issueToken(String user, String label) {
                return team.issueToken(actor, user, label);
            }

            @Override
            public ApiToken revoke(String tokenId) {
                return team.revoke(actor, tokenId);
            }

            @Override
            public Person disable(String user) {
                return team.disable(actor, user);
            }

            @Override
            public Person enable(String user) {
                return team.enable(actor, user);
            }

            @Override
            public Person changeRole(String user, Role role) {
                return team.changeRole(actor, user, role);
            }
        };
    }

    @BeforeEach
    void open() {
        store = SqlTeamStore.sqlite(dir);
        team = new Team(store.people(), new Audit(store.audit(), Clock.systemUTC()), Clock.systemUTC());
        model = new PeopleViewModel(services(team, Actor.OWNER), background::add, Runnable::run);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void runBackground() {
        while (!background.isEmpty()) {
            background.poll().run();
        }
    }

    @Test
    void theFormIsCheckedAsTypedAndARefusalStaysInIt() {
        assertFalse(model.mayAddProperty().get(), "nothing typed");
        model.newUserProperty().set("Alice");
        assertTrue(model.formMessageProperty().get().startsWith("A user name is 1 to 40 characters"),
                model.formMessageProperty().get());
        assertFalse(model.mayAddProperty().get());
        model.newUserProperty().set("owner");
        assertTrue(model.formMessageProperty().get().contains("the bridge's own token"));
        model.newUserProperty().set("alice");
        assertEquals("", model.formMessageProperty().get());
        assertTrue(model.mayAddProperty().get());

        model.add();
        assertTrue(model.busyProperty().get());
        assertTrue(store.people().people().isEmpty(), "nothing happens on the caller's thread");
        runBackground();
        assertFalse(model.busyProperty().get());
        assertEquals(List.of("alice"), model.people().stream().map(Person::user).toList());
        assertEquals("alice", model.selectedProperty().get().user(), "the new person is selected");
        assertEquals(1, model.tokens().size());

        model.newUserProperty().set("alice");
        model.newRoleProperty().set(Role.ADMIN);
        model.add();
        runBackground();
        assertEquals("There is already a person called alice", model.formMessageProperty().get());
        assertEquals("alice", model.newUserProperty().get(), "what was typed stays");
        assertEquals(Role.ADMIN, model.newRoleProperty().get());
        assertEquals(1, store.people().people().size());
    }

    @Test
    void aNewTokenIsHeldUntilItsDialogIsClosedAndNeverInAMessage() {
        model.newUserProperty().set("bob");
        model.add();
        runBackground();
        IssuedToken first = model.issuedProperty().get();
        assertTrue(first.secret().startsWith("hwy_"));
        assertTrue(team.authenticate(first.secret()).isPresent(), "the token the dialog shows is bob's");
        assertEquals("console", first.token().label());
        assertFalse(model.messageProperty().get().contains(first.secret()), model.messageProperty().get());
        model.issuedShown();
        assertNull(model.issuedProperty().get(), "forgotten once shown");

        model.tokenLabelProperty().set("laptop");
        model.issueToken();
        runBackground();
        IssuedToken laptop = model.issuedProperty().get();
        assertEquals("laptop", laptop.token().label());
        assertEquals("Issued token " + laptop.token().id() + " to bob.", model.messageProperty().get());
        assertEquals(2, model.tokens().size());
        assertEquals("2 active", model.tokenSummary(model.selectedProperty().get()));
    }

    @Test
    void revokingDisablingAndChangingARoleShowWhatTheBridgeNowHolds() {
        team.addPerson(Actor.OWNER, "carol", null, Role.SUPERVISOR);
        IssuedToken t = team.issueToken(Actor.OWNER, "carol", "desk");
        model.refresh();
        runBackground();
        model.select("carol");
        ApiToken desk = model.tokens().get(0);
        assertTrue(model.revokeQuestion(desk).contains("carol's token \"desk\" (" + desk.id() + ")"));

        model.revoke(desk);
        runBackground();
        assertTrue(model.tokens().get(0).revoked());
        assertTrue(team.authenticate(t.secret()).isEmpty());
        assertEquals("1 revoked", model.tokenSummary(model.selectedProperty().get()));

        team.issueToken(Actor.OWNER, "carol", "laptop");
        model.toggleDisabled(model.selectedProperty().get());
        runBackground();
        Person carol = model.selectedProperty().get();
        assertTrue(carol.disabled());
        assertEquals("1 refused while disabled, 1 revoked", model.tokenSummary(carol));
        assertEquals("refused while carol is disabled", model.tokenStatus(model.tokens().get(1), at -> "at"));
        model.toggleDisabled(carol);
        runBackground();
        assertFalse(model.selectedProperty().get().disabled());
        assertTrue(model.messageProperty().get().startsWith("Enabled carol"), model.messageProperty().get());

        model.changeRole(model.selectedProperty().get(), Role.AGENT);
        runBackground();
        assertEquals(Role.AGENT, model.selectedProperty().get().role());
        assertEquals(Role.AGENT, store.people().person("carol").orElseThrow().role());
    }

    @Test
    void aRefusalIsSaidInWordsAndALateReadDoesNotReplaceANewerOne() {
        team.addPerson(Actor.OWNER, "ann", null, Role.ADMIN);
        PeopleViewModel asAnn = new PeopleViewModel(services(team, new Actor("ann", Role.ADMIN)), background::add,
                Runnable::run);
        asAnn.refresh();
        runBackground();
        asAnn.select("ann");
        asAnn.toggleDisabled(asAnn.selectedProperty().get());
        runBackground();
        assertTrue(asAnn.messageProperty().get().startsWith("Could not disable ann: You may not disable yourself"),
                asAnn.messageProperty().get());
        assertFalse(store.people().person("ann").orElseThrow().disabled());

        model.refresh(); // slow: its answer comes last
        Runnable slow = background.poll();
        team.addPerson(Actor.OWNER, "dan", null, Role.AGENT);
        model.refresh();
        runBackground();
        assertEquals(List.of("ann", "dan"), model.people().stream().map(Person::user).toList());
        team.addPerson(Actor.OWNER, "eve", null, Role.AGENT);
        slow.run();
        assertEquals(List.of("ann", "dan"), model.people().stream().map(Person::user).toList(),
                "the older read's answer is dropped");
    }
}
