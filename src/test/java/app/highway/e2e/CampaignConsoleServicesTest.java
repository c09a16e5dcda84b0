package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.ConsoleServices;
import app.highway.campaign.Attempt;
import app.highway.campaign.AttemptState;
import app.highway.campaign.CallingHours;
import app.highway.campaign.CampaignPlan;
import app.highway.campaign.CampaignProgress;
import app.highway.campaign.CampaignState;
import app.highway.campaign.Campaigns;
import app.highway.campaign.ColumnMapping;
import app.highway.campaign.Outcome;
import app.highway.campaign.Preview;
import app.highway.campaign.RetryPolicy;
import app.highway.campaign.RowProgress;
import app.highway.campaign.RowState;
import app.highway.config.DatabaseSettings;
import app.highway.config.Json;
import app.highway.config.Secret;
import app.highway.config.VoicemailPolicy;
import app.highway.remote.RemoteConsole;
import app.highway.store.SqlCallStore;
import app.highway.support.AutoCallee;
import app.highway.support.BridgeHarness;
import app.highway.support.CampaignClient;
import app.highway.team.Actor;
import app.highway.team.Refusal;
import app.highway.team.Role;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Campaigns as a console runs them: a remote console's campaign service over the {@code /campaigns} API (the same
 * interface the embedded console implements over the bridge's own service), the {@code campaigns_changed} events
 * that keep its progress view live (only to those who may see the campaign), and rows left for review after a
 * restart dialled again on request.
 */
@Tag("e2e")
class CampaignConsoleServicesTest {
    private static final String LIST = """
            phone,code,first_name
            +15550100001,4821,Ada
            +15550100002,1234,Grace
            +15550100003,12,Alan
            """;

    private static ConsoleServices.CampaignList list(String csv, int maxConcurrent) {
        return new ConsoleServices.CampaignList(csv.getBytes(StandardCharsets.UTF_8),
                new ColumnMapping("phone", "code", null), new CampaignPlan("Remote", 1000, maxConcurrent,
                        CallingHours.ANY_TIME, RetryPolicy.DEFAULT));
    }

