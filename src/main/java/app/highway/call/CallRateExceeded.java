package app.highway.call;

/** More calls were asked for than {@code TWILIO_CALLS_PER_SECOND} allows within the wait limit. */
public class CallRateExceeded extends Exception {
    private final long retryAfterSeconds;

    public CallRateExceeded(long retryAfterSeconds) {
        super("Too many calls at once: calls are paced to TWILIO_CALLS_PER_SECOND. Try again in "
                + retryAfterSeconds + " s.");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
