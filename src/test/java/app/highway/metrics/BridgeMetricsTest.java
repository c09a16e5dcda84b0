package app.highway.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.call.CallEvent;
import app.highway.call.CallState;
import app.highway.call.EndReason;
import app.highway.call.Speaker;
import app.highway.event.EventBus;
import app.highway.usage.TranscriptionUsage;
import app.highway.usage.Usage;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What an operator's Prometheus scrapes after a few calls: counts by outcome, errors by side, cost, turn latency. */
@Tag("unit")
class BridgeMetricsTest {
    private final EventBus<CallEvent> events = new EventBus<>();
    private final Instant t0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void callsOutcomesErrorsAndCostAreCounted() {
        try (BridgeMetrics metrics = new BridgeMetrics(events, () -> 1, false)) {
            events.publish(new CallEvent.CallCreated("a", "+15559876543", "owner", false, t0));
            events.publish(new CallEvent.CallCreated("b", "+15559876544", "alice", false, t0));
            events.publish(new CallEvent.ReflectionReported("a", "successful_call", t0));
            events.publish(new CallEvent.ToolCalled("a", "hang_up_call", "{}", t0));
            events.publish(usage("a", 0.01));
            events.publish(usage("a", 0.03)); // a running total: 0.03 in all, not 0.04
            events.publish(new CallEvent.CallEnded("a", CallState.COMPLETED, EndReason.ASSISTANT_HUNG_UP, t0));
            events.publish(new CallEvent.CallEnded("b", CallState.FAILED, EndReason.TWILIO_REJECTED, t0));
            events.publish(new CallEvent.CallProblem("b", "The model said: rate limited", t0));

            System.gc(); // a gauge whose supplier was only weakly held reads NaN after a collection
            String text = metrics.scrape();
            assertValue(text, "highway_calls_placed_total\\{mode=\"live\"}", 2);
            assertValue(text, "highway_calls_live\\{mode=\"live\"}", 1);
            assertValue(text, "highway_calls_ended_total\\{mode=\"live\",reason=\"assistant_hung_up\",state=\"completed\"}", 1);
            assertValue(text, "highway_calls_ended_total\\{mode=\"live\",reason=\"twilio_rejected\",state=\"failed\"}", 1);
            assertValue(text, "highway_errors_total\\{mode=\"live\",source=\"twilio\"}", 1);
            assertValue(text, "highway_reflections_total\\{mode=\"live\",status=\"successful_call\"}", 1);
            assertValue(text, "highway_tool_calls_total\\{mode=\"live\",tool=\"hang_up_call\"}", 1);
            assertValue(text, "highway_call_problems_total\\{mode=\"live\"}", 1);
            assertValue(text, "highway_cost_usd_total\\{mode=\"live\"}", 0.03);
            assertTrue(text.contains("jvm_memory_used_bytes"), "JVM meters are there too");
        }
    }

    @Test
    void theTurnLatencyIsTheCallsOwnMeasurementOfEachTurn() {
        try (BridgeMetrics metrics = new BridgeMetrics(events, () -> 1, true)) {
            // who speaks when is no measurement of its own: only the turns the call measured count
            events.publish(new CallEvent.SpeakerChanged("a", Speaker.CALLER, t0.plusMillis(6000)));
            events.publish(new CallEvent.SpeakerChanged("a", null, t0.plusMillis(7000)));
            events.publish(new CallEvent.SpeakerChanged("a", Speaker.ASSISTANT, t0.plusMillis(9000)));
            events.publish(new CallEvent.TurnMeasured("a", 800, t0.plusMillis(9000)));

            String text = metrics.scrape();
            assertValue(text, "highway_turn_latency_seconds_count\\{mode=\"simulation\"}", 1);
            assertValue(text, "highway_turn_latency_seconds_sum\\{mode=\"simulation\"}", 0.8);
        }
    }

    @Test
    void theRelayLoopsDelayIsAHistogram() {
        try (BridgeMetrics metrics = new BridgeMetrics(events, () -> 0, false)) {
            metrics.loopDelay(200_000);
            metrics.loopDelay(3_000_000);
            String text = metrics.scrape();
            assertValue(text, "highway_relay_loop_delay_seconds_count\\{mode=\"live\"}", 2);
            assertTrue(text.contains("highway_relay_loop_delay_seconds_bucket{mode=\"live\",le="), text);
        }
    }

    private CallEvent.UsageUpdated usage(String call, double cost) {
        return new CallEvent.UsageUpdated(call, Usage.ZERO, cost, cost, TranscriptionUsage.ZERO, 0, t0);
    }

    private static void assertValue(String text, String series, double expected) {
        Matcher m = Pattern.compile("(?m)^" + series + " ([0-9.eE+-]+)$").matcher(text);
        assertTrue(m.find(), "no " + series + " in\n" + text);
        double actual = Double.parseDouble(m.group(1));
        assertTrue(Math.abs(actual - expected) < 1e-9, series + " = " + actual + ", expected " + expected);
    }
}
