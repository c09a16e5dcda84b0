package app.highway.bench;

import app.highway.audio.WallMicros;
import app.highway.e2e.LiveCallAccess;
import app.highway.support.AudioLinkProbe;
import app.highway.support.BridgeHarness;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not a test: the take-over delay, from a console's frame (the wall-clock time in its header, stamped as
 * it is sent) to the fake carrier reading the {@code media} message the bridge made of it, over loopback,
 * one call, a frame every 20 ms as a microphone delivers them. Run with {@code mvn -B -Pbench
 * -Dtest=TakeOverBench test}; prints percentiles.
 */
@Tag("bench")
class TakeOverBench {
    private static final Logger log = LoggerFactory.getLogger(TakeOverBench.class);
    private static final int WARMUP = 250;
    private static final int FRAMES = 1500;

    @Test
    void takeOverDelayPercentiles() throws Exception {
        try (BridgeHarness h = BridgeHarness.start()) {
            LiveCallAccess.Answered call = LiveCallAccess.answered(h, "123");
            try (AudioLinkProbe console = AudioLinkProbe.open(h.baseUrl(), "/calls/" + call.callSid() + "/takeover",
                    BridgeHarness.API_TOKEN)) {
                call.stream().awaitEvent("clear"); // taken over: the assistant is muted
                int total = WARMUP + FRAMES;
                long[] sentMicros = new long[total];
                long[] delayNanos = new long[FRAMES];
                Thread carrier = new Thread(() -> {
                    try {
                        for (int received = 0; received < total; ) {
                            JsonNode m = call.stream().pollAny(5_000);
                            if (m == null) {
                                throw new IllegalStateException("the carrier got " + received + " of " + total);
                            }
                            long at = WallMicros.now();
                            if (!"media".equals(m.path("event").asText())) {
                                continue;
                            }
                            byte[] audio = Base64.getDecoder().decode(m.path("media").path("payload").asText());
                            int i = ByteBuffer.wrap(audio).getInt();
                            if (i != received) {
                                throw new IllegalStateException("frame " + i + " arrived as number " + received);
                            }
                            if (i >= WARMUP) {
                                delayNanos[i - WARMUP] = (at - sentMicros[i]) * 1000;
                            }
                            received++;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "fake-carrier-reader");
                carrier.start();
                long next = System.nanoTime();
                for (int i = 0; i < total; i++) {
                    LockSupport.parkNanos(next - System.nanoTime());
                    next += TimeUnit.MILLISECONDS.toNanos(20);
                    byte[] audio = new byte[160];
                    Arrays.fill(audio, (byte) 0x55);
                    ByteBuffer.wrap(audio).putInt(i);
                    sentMicros[i] = WallMicros.now();
                    console.sendStamped(audio, sentMicros[i]);
                }
                carrier.join(30_000);
                log.info("take-over: console frame (its stamp) -> fake carrier reads the media message, 1 call, "
                        + "50 frames/s: {}", Percentiles.summary(delayNanos));
            }
        }
    }
}
