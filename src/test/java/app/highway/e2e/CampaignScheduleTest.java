package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.campaign.Campaigns;
import app.highway.support.AutoCallee;
import app.highway.support.BridgeHarness;
import app.highway.support.CampaignClient;
import app.highway.support.ManualScheduler;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * When a campaign dials, in virtual time (an injected clock and scheduler): only within calling hours in the
 * callee's own time zone, and retries exactly when the policy says.
 */
@Tag("e2e")
class CampaignScheduleTest {
    /** Saturday 6 December 2026, 10:00 in Paris. */
    static final Instant SATURDAY_PARIS_10 = Instant.parse("2026-12-05T09:00:00Z");

    @Test
    void outsideCallingHoursNothingIsDialledAndEachCalleeIsCalledInTheirOwnHours() throws Exception {
        ManualScheduler time = new ManualScheduler();
        try (BridgeHarness h = BridgeHarness.withCampaignTime(Map.of(),
                new Campaigns.Time(time.clock(SATURDAY_PARIS_10), time));
                AutoCallee callees = AutoCallee.answering(h.twilio, h.statusCallbackUrl(), Duration.ofMillis(200))) {
            CampaignClient api = new CampaignClient(h.baseUrl(), BridgeHarness.API_TOKEN);
            // a Paris number and a New York one (area code 212); the campaign's own zone is Tokyo
            String csv = "to,verification\n+33142685300,4821\n+12125550100,1234\n";
            String id = api.create(csv, "hoursStart=09:00&hoursEnd=18:00&days=mon,tue,wed,thu,fri"
                    + "&timeZone=Asia/Tokyo");
            api.control(id, "start");
            JsonNode waiting = api.await(id, p -> p.path("states").path("waiting").asInt() == 2, Duration.ofSeconds(5));
            // Monday 9:00 in Paris is 08:00Z
            assertEquals(Instant.parse("2026-12-07T08:00:00Z"), Instant.parse(waiting.path("waitingUntil").asText()));
            Thread.sleep(300);
            assertEquals(0, h.twilio.createdCount(), "nobody is called on a Saturday");

            time.advance(Duration.between(SATURDAY_PARIS_10, Instant.parse("2026-12-07T07:59:00Z")));
            Thread.sleep(300);
            assertEquals(0, h.twilio.createdCount(), "nor on Monday before 9:00 in Paris");

            time.advance(Duration.ofMinutes(1)); // Monday 09:00 Paris, 03:00 New York
            api.await(id, p -> p.path("states").path("done").asInt() == 1, Duration.ofSeconds(5));
            assertEquals(List.of("+33142685300"), h.twilio.createdSoFar().stream().map(r -> r.param("To")).toList());

            time.advance(Duration.ofHours(6)); // 09:00 in New York
            api.await(id, p -> p.path("state").asText().equals("completed"), Duration.ofSeconds(5));
            assertEquals(List.of("+33142685300", "+12125550100"),
                    h.twilio.createdSoFar().stream().map(r -> r.param("To")).toList());
        }
    }

    @Test
    void aBusyRowIsRetriedAtThePolicysTimeAndEachAttemptIsRecorded() throws Exception {
        ManualScheduler time = new ManualScheduler();
        Instant origin = Instant.parse("2026-12-07T12:00:00Z");
        AtomicInteger calls = new AtomicInteger();
        try (BridgeHarness h = BridgeHarness.withCampaignTime(Map.of(),
                new Campaigns.Time(time.clock(origin), time));
                AutoCallee callees = new AutoCallee(h.twilio, h.statusCallbackUrl(), Duration.ofMillis(200),
                        to -> calls.incrementAndGet() == 1 ? "busy" : "completed")) {
            CampaignClient api = new CampaignClient(h.baseUrl(), BridgeHarness.API_TOKEN);
            String id = api.create("to,verification\n+15550100001,4821\n", "maxAttempts=3&retryDelaySeconds=600");
            api.control(id, "start");
            api.await(id, p -> p.path("states").path("waiting").asInt() == 1, Duration.ofSeconds(5));
            assertEquals(1, h.twilio.createdCount());

            time.advance(Duration.ofSeconds(599));
            Thread.sleep(300);
            assertEquals(1, h.twilio.createdCount(), "not before the retry delay");
            time.advance(Duration.ofSeconds(1));
            JsonNode done = api.await(id, p -> p.path("state").asText().equals("completed"), Duration.ofSeconds(5));
            assertEquals(2, h.twilio.createdCount());
            assertEquals(1, done.path("outcomes").path("completed").asInt());

            JsonNode tries = api.results(id).path("rows").get(0).path("tries");
            assertEquals(2, tries.size());
            assertEquals("busy", tries.get(0).path("outcome").asText());
            assertEquals("completed", tries.get(1).path("outcome").asText());
            Instant firstEnded = Instant.parse(tries.get(0).path("endedAt").asText());
            Instant secondStarted = Instant.parse(tries.get(1).path("startedAt").asText());
            assertEquals(Duration.ofSeconds(600), Duration.between(firstEnded, secondStarted),
                    "the retry went out exactly at the policy's time (virtual clock)");
            assertTrue(api.results(id).path("rows").get(0).path("attempts").asInt() == 2);
        }
    }
}
