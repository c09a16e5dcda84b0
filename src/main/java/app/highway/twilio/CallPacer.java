package app.highway.twilio;

import dev.failsafe.RateLimiter;
import java.time.Duration;

/**
 * Paces outbound calls to {@code TWILIO_CALLS_PER_SECOND} (Twilio's default is 1 call per second).
 * A request beyond the pace waits its turn up to {@code maxWait}, then is refused.
 */
public final class CallPacer {
    private final RateLimiter<Object> limiter;
    private final Duration maxWait;
    private final double perSecond;

    public CallPacer(double callsPerSecond, Duration maxWait) {
        this.perSecond = callsPerSecond;
        this.maxWait = maxWait;
        Duration interval = Duration.ofNanos(Math.max(1, (long) (1_000_000_000L / callsPerSecond)));
        this.limiter = RateLimiter.smoothBuilder(interval).withMaxWaitTime(maxWait).build();
    }

    /** Waits for a turn; false when none comes within the wait limit. */
    public boolean awaitTurn() throws InterruptedException {
        return limiter.tryAcquirePermit(maxWait);
    }

    /** Seconds a refused client should wait before trying again. */
    public long retryAfterSeconds() {
        return Math.max(1, (long) Math.ceil(1.0 / perSecond));
    }
}
