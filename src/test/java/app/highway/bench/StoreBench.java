package app.highway.bench;

import app.highway.call.CallEvent;
import app.highway.call.Call;
import app.highway.call.Speaker;
import app.highway.config.CallSettings;
import app.highway.config.Json;
import app.highway.event.EventBus;
import app.highway.store.SqlCallStore;
import app.highway.store.StoreWriter;
import app.highway.support.BridgeHarness;
import app.highway.support.ServerEvents;
import app.highway.usage.Usage;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not a test: the call store's write throughput, and the bridge's per-frame latency with the
 * store idle and with the store absorbing a burst of 200 live calls, in one run.
 * {@code mvn -B -Pbench test -Dtest=StoreBench}.
 */
@Tag("bench")
class StoreBench {
    private static final Logger log = LoggerFactory.getLogger(StoreBench.class);
    private static final int CALLS = 200;

    @Test
    void storeThroughputAndRelayLatencyWithAndWithoutStoreLoad() throws Exception {
        // 1. raw write throughput: 200 calls, each with a 40-line transcript, events as a real call makes them
        EventBus<CallEvent> bus = new EventBus<>();
        Map<String, Call> calls = new HashMap<>();
        try (SqlCallStore store = SqlCallStore.sqlite(Files.createTempDirectory("highway-bench"), Json.mapper())) {
            StoreWriter writer = new StoreWriter(store, bus, id -> Optional.ofNullable(calls.get(id))
                    .map(Call::redactedSnapshot), Duration.ofMillis(200));
            long events = 0;
            long t0 = System.nanoTime();
            for (int i = 0; i < CALLS; i++) {
                Call c = new Call("hw-bench-" + i, "+1555000" + String.format("%04d", i), null,
                        CallSettings.defaults("gpt-realtime"), true, bus, Clock.systemUTC());
                calls.put(c.id(), c);
            }
            for (int line = 0; line < 40; line++) {
                for (Call c : calls.values()) {
                    for (int w = 0; w < 10; w++) {
                        c.transcriptDelta("item" + line, line % 2 == 0 ? Speaker.ASSISTANT : Speaker.CALLER, "word ");
                        events++;
                    }
                    c.addUsage(new Usage(10, 10, 20, 5, 5, 0, 0, 0, 2, 8), 0.001);
                    events++;
                }
            }
            writer.flush();
            double seconds = (System.nanoTime() - t0) / 1e9;
            log.info("store: {} events from {} calls absorbed and written in {} s = {} events/s ({})", events, CALLS,
                    String.format("%.2f", seconds), Math.round(events / seconds), writer.stats());
            writer.close();
            // the write path itself: whole records (call row + 40 transcript lines + timeline) per second
            List<app.highway.call.CallSnapshot> snapshots = calls.values().stream().map(Call::redactedSnapshot).toList();
            int rounds = 10;
            long w0 = System.nanoTime();
            for (int r = 0; r < rounds; r++) {
                store.save(snapshots);
            }
            double ws = (System.nanoTime() - w0) / 1e9;
            log.info("store: {} call records (40 transcript lines each) saved in {} transactions in {} s = {} records/s,"
                    + " {} transcript rows/s", rounds * CALLS, rounds, String.format("%.2f", ws),
                    Math.round(rounds * CALLS / ws), Math.round(rounds * CALLS * 40 / ws));
        }

        // 2. relay latency through a real bridge: store idle, then store absorbing a 200-call burst
        try (BridgeHarness h = BridgeHarness.start()) {
            var call = app.highway.e2e.LiveCallAccess.answered(h, "123");
            call.model().send(ServerEvents.outputItemAdded("resp_1", "item_a1"));
            measure(call, 300); // warm-up
            long[][] idle = measure(call, 1500);
            AtomicBoolean burst = new AtomicBoolean(true);
            AtomicLong burstEvents = new AtomicLong();
            List<Call> synthetic = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                Call c = new Call("hw-burst-" + i, "+1555111" + String.format("%04d", i), null,
                        CallSettings.defaults("gpt-realtime"), true, h.bridge.events(), Clock.systemUTC());
                h.bridge.registry().add(c);
                synthetic.add(c);
            }
            Thread generator = new Thread(() -> {
                int n = 0;
                while (burst.get()) {
                    for (Call c : synthetic) {
                        c.transcriptDelta("item" + (n / 20), Speaker.ASSISTANT, "word ");
                        burstEvents.incrementAndGet();
                    }
                    n++;
                    try {
                        Thread.sleep(20); // 200 calls x 50 events/s: every call's transcript growing word by word
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "burst");
            generator.start();
            long b0 = System.nanoTime();
            long[][] loaded = measure(call, 1500);
            burst.set(false);
            generator.join();
            double burstSeconds = (System.nanoTime() - b0) / 1e9;
            log.info("relay model->carrier, store idle:   {}", Percentiles.summary(idle[0]));
            log.info("relay model->carrier, store burst:  {}", Percentiles.summary(loaded[0]));
            log.info("relay carrier->model, store idle:   {}", Percentiles.summary(idle[1]));
            log.info("relay carrier->model, store burst:  {}", Percentiles.summary(loaded[1]));
            log.info("burst: {} events/s from {} live calls while measuring; writer {}", Math.round(
                    burstEvents.get() / burstSeconds), CALLS, h.bridge.storeWriter().stats());
        }
    }

    private static long[][] measure(app.highway.e2e.LiveCallAccess.Answered call, int frames) throws Exception {
        long[] toCaller = new long[frames];
        long[] toModel = new long[frames];
        for (int i = 0; i < frames; i++) {
            long t0 = System.nanoTime();
            call.model().send(ServerEvents.audioDelta("resp_1", "item_a1", ServerEvents.audio(160, i & 0xff)));
            call.stream().awaitEvent("media");
            toCaller[i] = System.nanoTime() - t0;
            long t1 = System.nanoTime();
            call.model().awaitAppend(call.stream().sendMedia(20L * i + 20, ServerEvents.audio(160, (i + 1) & 0xff)));
            toModel[i] = System.nanoTime() - t1;
        }
        return new long[][] {toCaller, toModel};
    }

}
