package app.highway.bench;

import app.highway.audio.WallMicros;
import app.highway.audiolink.AudioFrame;
import app.highway.e2e.LiveCallAccess;
import app.highway.support.AudioLinkProbe;
import app.highway.support.BridgeHarness;
import app.highway.support.ServerEvents;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not a test: the bridge's side of listening in, over loopback, one call, the fake carrier sending a caller
 * frame every 20 ms while the assistant speaks: from the carrier sending a frame to the bridge stamping the
 * mixed frame (the frame's header), and to a listener reading it. Run with {@code mvn -B -Pbench
 * -Dtest=ListenMixBench test}; prints percentiles.
 */
@Tag("bench")
class ListenMixBench {
    private static final Logger log = LoggerFactory.getLogger(ListenMixBench.class);
    private static final int WARMUP = 250;
    private static final int FRAMES = 1500;

    @Test
    void mixDelayPercentiles() throws Exception {
        try (BridgeHarness h = BridgeHarness.start()) {
            LiveCallAccess.Answered call = LiveCallAccess.answered(h, "123");
            try (AudioLinkProbe listener = AudioLinkProbe.open(h.baseUrl(), "/calls/" + call.callSid() + "/listen",
                    BridgeHarness.API_TOKEN)) {
                h.awaitCall(call.callSid(), c -> c.path("listeners").asInt() == 1, Duration.ofSeconds(5));
                call.model().send(ServerEvents.outputItemAdded("r1", "a1"));
                int total = WARMUP + FRAMES;
                long[] sentMicros = new long[total];
                long next = System.nanoTime();
                for (int i = 0; i < total; i++) {
                    if (i % 50 == 0) { // the assistant says a second at a time, faster than real time, as models do
                        call.model().send(ServerEvents.audioDelta("r1", "a1", ServerEvents.audio(8000, i)));
                    }
                    LockSupport.parkNanos(next - System.nanoTime());
                    next += TimeUnit.MILLISECONDS.toNanos(20);
                    sentMicros[i] = WallMicros.now();
                    call.stream().sendMedia(20L * (i + 1), ServerEvents.audio(160, i));
                }
                long[] toMix = new long[FRAMES];
                long[] toListener = new long[FRAMES];
                for (int i = 0; i < total; i++) {
                    AudioFrame f = listener.awaitFrame(Duration.ofSeconds(5));
                    if (f.seq() != i) {
                        throw new IllegalStateException("frame " + f.seq() + " arrived as number " + i);
                    }
                    if (i >= WARMUP) {
                        toMix[i - WARMUP] = (f.micros() - sentMicros[i]) * 1000;
                        toListener[i - WARMUP] = (listener.arrivedMicros.get(i) - sentMicros[i]) * 1000;
                    }
                }
                log.info("listen-in: carrier sends a caller frame -> the bridge has mixed it (frame stamp), 1 call, "
                        + "1 listener: {}", Percentiles.summary(toMix));
                log.info("listen-in: carrier sends a caller frame -> the listener has read the mixed frame: {}",
                        Percentiles.summary(toListener));
            }
        }
    }
}
