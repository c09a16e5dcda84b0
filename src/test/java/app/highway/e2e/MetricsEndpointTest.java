package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.support.BridgeHarness;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** An operator's Prometheus scrapes /metrics with the bridge's token and sees live calls, outcomes and the relay loop. */
@Tag("e2e")
class MetricsEndpointTest {

    @Test
    void anAgentsTokenIsNotEnough() throws Exception {
        try (BridgeHarness h = BridgeHarness.start()) {
            HttpResponse<String> added = h.post("/people", "application/json",
                    "{\"user\":\"alice\",\"role\":\"agent\"}", BridgeHarness.API_TOKEN);
            assertEquals(201, added.statusCode(), added.body());
            String agent = h.json(added.body()).path("token").path("token").asText();
            HttpResponse<String> refused = h.get("/metrics", agent);
            assertEquals(403, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("supervisor"), refused.body());

            HttpResponse<String> sue = h.post("/people", "application/json",
                    "{\"user\":\"sue\",\"role\":\"supervisor\"}", BridgeHarness.API_TOKEN);
            assertEquals(200, h.get("/metrics", h.json(sue.body()).path("token").path("token").asText()).statusCode());
        }
    }

    @Test
    void metricsNeedTheTokenAndCountACallFromLiveToEnded() throws Exception {
        try (BridgeHarness h = BridgeHarness.start()) {
            assertEquals(401, h.get("/metrics", null).statusCode(), "no metrics without the token");

            LiveCall call = LiveCall.answered(h, "4711");
            HttpResponse<String> during = h.get("/metrics", BridgeHarness.API_TOKEN);
            assertEquals(200, during.statusCode());
            assertTrue(during.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            assertTrue(during.body().contains("highway_calls_live{mode=\"live\"} 1.0"), during.body());
            assertTrue(during.body().contains("highway_relay_loop_delay_seconds_count"), "the relay loop is probed");

            call.stream.sendStop();
            h.awaitCall(call.callSid, c -> c.path("endedAt").isTextual(), Duration.ofSeconds(10));
            String after = h.get("/metrics", BridgeHarness.API_TOKEN).body();
            assertTrue(after.contains("highway_calls_live{mode=\"live\"} 0.0"), after);
            assertTrue(after.matches("(?s).*highway_calls_ended_total\\{mode=\"live\",reason=\"[a-z_]+\",state=\"[a-z-]+\"} 1\\.0.*"),
                    after);
        }
    }
}
