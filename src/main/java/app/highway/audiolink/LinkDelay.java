package app.highway.audiolink;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * The listen-in delay of one link: for each frame, the time from the bridge producing it (the frame's clock)
 * to the console handing it to the audio line. Keeps the last {@link #WINDOW} frames (about 80 s of audio)
 * for the percentiles; thread-safe (written by the player's thread, read by the console's).
 */
public final class LinkDelay {
    static final int WINDOW = 4096;
    private final long[] micros = new long[WINDOW];
    private long count;

    /** The delays of the frames recorded so far, in milliseconds; zeros before the first frame. */
    public record Summary(long frames, double p50Ms, double p99Ms, double lastMs) {
        public static final Summary NONE = new Summary(0, 0, 0, 0);
    }

    /** Now, in microseconds since the epoch: the clock of {@link AudioFrame#micros()}. */
    public static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    /** A frame stamped {@code frameMicros} by the bridge was handed to the line now. */
    public void handed(long frameMicros) {
        record(nowMicros() - frameMicros);
    }

    public synchronized void record(long delayMicros) {
        micros[(int) (count % WINDOW)] = delayMicros;
        count++;
    }

    public synchronized Summary summary() {
        if (count == 0) {
            return Summary.NONE;
        }
        int n = (int) Math.min(count, WINDOW);
        long last = micros[(int) ((count - 1) % WINDOW)];
        long[] sorted = Arrays.copyOf(micros, n);
        Arrays.sort(sorted);
        return new Summary(count, percentile(sorted, 0.50) / 1000.0, percentile(sorted, 0.99) / 1000.0,
                last / 1000.0);
    }

    private static long percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
