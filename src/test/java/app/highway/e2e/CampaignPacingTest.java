package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.support.AutoCallee;
import app.highway.support.BridgeHarness;
import app.highway.support.CampaignClient;
import app.highway.support.FakeTwilioRest;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How fast a campaign dials, measured where Twilio would: from the fake Twilio's request times. The pace never goes
 * above TWILIO_CALLS_PER_SECOND, a campaign never has more calls up than its maxConcurrent, and a pause stops new
 * dials within one pacing slot.
 */
@Tag("e2e")
class CampaignPacingTest {
    private static final Logger log = LoggerFactory.getLogger(CampaignPacingTest.class);

    /** 500 rows, 25 of them bad (every 20th has a two-digit code). */
    static String list(int rows) {
        StringBuilder csv = new StringBuilder("to,verification,first_name\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(String.format("+1555%07d", i)).append(',').append(i % 20 == 0 ? "12" : "4821")
                    .append(",Person ").append(i).append('\n');
        }
        return csv.toString();
    }

    @Test
    void fiveHundredRowsAreDialledAtTheConfiguredPaceAndConcurrencyEachOnce() throws Exception {
        double cps = 50;
        int maxConcurrent = 40;
        try (BridgeHarness h = BridgeHarness.start(Map.of("TWILIO_CALLS_PER_SECOND", "50"));
                AutoCallee callees = AutoCallee.answering(h.twilio, h.statusCallbackUrl(), Duration.ofMillis(300))) {
            CampaignClient api = new CampaignClient(h.baseUrl(), BridgeHarness.API_TOKEN);
            String id = api.create(list(500), "maxConcurrent=" + maxConcurrent);
            long start = System.nanoTime();
            api.control(id, "start");
            JsonNode done = api.await(id, p -> p.path("state").asText().equals("completed"), Duration.ofSeconds(60));
            assertEquals(475, done.path("outcomes").path("completed").asInt());
            assertEquals(25, done.path("states").path("skipped").asInt());

            List<FakeTwilioRest.Received> creates = h.twilio.createdSoFar();
            assertEquals(475, creates.size());
            Set<String> numbers = new HashSet<>();
            creates.forEach(r -> assertTrue(numbers.add(r.param("To")), "dialled twice: " + r.param("To")));

            long first = creates.get(0).receivedNanos();
            long last = creates.get(creates.size() - 1).receivedNanos();
            double actual = (creates.size() - 1) / ((last - first) / 1e9);
            int busiestSecond = 0;
            for (int i = 0; i < creates.size(); i++) {
                int n = 0;
                for (int j = i; j < creates.size()
                        && creates.get(j).receivedNanos() - creates.get(i).receivedNanos() < 1_000_000_000L; j++) {
                    n++;
                }
                busiestSecond = Math.max(busiestSecond, n);
            }
            int peak = peakConcurrency(creates, callees.endedNanos());
            log.info("Campaign pacing: configured {} calls/s, actual {} calls/s over {} calls, busiest second {} "
                    + "calls, first dial {} ms after start, peak {} calls up (max {})", cps,
                    String.format("%.2f", actual), creates.size(), busiestSecond, (first - start) / 1_000_000, peak,
                    maxConcurrent);
            // the pacer spaces the requests 1/cps apart; their arrival at Twilio jitters by a few milliseconds (threads,
            // sockets), so a window of one second can catch a request or two more than an exact schedule would
            assertTrue(busiestSecond <= cps * 1.1, "never above the pace in any second: " + busiestSecond);
            // how close it comes depends on the machine (a loaded 2-core box holds calls up longer, so the
            // concurrency cap binds first); the pace is a ceiling, not a promise
            assertTrue(actual > cps * 0.4, "the campaign keeps dialling at a good share of the pace: " + actual);
            assertTrue(peak <= maxConcurrent, "never more calls up than maxConcurrent: " + peak);
            assertTrue((first - start) / 1_000_000 < 3000, "the first dial comes at once");
        }
    }

    @Test
    void concurrencyCapsHowManyCallsAreUp() throws Exception {
        try (BridgeHarness h = BridgeHarness.start();
                AutoCallee callees = AutoCallee.answering(h.twilio, h.statusCallbackUrl(), Duration.ofMillis(400))) {
            CampaignClient api = new CampaignClient(h.baseUrl(), BridgeHarness.API_TOKEN);
            String id = api.create(list(19), "maxConcurrent=3");
            api.control(id, "start");
            api.await(id, p -> p.path("state").asText().equals("completed"), Duration.ofSeconds(30));
            int peak = peakConcurrency(h.twilio.createdSoFar(), callees.endedNanos());
            assertTrue(peak <= 3 && peak >= 2, "the campaign keeps to 3 calls at once: " + peak);
        }
    }

    @Test
    void aPauseStopsNewDialsWithinOnePacingSlot() throws Exception {
        try (BridgeHarness h = BridgeHarness.start(Map.of("TWILIO_CALLS_PER_SECOND", "5"));
                AutoCallee callees = AutoCallee.answering(h.twilio, h.statusCallbackUrl(), Duration.ofMillis(200))) {
            CampaignClient api = new CampaignClient(h.baseUrl(), BridgeHarness.API_TOKEN);
            String id = api.create(list(39), "maxConcurrent=50");
            api.control(id, "start");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (h.twilio.createdCount() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            long asked = System.nanoTime();
            assertEquals("paused", api.control(id, "pause").path("state").asText());
            long slot = 200_000_000L; // 5 calls per second
            Thread.sleep(1000);
            List<FakeTwilioRest.Received> creates = h.twilio.createdSoFar();
            long late = creates.stream().filter(r -> r.receivedNanos() > asked + slot).count();
            assertEquals(0, late, "no dial more than one pacing slot after the pause");
            int atPause = creates.size();

            api.control(id, "resume");
            JsonNode done = api.await(id, p -> p.path("state").asText().equals("completed"), Duration.ofSeconds(20));
            assertEquals(38, done.path("outcomes").path("completed").asInt());
            assertTrue(h.twilio.createdCount() > atPause);
            assertEquals(38, h.twilio.createdSoFar().stream().map(r -> r.param("To")).distinct().count(),
                    "nobody dialled twice across the pause");
        }
    }

    /** The most calls up at once, as Twilio saw them: created and not yet given their final status. */
    static int peakConcurrency(List<FakeTwilioRest.Received> creates, List<Long> ended) {
        int peak = 0;
        for (FakeTwilioRest.Received c : creates) {
            long t = c.receivedNanos();
            long started = creates.stream().filter(r -> r.receivedNanos() <= t).count();
            long over = ended.stream().filter(e -> e < t).count();
            peak = (int) Math.max(peak, started - over);
        }
        return peak;
    }
}
