package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.campaign.Campaigns;
import app.highway.support.BridgeHarness;
import app.highway.support.CampaignClient;
import app.highway.support.FakeCarrier;
import app.highway.support.FakeTwilioRest;
import app.highway.support.ManualScheduler;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A campaign's calls with answering-machine detection, in virtual time: a machine answer is recorded as
 * {@code voicemail} on the row and retried at the policy's time; the next attempt, answered by a person, completes.
 */
@Tag("e2e")
class CampaignVoicemailTest {
    private record Created(String sid, FakeTwilioRest.Received request) { }

    @Test
    void aVoicemailIsRetriedAtThePolicysTimeAndEachAttemptIsRecordedOnTheRow() throws Exception {
        ManualScheduler time = new ManualScheduler();
        Instant origin = Instant.parse("2026-12-07T12:00:00Z");
        BlockingQueue<Created> created = new LinkedBlockingQueue<>();
        try (BridgeHarness h = BridgeHarness.withCampaignTime(Map.of(), new Campaigns.Time(time.clock(origin), time))) {
            h.twilio.onCreated((sid, request) -> created.add(new Created(sid, request)));
            CampaignClient api = new CampaignClient(h.baseUrl(), BridgeHarness.API_TOKEN);
            String id = api.create("to,verification\n+15550100001,4821\n",
                    "voicemail=hang_up&maxAttempts=3&retryDelaySeconds=600");
            assertEquals("hang_up", api.progress(id).path("voicemail").asText(),
                    api.progress(id).toString());
            api.control(id, "start");

            // attempt 1: an answering machine
            Created first = next(created);
            assertEquals("Enable", first.request().param("MachineDetection"));
            assertEquals("true", first.request().param("AsyncAmd"));
            api.await(id, p -> p.path("states").path("in_call").asInt() == 1, Duration.ofSeconds(5));
            FakeCarrier.Stream stream = h.carrier.connect(first.request().param("Twiml"), first.sid());
            h.awaitCall(first.sid(), c -> timeline(c, "stream"), Duration.ofSeconds(5));
            assertEquals(204, h.carrier.amd(h.baseUrl() + "/twilio/amd", first.sid(), "machine_start", 1700, true));
            api.await(id, p -> p.path("states").path("waiting").asInt() == 1, Duration.ofSeconds(5));
            assertTrue(stream.awaitClosedByBridge());

            time.advance(Duration.ofSeconds(599));
            Thread.sleep(300);
            assertEquals(1, h.twilio.createdCount(), "not before the retry delay");
            time.advance(Duration.ofSeconds(1));

            // attempt 2: a person, who hears the code and hangs up
            Created second = next(created);
            api.await(id, p -> p.path("states").path("in_call").asInt() == 1, Duration.ofSeconds(5));
            FakeCarrier.Stream again = h.carrier.connect(second.request().param("Twiml"), second.sid());
            h.awaitCall(second.sid(), c -> timeline(c, "stream"), Duration.ofSeconds(5));
            assertEquals(204, h.carrier.amd(h.baseUrl() + "/twilio/amd", second.sid(), "human", 2000, true));
            h.awaitCall(second.sid(), c -> timeline(c, "model"), Duration.ofSeconds(5));
            again.sendStop();
            JsonNode done = api.await(id, p -> p.path("state").asText().equals("completed"), Duration.ofSeconds(5));
            assertEquals(1, done.path("outcomes").path("completed").asInt(), done.toString());

            JsonNode row = api.results(id).path("rows").get(0);
            JsonNode tries = row.path("tries");
            assertEquals(2, tries.size(), row.toString());
            assertEquals("voicemail", tries.get(0).path("outcome").asText());
            assertEquals("voicemail:machine_start", tries.get(0).path("endReason").asText(), row.toString());
            assertEquals("completed", tries.get(1).path("outcome").asText());
            assertEquals(Duration.ofSeconds(600), Duration.between(Instant.parse(tries.get(0).path("endedAt").asText()),
                    Instant.parse(tries.get(1).path("startedAt").asText())), "retried exactly at the policy's time");
        }
    }

    @Test
    void notMeIsTheRowsOutcomeAndIsNotRetriedAndABadPolicyIsRefused() throws Exception {
        ManualScheduler time = new ManualScheduler();
        BlockingQueue<Created> created = new LinkedBlockingQueue<>();
        try (BridgeHarness h = BridgeHarness.withCampaignTime(Map.of(),
                new Campaigns.Time(time.clock(Instant.parse("2026-12-07T12:00:00Z")), time))) {
            h.twilio.onCreated((sid, request) -> created.add(new Created(sid, request)));
            CampaignClient api = new CampaignClient(h.baseUrl(), BridgeHarness.API_TOKEN);
            var refused = api.send("POST", "/campaigns?voicemail=sometimes", "text/csv",
                    "to,verification\n+15550100001,4821\n");
            assertEquals(400, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("Unknown voicemail policy 'sometimes'"), refused.body());

            // no policy given: the bridge's default for campaigns, leaving the message after the beep
            String id = api.create("to,verification\n+15550100001,4821\n", "maxAttempts=3&retryDelaySeconds=600");
            assertTrue(api.progress(id).path("voicemail").isNull());
            api.control(id, "start");
            Created call = next(created);
            assertEquals("DetectMessageEnd", call.request().param("MachineDetection"));
            api.await(id, p -> p.path("states").path("in_call").asInt() == 1, Duration.ofSeconds(5));
            var model = h.realtime.awaitPeer();
            FakeCarrier.Stream stream = h.carrier.connect(call.request().param("Twiml"), call.sid());
            h.awaitCall(call.sid(), c -> timeline(c, "stream"), Duration.ofSeconds(5));
            assertEquals(204, h.carrier.amd(h.baseUrl() + "/twilio/amd", call.sid(), "human", 2000, true));
            model.awaitMessage("response.create"); // the code is read
            stream.sendDtmf("9");
            h.awaitCall(call.sid(), c -> c.path("timeline").toString().contains("caller pressed 9"),
                    Duration.ofSeconds(5));
            stream.sendStop(); // the callee hangs up
            JsonNode done = api.await(id, p -> p.path("state").asText().equals("completed"), Duration.ofSeconds(5));
            assertEquals(1, done.path("outcomes").path("not_me").asInt(), done.toString());
            JsonNode row = api.results(id).path("rows").get(0);
            assertEquals("not_me", row.path("outcome").asText(), row.toString());
            assertEquals(1, row.path("tries").size(), "not_me is not retried by the default policy");
            assertEquals(1, h.twilio.createdCount());
        }
    }

    private static boolean timeline(JsonNode call, String kind) {
        for (JsonNode e : call.path("timeline")) {
            if (kind.equals(e.path("kind").asText())) {
                return true;
            }
        }
        return false;
    }

    private static Created next(BlockingQueue<Created> created) throws InterruptedException {
        Created c = created.poll(10, TimeUnit.SECONDS);
        if (c == null) {
            throw new AssertionError("the campaign placed no call");
        }
        return c;
    }
}
