package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.support.AutoCallee;
import app.highway.support.BridgeHarness;
import app.highway.support.CampaignClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A campaign from a CSV list, over the API, against the fake Twilio: the preview lists the bad rows with their
 * reasons, each good row is dialled once, the results say how each ended (numbers masked, codes never shown), and
 * the team's rules hold.
 */
@Tag("e2e")
class CampaignApiTest {
    static final String LIST = """
            phone,code,first_name,note
            +15550100001,4821,Ada,vip
            +15550100002,1234,Grace,
            555-0100,9999,Linus,
            +15550100003,12,Alan,
            +15550100001,5555,Ada again,
            +15550100004,777777,Barbara,
            +19005550100,4444,Premium,
            """;

    @Test
    void aListIsPreviewedWithItsBadRowsThenEachGoodRowIsDialledOnce() throws Exception {
        try (BridgeHarness h = BridgeHarness.start(Map.of("HIGHWAY_ALLOWED_NUMBER_TYPES", "UNKNOWN"));
                AutoCallee callees = AutoCallee.answering(h.twilio, h.statusCallbackUrl(), Duration.ofMillis(200))) {
            CampaignClient api = new CampaignClient(h.baseUrl(), BridgeHarness.API_TOKEN);
            String mapping = "to=phone&verification=code&name=Onboarding";

            HttpResponse<String> dry = api.send("POST", "/campaigns?" + mapping + "&dryRun=true&maxConcurrent=2",
                    "text/csv", LIST);
            assertEquals(200, dry.statusCode(), dry.body());
            JsonNode preview = api.json(dry.body()).path("preview");
            assertEquals(7, preview.path("rows").asInt());
            assertEquals(3, preview.path("valid").asInt());
            List<String> reasons = new ArrayList<>();
            preview.path("skipped").forEach(p -> reasons.add(p.path("line").asInt() + ":" + p.path("error").asText()));
            assertEquals(List.of("4:invalid_phone_number", "5:invalid_code", "6:duplicate_number",
                    "8:number_type_not_allowed"), reasons);
            assertEquals(List.of("first_name"), List.of(api.json(dry.body()).path("preview").path("variables")
                    .get(0).asText()));
            assertTrue(preview.path("estimatedSeconds").asLong() >= 60, "two calls at a time of about a minute each");
            assertEquals(0, h.twilio.createdCount(), "a preview dials nobody");

            String id = api.create(LIST, mapping);
            assertEquals("ready", api.progress(id).path("state").asText());
            Thread.sleep(200);
            assertEquals(0, h.twilio.createdCount(), "a campaign dials nobody before it is started");

            api.control(id, "start");
            JsonNode done = api.await(id, p -> p.path("state").asText().equals("completed"), Duration.ofSeconds(20));
            assertEquals(3, done.path("outcomes").path("completed").asInt(), done.toString());
            assertEquals(4, done.path("states").path("skipped").asInt());

            List<String> dialled = h.twilio.createdSoFar().stream().map(r -> r.param("To")).sorted().toList();
            assertEquals(List.of("+15550100001", "+15550100002", "+15550100004"), dialled, "each good row once");

            JsonNode results = api.results(id);
            JsonNode first = results.path("rows").get(0);
            assertEquals(2, first.path("line").asInt());
            assertEquals("+1555•••0001", first.path("to").asText(), "numbers are masked");
            assertEquals("completed", first.path("outcome").asText());
            assertEquals("vip", first.path("note").asText());
            assertEquals("Ada", first.path("variables").path("first_name").asText());
            assertEquals(1, first.path("tries").size());
            assertTrue(first.path("tries").get(0).path("callSid").asText().startsWith("CA"));
            assertFalse(results.toString().contains("4821"), "codes are never in the results");

            HttpResponse<String> csv = api.send("GET", "/campaigns/" + id + "/results?format=csv", null, null);
            assertEquals(200, csv.statusCode());
            assertTrue(csv.body().startsWith("line,to,state,outcome"), csv.body());
            assertFalse(csv.body().contains("+15550100001"), "masked in the CSV too");
            HttpResponse<String> unmasked = api.send("GET", "/campaigns/" + id + "/results?format=csv&unmasked=true",
                    null, null);
            assertTrue(unmasked.body().contains("+15550100001"), "an admin may ask for whole numbers");
            assertFalse(unmasked.body().contains("4821"));

            assertEquals(409, api.send("POST", "/campaigns/" + id + "/start", null, null).statusCode(),
                    "a completed campaign does not start again");
            String audit = h.get("/audit", BridgeHarness.API_TOKEN).body();
            assertTrue(audit.contains("campaign.create") && audit.contains("campaign.start"), audit);
            assertFalse(audit.contains("4821"), "never a code in the audit log");
        }
    }

