package app.highway.call;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A call's state in Twilio's own words. States only move forward: queued, ringing, in-progress,
 * then one final state; a final state never changes (late or repeated status callbacks are ignored).
 */
public enum CallState {
    QUEUED("queued", 0),
    RINGING("ringing", 1),
    IN_PROGRESS("in-progress", 2),
    COMPLETED("completed", 3),
    BUSY("busy", 3),
    NO_ANSWER("no-answer", 3),
    FAILED("failed", 3),
    CANCELED("canceled", 3);

    private final String wire;
    private final int rank;

    CallState(String wire, int rank) {
        this.wire = wire;
        this.rank = rank;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public boolean isFinal() {
        return rank == 3;
    }

    public boolean canMoveTo(CallState next) {
        return !isFinal() && next.rank > rank;
    }

    /** Twilio's {@code CallStatus}; {@code initiated} is Twilio's word for a call still queued. */
    public static Optional<CallState> fromTwilio(String status) {
        if (status == null) {
            return Optional.empty();
        }
        String s = status.trim().toLowerCase(Locale.ROOT);
        if (s.equals("initiated")) {
            return Optional.of(QUEUED);
        }
        return Arrays.stream(values()).filter(v -> v.wire.equals(s)).findFirst();
    }
}