    private static CampaignProgress await(ConsoleServices.CampaignDesk desk, String id,
            Predicate<CampaignProgress> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        CampaignProgress p = desk.progress(id);
        while (!done.test(p)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached in time: " + p);
            }
            Thread.sleep(50);
            p = desk.progress(id);
        }
        return p;
    }

    private static boolean heard(List<List<String>> changes, String id) throws InterruptedException {
        return heard(changes, id, Duration.ofSeconds(10));
    }

    private static boolean heard(List<List<String>> changes, String id, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (changes.stream().anyMatch(c -> c.contains(id))) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    @Test
    void aRemoteConsoleRunsACampaignThroughTheApiAndHearsOfEveryChange() throws Exception {
        try (BridgeHarness h = BridgeHarness.start();
                AutoCallee callees = AutoCallee.answering(h.twilio, h.statusCallbackUrl(), Duration.ofMillis(200));
                RemoteConsole console = RemoteConsole.connect(URI.create(h.baseUrl()),
                        Secret.of(BridgeHarness.API_TOKEN), Files.createTempDirectory("remote-console"))) {
            ConsoleServices.CampaignDesk desk = console.services().campaigns();
            assertTrue(desk.available(), "the owner runs campaigns");
            List<List<String>> changes = new CopyOnWriteArrayList<>();
            desk.watch(changes::add);

            Preview preview = desk.preview(list(LIST, 2));
            assertEquals(3, preview.rows());
            assertEquals(2, preview.valid());
            assertEquals("invalid_code", preview.skipped().get(0).error());
            assertEquals(List.of("first_name"), preview.variables());
            assertEquals(50.0, preview.callsPerSecond(), 1e-9, "the pace asked for is capped at the bridge's");
            assertTrue(desk.list().isEmpty(), "a preview keeps nothing");

            Campaigns.Created created = desk.create(list(LIST, 2));
            String id = created.campaign().id();
            assertEquals(CampaignState.READY, created.campaign().state());
            assertTrue(heard(changes, id), "creating it is told on the event stream");
            assertEquals(List.of(id), desk.list().stream().map(c -> c.id()).toList());

            changes.clear();
            desk.control(id, ConsoleServices.CampaignAction.START);
            CampaignProgress done = await(desk, id, p -> p.campaign().state() == CampaignState.COMPLETED);
            assertEquals(Map.of("completed", 2), done.outcomes());
            assertEquals(2, done.states().get("done"));
            assertTrue(heard(changes, id), "its progress is told on the event stream");

            Refusal again = assertThrows(Refusal.class, () -> desk.control(id, ConsoleServices.CampaignAction.START));
            assertTrue(again.getMessage().contains("cannot start again"), again.getMessage());

            String csv = desk.results(id, ConsoleServices.ResultFormat.CSV);
            assertTrue(csv.startsWith("line,to,state,outcome"), csv);
            assertTrue(csv.contains("+1555•••0001"), "masked: " + csv);
            assertFalse(csv.contains("+15550100001") || csv.contains("4821"), "no whole number, no code: " + csv);
            String json = desk.results(id, ConsoleServices.ResultFormat.JSON);
            assertTrue(json.contains("\"first_name\"") && !json.contains("4821"), json);

            Refusal noColumn = assertThrows(Refusal.class, () -> desk.preview(new ConsoleServices.CampaignList(
                    LIST.getBytes(StandardCharsets.UTF_8), new ColumnMapping("mobile", "code", null),
                    list(LIST, 2).plan())));
            assertTrue(noColumn.getMessage().startsWith("No column 'mobile' for the number"), noColumn.getMessage());
        }
    }

    @Test
    void aRemoteConsolesPlanKeepsItsDaysVoicemailPolicyAndRetries() throws Exception {
        try (BridgeHarness h = BridgeHarness.start();
                RemoteConsole console = RemoteConsole.connect(URI.create(h.baseUrl()),
                        Secret.of(BridgeHarness.API_TOKEN), Files.createTempDirectory("remote-console"))) {
            ConsoleServices.CampaignDesk desk = console.services().campaigns();
            CampaignPlan asked = new CampaignPlan("Weekdays", 1000, 2, new CallingHours(LocalTime.of(9, 0),
                    LocalTime.of(18, 0), EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), ZoneId.of("Europe/Paris")),
                    new RetryPolicy(2, Duration.ofMinutes(30), EnumSet.of(Outcome.BUSY, Outcome.NO_ANSWER)),
                    VoicemailPolicy.HANG_UP);
            String id = desk.create(new ConsoleServices.CampaignList(LIST.getBytes(StandardCharsets.UTF_8),
                    new ColumnMapping("phone", "code", null), asked)).campaign().id();

            CampaignPlan kept = desk.progress(id).campaign().plan();
            assertEquals(asked.hours(), kept.hours(), "Monday to Friday, 9 to 6, Paris");
            assertEquals(VoicemailPolicy.HANG_UP, kept.voicemail());
            assertEquals(asked.retries(), kept.retries(), "voicemail is not retried");
            assertEquals(kept, desk.list().get(0).plan());
        }
    }

    @Test
    void campaignChangesReachOnlyThoseWhoMaySeeTheCampaign() throws Exception {
        try (BridgeHarness h = BridgeHarness.start(Map.of("HIGHWAY_AGENT_CAMPAIGNS", "true"))) {
            h.bridge.team().addPerson(Actor.OWNER, "alice", "Alice", Role.AGENT);
            h.bridge.team().addPerson(Actor.OWNER, "bob", "Bob", Role.AGENT);
            String aliceToken = h.bridge.team().issueToken(Actor.OWNER, "alice", "test").secret();
            String bobToken = h.bridge.team().issueToken(Actor.OWNER, "bob", "test").secret();
            try (RemoteConsole alice = RemoteConsole.connect(URI.create(h.baseUrl()), Secret.of(aliceToken),
                    Files.createTempDirectory("alice"));
                    RemoteConsole bob = RemoteConsole.connect(URI.create(h.baseUrl()), Secret.of(bobToken),
                            Files.createTempDirectory("bob"))) {
                assertTrue(alice.services().campaigns().available(), "HIGHWAY_AGENT_CAMPAIGNS=true");
                List<List<String>> toAlice = new CopyOnWriteArrayList<>();
                List<List<String>> toBob = new CopyOnWriteArrayList<>();
                alice.services().campaigns().watch(toAlice::add);
                bob.services().campaigns().watch(toBob::add);

                String alices = alice.services().campaigns().create(list(LIST, 1)).campaign().id();
                String owners = new CampaignClient(h.baseUrl(), BridgeHarness.API_TOKEN).create(LIST,
                        "to=phone&verification=code");
                List<List<String>> toOwner = new CopyOnWriteArrayList<>();
                h.bridge.console().campaigns().watch(toOwner::add);
                String later = new CampaignClient(h.baseUrl(), BridgeHarness.API_TOKEN).create(LIST,
                        "to=phone&verification=code");
                assertTrue(heard(toAlice, alices), "alice hears of her own campaign");
                assertTrue(heard(toOwner, later), "the owner (a supervisor) hears of every campaign");
                // what the others would have heard went out in the same batches
                assertFalse(heard(toBob, alices, Duration.ofMillis(500)), "bob does not hear of alice's campaign");
                assertFalse(toAlice.stream().anyMatch(c -> c.contains(owners) || c.contains(later)),
                        "nor alice of the owner's");
                assertEquals(List.of(alices), alice.services().campaigns().list().stream().map(c -> c.id()).toList());
            }
        }
        try (BridgeHarness h = BridgeHarness.start()) {
            h.bridge.team().addPerson(Actor.OWNER, "carol", "Carol", Role.AGENT);
            String carolToken = h.bridge.team().issueToken(Actor.OWNER, "carol", "test").secret();
            try (RemoteConsole carol = RemoteConsole.connect(URI.create(h.baseUrl()), Secret.of(carolToken),
                    Files.createTempDirectory("carol"))) {
                assertFalse(carol.services().campaigns().available(), "agents do not run campaigns by default");
            }
        }
    }

    @Test
    void aRowLeftForReviewAfterARestartIsDialledAgainOnRequest() throws Exception {
        Path data;
        String id;
        try (BridgeHarness first = BridgeHarness.start()) {
            data = first.dataDir;
            id = new CampaignClient(first.baseUrl(), BridgeHarness.API_TOKEN).create(LIST,
                    "to=phone&verification=code");
            assertEquals(0, first.twilio.createdCount());
        }
        // what a bridge killed while asking Twilio to ring line 2 leaves behind: the attempt, and no CallSid
        try (SqlCallStore store = SqlCallStore.open(DatabaseSettings.SQLITE, data, "test", Json.mapper())) {
            Instant now = Instant.now();
            store.campaigns().beginAttempt(new Attempt(id, 2, 1, "hw-lost-dial", null, AttemptState.DIALLING, now,
                    null, null, null, null, false));
            store.campaigns().saveRow(id, new RowProgress(2, RowState.DIALLING, 1, null, null, null, null));
            store.campaigns().setState(id, CampaignState.RUNNING, now);
        }
        try (BridgeHarness h = BridgeHarness.start(Map.of("HIGHWAY_DATA_DIR", data.toString()));
                AutoCallee callees = AutoCallee.answering(h.twilio, h.statusCallbackUrl(), Duration.ofMillis(200))) {
            ConsoleServices.CampaignDesk desk = h.bridge.console().campaigns();
            CampaignProgress reviewed = await(desk, id, p -> p.campaign().state() == CampaignState.COMPLETED);
            assertEquals(1, reviewed.states().get("needs_review"), reviewed.toString());
            assertEquals(List.of("+15550100002"), h.twilio.createdSoFar().stream().map(r -> r.param("To")).toList(),
                    "line 3 was dialled after the restart; line 2 was not redialled blindly");

            Campaigns.Requeued requeued = desk.requeue(id);
            assertEquals(1, requeued.rows());
            assertEquals(CampaignState.READY, requeued.campaign().state(), "a completed campaign is ready again");
            assertEquals("pending", desk.progress(id).rows().get(0).state());

            desk.control(id, ConsoleServices.CampaignAction.START);
            CampaignProgress done = await(desk, id, p -> p.campaign().state() == CampaignState.COMPLETED);
            assertEquals(Map.of("completed", 2), done.outcomes(), done.toString());
            assertEquals(2, done.rows().get(0).attempts(), "the lost dial and this one");
            assertEquals(List.of("+15550100001", "+15550100002"),
                    h.twilio.createdSoFar().stream().map(r -> r.param("To")).sorted().toList());
            Refusal nothing = assertThrows(Refusal.class, () -> desk.requeue(id));
            assertTrue(nothing.getMessage().endsWith("has no row that needs review"), nothing.getMessage());
            String audit = h.get("/audit", BridgeHarness.API_TOKEN).body();
            assertTrue(audit.contains("campaign.requeue"), audit);

            assertEquals(409, new CampaignClient(h.baseUrl(), BridgeHarness.API_TOKEN).send("POST", "/campaigns/" + id
                    + "/requeue", null, null).statusCode(), "the API refuses a campaign with nothing to review");
        }
    }
}
