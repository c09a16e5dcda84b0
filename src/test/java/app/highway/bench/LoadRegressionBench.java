package app.highway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.bench.load.LoadGenerator;
import app.highway.bench.load.StepResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test (its p99 ceiling depends on how busy the machine is): a short run of the load benchmark,
 * 20 concurrent calls through a bridge in its own JVM, 20 ms frames both ways in real time, about
 * 20 s. Nothing may be dropped or reordered, and the bridge must stay far below a caller-audible
 * delay (generous ceiling; the benchmark measures p99 of a few ms here).
 * {@code mvn -B -Pbench test -Dtest=LoadRegressionBench}.
 */
@Tag("bench")
class LoadRegressionBench {
    private static final int CALLS = 20;
    private static final int SECONDS = 8;

    @Test
    void twentyConcurrentCallsLoseNoFrameAndAddNoAudibleDelay() throws Exception {
        StepResult r = LoadGenerator.measure(CALLS, SECONDS);
        long expectedPerDirection = (long) (CALLS * 50L * SECONDS * 0.8); // 50 frames/s per call
        assertTrue(r.upSent() >= expectedPerDirection, "caller frames sent: " + r.upSent());
        assertTrue(r.downSent() >= expectedPerDirection / 3, "model frames sent (it speaks half the time): "
                + r.downSent());
        assertEquals(0, r.upLost(), "caller frames that never reached the model");
        assertEquals(0, r.downLost(), "model frames that never reached the caller");
        assertEquals(0, r.reordered(), "frames that arrived out of order");
        assertTrue(r.up()[2] < 50, "carrier→model p99 " + r.up()[2] + " ms");
        assertTrue(r.down()[2] < 50, "model→carrier p99 " + r.down()[2] + " ms");
        assertTrue(r.firstAudioMaxMs() > 0 && r.firstAudioMaxMs() < 2000,
                "every caller heard the assistant's first audio within 2 s: " + r.firstAudioMaxMs() + " ms");
    }
}