    @Test
    void aTestRunDialsOnlyTheFirstRowAndTheCampaignGoesOnWithoutIt() throws Exception {
        try (BridgeHarness h = BridgeHarness.start();
                AutoCallee callees = AutoCallee.answering(h.twilio, h.statusCallbackUrl(), Duration.ofMillis(200))) {
            CampaignClient api = new CampaignClient(h.baseUrl(), BridgeHarness.API_TOKEN);
            String id = api.create(LIST, "to=phone&verification=code");
            api.control(id, "start?test=true");
            api.await(id, p -> p.path("state").asText().equals("ready") && p.path("states").path("done").asInt() == 1,
                    Duration.ofSeconds(10));
            Thread.sleep(300);
            assertEquals(List.of("+15550100001"), h.twilio.createdSoFar().stream().map(r -> r.param("To")).toList());

            api.control(id, "start");
            api.await(id, p -> p.path("state").asText().equals("completed"), Duration.ofSeconds(10));
            assertEquals(List.of("+15550100001", "+15550100002", "+15550100004"),
                    h.twilio.createdSoFar().stream().map(r -> r.param("To")).sorted().toList(),
                    "the tested row is not redialled");
        }
    }

    @Test
    void aFinishedCampaignHoldsNoThreadAndStillAnswersForItsProgress() throws Exception {
        System.setProperty("highway.campaignIdleMs", "200");
        try (BridgeHarness h = BridgeHarness.start();
                AutoCallee callees = AutoCallee.answering(h.twilio, h.statusCallbackUrl(), Duration.ofMillis(100))) {
            CampaignClient api = new CampaignClient(h.baseUrl(), BridgeHarness.API_TOKEN);
            String id = api.create(LIST, "to=phone&verification=code");
            api.control(id, "start");
            api.await(id, p -> p.path("state").asText().equals("completed"), Duration.ofSeconds(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (campaignThreads(id) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, campaignThreads(id), "a finished campaign keeps no idle thread");
            JsonNode later = api.progress(id);
            assertEquals(3, later.path("states").path("done").asInt(), "its progress is still there: " + later);
        } finally {
            System.clearProperty("highway.campaignIdleMs");
        }
    }

    private static long campaignThreads(String id) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("campaign-" + id)).count();
    }

    @Test
    void campaignsAreForSupervisorsAndAgentsOnlyTheirOwnWhenTheSettingSaysSo() throws Exception {
        for (boolean agentsMay : new boolean[] {false, true}) {
            try (BridgeHarness h = BridgeHarness.start(Map.of("HIGHWAY_AGENT_CAMPAIGNS", String.valueOf(agentsMay)))) {
                h.bridge.team().addPerson(app.highway.team.Actor.OWNER, "amy", "Amy", app.highway.team.Role.AGENT);
                h.bridge.team().addPerson(app.highway.team.Actor.OWNER, "bob", "Bob", app.highway.team.Role.AGENT);
                CampaignClient amy = new CampaignClient(h.baseUrl(),
                        h.bridge.team().issueToken(app.highway.team.Actor.OWNER, "amy", "t").secret());
                CampaignClient bob = new CampaignClient(h.baseUrl(),
                        h.bridge.team().issueToken(app.highway.team.Actor.OWNER, "bob", "t").secret());
                CampaignClient owner = new CampaignClient(h.baseUrl(), BridgeHarness.API_TOKEN);
                HttpResponse<String> byAgent = amy.send("POST", "/campaigns?to=phone&verification=code", "text/csv",
                        LIST);
                if (!agentsMay) {
                    assertEquals(403, byAgent.statusCode(), byAgent.body());
                    continue;
                }
                assertEquals(201, byAgent.statusCode(), byAgent.body());
                String id = amy.json(byAgent.body()).path("campaign").path("id").asText();
                assertEquals(200, amy.send("GET", "/campaigns/" + id, null, null).statusCode());
                assertEquals(403, bob.send("GET", "/campaigns/" + id, null, null).statusCode(), "not bob's");
                assertEquals(403, bob.send("POST", "/campaigns/" + id + "/start", null, null).statusCode());
                assertEquals(0, bob.json(bob.send("GET", "/campaigns", null, null).body()).path("campaigns").size());
                assertEquals(403, amy.send("GET", "/campaigns/" + id + "/results?unmasked=true", null, null)
                        .statusCode(), "whole numbers are for admins");
                assertEquals(1, owner.json(owner.send("GET", "/campaigns", null, null).body()).path("campaigns")
                        .size(), "an admin sees every campaign");
            }
        }
    }
}
