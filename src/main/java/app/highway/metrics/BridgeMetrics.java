package app.highway.metrics;

import app.highway.call.CallEvent;
import app.highway.call.EndReason;
import app.highway.call.Speaker;
import app.highway.event.EventBus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * One bridge's meters. Subscribes to the call events (it runs on the publisher's thread, so each
 * update is a counter increment or a map entry) and exposes:
 * <ul>
 * <li>{@code highway_calls_live}, {@code highway_consoles_attached} (gauges);</li>
 * <li>{@code highway_calls_placed_total}, {@code highway_calls_ended_total{state,reason}},
 * {@code highway_reflections_total{status}}, {@code highway_errors_total{source=model|twilio|media}},
 * {@code highway_call_problems_total}, {@code highway_barge_ins_total}, {@code highway_tool_calls_total{tool}},
 * {@code highway_cost_usd_total};</li>
 * <li>{@code highway_turn_latency_seconds} (the caller stops speaking → the assistant starts: what a
 * caller waits for an answer) and {@code highway_relay_loop_delay_seconds} (how late the relay loop
 * runs, the bridge's own share of audio latency), both as histograms;</li>
 * <li>the JVM's memory, GC, threads, CPU and uptime.</li>
 * </ul>
 */
public final class BridgeMetrics implements AutoCloseable {
    private static final Set<String> MODEL_REASONS = Set.of(EndReason.MODEL_DISCONNECTED, EndReason.MODEL_SETUP_FAILED,
            EndReason.MODEL_ERROR, EndReason.OPENAI_KEY_REJECTED);
    private static final Set<String> TWILIO_REASONS = Set.of(EndReason.TWILIO_REJECTED, EndReason.CARRIER_FAILED);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final AutoCloseable subscription;
    private final Counter placed;
    private final Counter problems;
    private final Counter bargeIns;
    private final Counter cost;
    private final Timer turnLatency;
    private final Timer loopDelay;
    /** Per live call: the cost counted so far (usage events carry the call's running total). */
    private final Map<String, Double> costSoFar = new ConcurrentHashMap<>();
    /** Per live call: when the caller last stopped speaking, until the assistant answers. */
    private final Map<String, Long> callerStoppedAt = new ConcurrentHashMap<>();
    /** Per live call: who spoke last, so that a pause between two of the assistant's answers is no turn. */
    private final Map<String, Speaker> lastSpeaker = new ConcurrentHashMap<>();
    private volatile IntSupplier consoles = () -> 0;
    private volatile LongSupplier listenOutages = () -> 0;

    public BridgeMetrics(EventBus<CallEvent> events, LongSupplier liveCalls, boolean simulated) {
        registry.config().commonTags("mode", simulated ? "simulation" : "live");
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        // strong references: Micrometer holds a gauge's object weakly, and a method reference has no other holder
        Gauge.builder("highway.calls.live", liveCalls, LongSupplier::getAsLong).strongReference(true)
                .description("Calls placed and not ended yet").register(registry);
        Gauge.builder("highway.consoles.attached", this, m -> m.consoles.getAsInt()).strongReference(true)
                .description("Consoles following this bridge's live event stream").register(registry);
        FunctionCounter.builder("highway.fleet.listen.outages", this, m -> m.listenOutages.getAsLong())
                .description("Times this bridge lost its LISTEN connection to the fleet's database (its consoles "
                        + "resynced after each); 0 on a bridge on its own").register(registry);
        placed = Counter.builder("highway.calls.placed").description("Calls placed").register(registry);
        problems = Counter.builder("highway.call.problems")
                .description("Problems shown to the operator on a call (model error events included)").register(registry);
        bargeIns = Counter.builder("highway.barge.ins").description("Callers interrupting the assistant").register(registry);
        cost = Counter.builder("highway.cost.usd").description("What the calls cost at the model's prices, in USD")
                .register(registry);
        turnLatency = Timer.builder("highway.turn.latency")
                .description("From the caller's last word to the assistant's first, per turn")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(50))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
        loopDelay = Timer.builder("highway.relay.loop.delay")
                .description("How late the relay loop ran a task (audio frames wait as long)")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(1)).register(registry);
        subscription = events.subscribe(this::on);
    }

    /** Where the number of attached consoles comes from (the live event stream, in team mode). */
    public void attachedConsoles(IntSupplier count) {
        consoles = count;
    }

    /** Where the number of lost LISTEN connections comes from (a bridge of a fleet). */
    public void fleetListenOutages(LongSupplier count) {
        listenOutages = count;
    }

    /** One reading of the relay loop's delay (from {@code transport.LoopDelayProbe}). */
    public void loopDelay(long nanos) {
        loopDelay.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The text Prometheus scrapes. */
    public String scrape() {
        return registry.scrape();
    }

    private void on(CallEvent event) {
        if (event instanceof CallEvent.CallCreated) {
            placed.increment();
        } else if (event instanceof CallEvent.CallEnded ended) {
            registry.counter("highway.calls.ended", "state", ended.state().wire(), "reason",
                    ended.endReason() == null ? "none" : ended.endReason()).increment();
            String source = errorSource(ended.endReason());
            if (source != null) {
                registry.counter("highway.errors", "source", source).increment();
            }
            forget(ended.callId());
        } else if (event instanceof CallEvent.CallDeleted deleted) {
            forget(deleted.callId());
        } else if (event instanceof CallEvent.ReflectionReported reflection) {
            registry.counter("highway.reflections", "status", reflection.status()).increment();
        } else if (event instanceof CallEvent.CallProblem) {
            problems.increment();
        } else if (event instanceof CallEvent.BargeIn) {
            bargeIns.increment();
        } else if (event instanceof CallEvent.ToolCalled tool) {
            registry.counter("highway.tool.calls", "tool", tool.name()).increment();
        } else if (event instanceof CallEvent.UsageUpdated usage) {
            double before = costSoFar.getOrDefault(usage.callId(), 0.0);
            if (usage.costUsd() > before) {
                cost.increment(usage.costUsd() - before);
                costSoFar.put(usage.callId(), usage.costUsd());
            }
        } else if (event instanceof CallEvent.SpeakerChanged speaker) {
            turn(speaker);
        }
    }

    private void turn(CallEvent.SpeakerChanged change) {
        long at = TimeUnit.SECONDS.toNanos(change.at().getEpochSecond()) + change.at().getNano();
        String call = change.callId();
        if (change.speaker() == Speaker.CALLER) {
            lastSpeaker.put(call, Speaker.CALLER);
            callerStoppedAt.remove(call);
        } else if (change.speaker() == null) {
            if (lastSpeaker.get(call) == Speaker.CALLER) {
                callerStoppedAt.put(call, at);
            }
        } else {
            lastSpeaker.put(call, Speaker.ASSISTANT);
            Long stopped = callerStoppedAt.remove(call);
            if (stopped != null && at >= stopped) {
                turnLatency.record(at - stopped, TimeUnit.NANOSECONDS);
            }
        }
    }

    private void forget(String callId) {
        costSoFar.remove(callId);
        callerStoppedAt.remove(callId);
        lastSpeaker.remove(callId);
    }

    /** Which side an end reason blames, or null when it is no error. */
    static String errorSource(String endReason) {
        if (endReason == null) {
            return null;
        }
        if (MODEL_REASONS.contains(endReason)) {
            return "model";
        }
        if (TWILIO_REASONS.contains(endReason)) {
            return "twilio";
        }
        return EndReason.MEDIA_STREAM_LOST.equals(endReason) ? "media" : null;
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            // a list removal: cannot fail
        }
        gc.close();
        registry.close();
    }
}
