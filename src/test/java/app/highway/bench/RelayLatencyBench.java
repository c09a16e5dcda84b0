package app.highway.bench;

import app.highway.support.BridgeHarness;
import app.highway.support.ServerEvents;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not a test: measures what the bridge adds to one call's audio path, from outside, over loopback
 * (fake model → bridge → fake carrier, and back). Run with {@code mvn -B -Pbench test}; reports
 * percentiles. The full load benchmark (many calls, CPU, memory) is a later milestone.
 */
@Tag("bench")
class RelayLatencyBench {
    private static final Logger log = LoggerFactory.getLogger(RelayLatencyBench.class);
    private static final int WARMUP = 200;
    private static final int FRAMES = 1000;

    @Test
    void relayLatencyPercentiles() throws Exception {
        try (BridgeHarness h = BridgeHarness.start()) {
            var call = app.highway.e2e.LiveCallAccess.answered(h, "123");
            call.model().send(ServerEvents.outputItemAdded("resp_1", "item_a1"));
            long[] toCaller = new long[FRAMES];
            for (int i = -WARMUP; i < FRAMES; i++) {
                long t0 = System.nanoTime();
                call.model().send(ServerEvents.audioDelta("resp_1", "item_a1", ServerEvents.audio(160, i & 0xff)));
                call.stream().awaitEvent("media");
                if (i >= 0) {
                    toCaller[i] = System.nanoTime() - t0;
                }
            }
            long[] toModel = new long[FRAMES];
            for (int i = -WARMUP; i < FRAMES; i++) {
                long t0 = System.nanoTime();
                String payload = call.stream().sendMedia(20L * (i + WARMUP + 1), ServerEvents.audio(160, i & 0xff));
                call.model().awaitAppend(payload);
                if (i >= 0) {
                    toModel[i] = System.nanoTime() - t0;
                }
            }
            log.info("model delta -> carrier media (round trip through the bridge, 1 call): {}", Percentiles.summary(toCaller));
            log.info("carrier media -> model append (round trip through the bridge, 1 call): {}", Percentiles.summary(toModel));
        }
    }

}
