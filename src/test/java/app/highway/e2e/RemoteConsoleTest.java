package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.ConsoleServices;
import app.highway.call.CallEvent;
import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import app.highway.call.TranscriptLine;
import app.highway.config.Secret;
import app.highway.remote.RemoteConsole;
import app.highway.store.CallQuery;
import app.highway.stream.ConnectionState;
import app.highway.support.BridgeHarness;
import app.highway.support.CuttableProxy;
import app.highway.support.ServerEvents;
import app.highway.support.StreamConsoles;
import app.highway.team.IssuedToken;
import app.highway.team.Refusal;
import app.highway.team.Role;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A console attached to a bridge over the network (RemoteConsole) as each role: it follows a call another client
 * placed, transcript and end included; an agent's console never sees another agent's call and is refused a
 * supervisor's actions with a clear message; a revoked token is refused at connection; a dropped connection is
 * reported at once and resumed without losing or repeating a transcript line.
 */
@Tag("e2e")
class RemoteConsoleTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private BridgeHarness h;
    private String alice;
    private String bob;
    private String sue;
    private final List<RemoteConsole> consoles = new ArrayList<>();
    @TempDir
    Path local;

    @BeforeEach
    void start() throws Exception {
        h = BridgeHarness.start();
        alice = add("alice", "agent");
        bob = add("bob", "agent");
        sue = add("sue", "supervisor");
    }

    @AfterEach
    void stop() {
        consoles.forEach(RemoteConsole::close);
        h.close();
    }

    private String add(String user, String role) throws Exception {
        var r = h.post("/people", "application/json", "{\"user\":\"" + user + "\",\"role\":\"" + role + "\"}",
                BridgeHarness.API_TOKEN);
        assertEquals(201, r.statusCode(), r.body());
        return h.json(r.body()).path("token").path("token").asText();
    }

    private RemoteConsole connect(String url, String token) {
        RemoteConsole c = RemoteConsole.connect(URI.create(url), Secret.of(token), local, StreamConsoles.QUICK);
        consoles.add(c);
        return c;
    }

    private static CallSnapshot await(RemoteConsole console, String id, java.util.function.Predicate<CallSnapshot> ok)
            throws InterruptedException {
        StreamConsoles.await("the console's snapshot of " + id, () -> console.services().calls().snapshot(id)
                .filter(ok).isPresent(), WAIT);
        return console.services().calls().snapshot(id).orElseThrow();
    }

    private static void converse(LiveCall call) {
        call.model.send(ServerEvents.outputItemAdded("resp_1", "item_a1"));
        call.model.send(ServerEvents.transcriptDelta("resp_1", "item_a1", "Your code is"));
        call.model.send(ServerEvents.transcriptDone("resp_1", "item_a1", "Your code is 1 2 3."));
        call.model.send(ServerEvents.responseDone("resp_1", 200, 10, 0, 8, 40));
    }

    private static void callerSays(LiveCall call, String item, String text) {
        call.model.send(ServerEvents.speechStarted(item, 900));
        call.model.send(ServerEvents.speechStopped(item, 1900));
        call.model.send(ServerEvents.inputTranscript(item, text));
    }

    @Test
    void aSupervisorsConsoleFollowsACallAnotherClientPlaced() throws Exception {
        RemoteConsole console = connect(h.baseUrl(), sue);
        assertEquals("sue", console.actor().user());
        assertTrue(console.actor().maySupervise());
        List<CallEvent> events = new CopyOnWriteArrayList<>();
        console.services().events().subscribe(events::add);
        StreamConsoles.await("connected", () -> console.state() instanceof ConnectionState.Connected, WAIT);

        LiveCall call = LiveCall.answered(h, "123", alice);
        converse(call);
        callerSays(call, "item_c1", "Thanks, got it.");
        CallSnapshot seen = await(console, call.id, s -> s.transcript().size() == 2 && s.settings() != null);
        assertEquals("alice", seen.placedBy());
        assertEquals(CallState.IN_PROGRESS, seen.state());
        assertEquals(call.callSid, seen.callSid());
        assertEquals(List.of("Your code is [code].", "Thanks, got it."),
                seen.transcript().stream().map(TranscriptLine::text).toList(), "the code never leaves the bridge");
        assertTrue(seen.costUsd() > 0, "usage followed: " + seen);

        call.stream.sendStop();
        CallSnapshot ended = await(console, call.id, s -> s.state().isFinal());
        assertEquals(CallState.COMPLETED, ended.state());
        assertNotNull(ended.endedAt());
        assertTrue(events.stream().anyMatch(e -> e instanceof CallEvent.CallEnded), events.toString());

        assertTrue(console.services().history().list(CallQuery.all()).calls().stream()
                .anyMatch(c -> c.id().equals(call.id)));
        assertTrue(console.services().team().people().stream().anyMatch(p -> p.user().equals("alice")));
        assertFalse(console.services().team().audit(app.highway.team.AuditQuery.latest(10)).entries().isEmpty());
    }

    @Test
    void anAgentsConsoleSeesOnlyTheirOwnCallsAndIsRefusedASupervisorsActions() throws Exception {
        RemoteConsole bobs = connect(h.baseUrl(), bob);
        List<CallEvent> bobsEvents = new CopyOnWriteArrayList<>();
        bobs.services().events().subscribe(bobsEvents::add);
        StreamConsoles.await("connected", () -> bobs.state() instanceof ConnectionState.Connected, WAIT);
        LiveCall alices = LiveCall.answered(h, "123", alice);
        converse(alices);
        h.awaitCall(alices.id, c -> c.path("transcript").size() == 1, WAIT);

        CallSnapshot own = bobs.services().calls().place("+15559876543", "4567", "from the console");
        assertEquals("bob", own.placedBy());
        await(bobs, own.id(), s -> true);
        // the call's creation reaches its agent although it is published before the bridge's registry holds it
        StreamConsoles.await("bob's console hears his call created", () -> bobsEvents.stream().anyMatch(e ->
                e instanceof CallEvent.CallCreated && e.callId().equals(own.id())), WAIT);
        assertTrue(bobsEvents.stream().noneMatch(e -> e.callId().equals(alices.id)), "nothing of alice's call");
        assertEquals(Optional.empty(), bobs.services().calls().snapshot(alices.id), "another agent's call");
        assertTrue(bobs.services().history().list(CallQuery.all()).calls().stream()
                .allMatch(c -> c.placedBy().equals("bob")));

        Refusal hangUp = assertThrows(Refusal.class, () -> bobs.services().calls().hangUp(alices.id));
        assertTrue(hangUp.getMessage().contains("hangs up only the calls they placed"), hangUp.getMessage());
        ConsoleServices.Stored<app.highway.config.CallSettings> settings = bobs.services().settings();
        Refusal save = assertThrows(Refusal.class, () -> settings.save(settings.current()));
        assertTrue(save.getMessage().contains("Only supervisors and admins may change the call settings"),
                save.getMessage());
        assertEquals(List.of(), bobs.services().team().people(), "an agent does not list people");
        assertTrue(bobs.services().calls().hangUp(own.id()), "an agent hangs up their own call");
    }

    @Test
    void aRevokedTokenIsRefusedWithWordsThatSayWhatToDo() throws Exception {
        String tokenId = h.json(h.get("/tokens?user=alice", BridgeHarness.API_TOKEN).body()).path("tokens").get(0)
                .path("id").asText();
        assertEquals(200, h.post("/tokens/" + tokenId + "/revoke", null, "", BridgeHarness.API_TOKEN).statusCode());
        Refusal refused = assertThrows(Refusal.class, () -> connect(h.baseUrl(), alice));
        assertTrue(refused.getMessage().contains("no longer accepts your token"), refused.getMessage());
        assertFalse(refused.getMessage().contains(alice), "the token is never in a message");
    }

    @Test
    void anAdminsConsoleManagesPeopleThroughTheBridgeAndARoleChangeDisconnectsTheirConsole() throws Exception {
        RemoteConsole admins = connect(h.baseUrl(), add("ann", "admin"));
        RemoteConsole sues = connect(h.baseUrl(), sue);
        StreamConsoles.await("sue connected", () -> sues.state() instanceof ConnectionState.Connected, WAIT);
        var team = admins.services().team();

        IssuedToken dan = team.addPerson("dan", "Dan Dare", Role.AGENT, "laptop");
        assertEquals(200, h.get("/calls", dan.secret()).statusCode(), "his token works against the bridge at once");
        assertEquals("laptop", dan.token().label());
        assertTrue(team.tokens().stream().anyMatch(t -> t.id().equals(dan.token().id()) && !t.revoked()));
        IssuedToken phone = team.issueToken("dan", "phone");
        assertEquals(phone.token().id(), team.revoke(phone.token().id()).id());
        assertEquals(401, h.get("/calls", phone.secret()).statusCode());
        assertTrue(team.disable("dan").disabled());
        assertEquals(401, h.get("/calls", dan.secret()).statusCode());
        assertFalse(team.enable("dan").disabled());
        assertEquals(200, h.get("/calls", dan.secret()).statusCode());
        Refusal taken = assertThrows(Refusal.class, () -> team.addPerson("dan", null, Role.AGENT, null));
        assertTrue(taken.getMessage().contains("already a person called dan"), taken.getMessage());
        Refusal self = assertThrows(Refusal.class, () -> team.changeRole("ann", Role.AGENT));
        assertTrue(self.getMessage().contains("another admin"), self.getMessage());
        assertThrows(Refusal.class, () -> sues.services().team().tokens(), "a supervisor does not list tokens");

        assertEquals(Role.AGENT, team.changeRole("sue", Role.AGENT).role());
        // what her console showed was decided with her old role: it is disconnected, to connect again as an agent
        StreamConsoles.await("sue's console told", () -> sues.state() instanceof ConnectionState.Refused, WAIT);
        assertTrue(((ConnectionState.Refused) sues.state()).reason().contains("role changed to agent"),
                sues.state().toString());
        assertTrue(admins.state() instanceof ConnectionState.Connected, "the admin's console stays");
    }

    @Test
    void aDroppedConnectionIsShownAtOnceAndResumedWithoutLosingOrRepeatingALine() throws Exception {
        try (CuttableProxy proxy = new CuttableProxy(h.bridge.port())) {
            RemoteConsole console = connect("http://127.0.0.1:" + proxy.port(), sue);
            List<ConnectionState> states = new CopyOnWriteArrayList<>();
            console.watch(states::add);
            StreamConsoles.await("connected", () -> console.state() instanceof ConnectionState.Connected, WAIT);
            LiveCall call = LiveCall.answered(h, "123", alice);
            converse(call);
            await(console, call.id, s -> s.transcript().size() == 1);

            proxy.cutAndStayDown();
            StreamConsoles.await("reconnecting", () -> console.state() instanceof ConnectionState.Reconnecting, WAIT);
            callerSays(call, "item_c1", "Thanks, got it.");
            h.awaitCall(call.id, c -> c.path("transcript").size() == 2, WAIT);
            proxy.restore();
            CallSnapshot resumed = await(console, call.id, s -> s.transcript().size() == 2);
            StreamConsoles.await("connected again", () -> console.state() instanceof ConnectionState.Connected, WAIT);
            assertEquals(List.of("Your code is [code].", "Thanks, got it."),
                    resumed.transcript().stream().map(TranscriptLine::text).toList());
            assertTrue(states.stream().anyMatch(s -> s instanceof ConnectionState.Reconnecting), states.toString());
            assertInstanceOf(ConnectionState.Connected.class, states.get(states.size() - 1));
            call.stream.sendStop();
            assertEquals(2, await(console, call.id, s -> s.state().isFinal()).transcript().size());
        }
    }
}
