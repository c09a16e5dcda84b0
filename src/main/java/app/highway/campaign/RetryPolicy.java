package app.highway.campaign;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which outcomes are tried again, how many attempts a row gets in all ({@code maxAttempts}, the first one
 * included) and how long after an attempt ends the next one is due.
 */
public record RetryPolicy(int maxAttempts, Duration delay, Set<Outcome> retryOn) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMinutes(10),
            EnumSet.of(Outcome.BUSY, Outcome.NO_ANSWER, Outcome.FAILED, Outcome.VOICEMAIL));

    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("maxAttempts must be 1 to 10, got " + maxAttempts);
        }
        if (delay.isNegative()) {
            throw new IllegalArgumentException("the retry delay cannot be negative");
        }
        retryOn = retryOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(retryOn));
    }

    /** Whether a row whose attempt {@code attempts} ended with {@code outcome} is dialled again. */
    boolean retries(Outcome outcome, int attempts) {
        return retryOn.contains(outcome) && attempts < maxAttempts;
    }
}
