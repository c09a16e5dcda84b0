package app.highway.twilio;

import dev.failsafe.RetryPolicy;
import java.time.Duration;

/**
 * How the bridge retries Twilio requests that are safe to repeat (fetching a call, ending it):
 * on network errors, 429 and 5xx, with backoff; never on a refusal such as a bad SID. Placing a
 * call is not retried: a repeat could ring the customer twice.
 */
public final class TwilioRetry {
    private TwilioRetry() {
    }

    public static <T> RetryPolicy<T> idempotent() {
        return RetryPolicy.<T>builder()
                .handle(TwilioApiException.class)
                .abortOn(e -> e instanceof TwilioApiException t && t.code() != 0 && t.code() != 20429
                        && t.httpStatus() < 500)
                .withBackoff(Duration.ofMillis(200), Duration.ofSeconds(5))
                .withMaxRetries(4)
                .build();
    }
}
