package app.highway.audio;

import java.time.Instant;

/**
 * Wall-clock time in microseconds since the epoch, read without an allocation (the audio link stamps
 * every frame with it): the epoch time when this class loaded plus the monotonic clock since, so two
 * stamps in one process never go backwards and are as precise as {@link System#nanoTime()}.
 */
public final class WallMicros {
    private static final long BASE_NANOS = System.nanoTime();
    private static final long BASE_MICROS = micros(Instant.now());

    private WallMicros() {
    }

    public static long now() {
        return BASE_MICROS + (System.nanoTime() - BASE_NANOS) / 1000;
    }

    private static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000 + at.getNano() / 1000;
    }
}
