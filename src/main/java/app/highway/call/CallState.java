package app.highway.call;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A call's state: Twilio's own words, plus {@code ending} (the bridge has decided to end the call
 * and is telling Twilio; no stream is admitted and no timer fires any more). Every legal move is
 * in {@link #NEXT}, the one place that says how a call may go; a final state never changes, so
 * late or repeated status callbacks change nothing.
 */
public enum CallState {
    QUEUED("queued"),
    RINGING("ringing"),
    IN_PROGRESS("in-progress"),
    ENDING("ending"),
    COMPLETED("completed"),
    BUSY("busy"),
    NO_ANSWER("no-answer"),
    FAILED("failed"),
    CANCELED("canceled");

    private static final Set<CallState> FINAL = EnumSet.of(COMPLETED, BUSY, NO_ANSWER, FAILED, CANCELED);

    /**
     * The legal transitions. Forward only: queued, ringing, in-progress, then ending, then a final
     * state. Twilio may report a final state at any time (the callee hung up, the carrier failed),
     * so every live state may also go straight to one. Ending never goes back to in-progress: a call
     * that Twilio connects while the bridge is ending it is still ended.
     */
    private static final Map<CallState, Set<CallState>> NEXT = Map.of(
            QUEUED, union(EnumSet.of(RINGING, IN_PROGRESS, ENDING), FINAL),
            RINGING, union(EnumSet.of(IN_PROGRESS, ENDING), FINAL),
            IN_PROGRESS, union(EnumSet.of(ENDING), FINAL),
            ENDING, FINAL,
            COMPLETED, EnumSet.noneOf(CallState.class),
            BUSY, EnumSet.noneOf(CallState.class),
            NO_ANSWER, EnumSet.noneOf(CallState.class),
            FAILED, EnumSet.noneOf(CallState.class),
            CANCELED, EnumSet.noneOf(CallState.class));

    private final String wire;

    CallState(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public boolean isFinal() {
        return FINAL.contains(this);
    }

    /** Ending or ended: the call takes no new stream and its timers do nothing. */
    public boolean isOver() {
        return this == ENDING || isFinal();
    }

    public boolean canMoveTo(CallState next) {
        return NEXT.get(this).contains(next);
    }

    /** Every state this one may move to (for tests and documentation). */
    public Set<CallState> next() {
        return Set.copyOf(NEXT.get(this));
    }

    /**
     * A state as Twilio's {@code CallStatus} or as the bridge records it; {@code initiated} is
     * Twilio's word for a call still queued.
     */
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

    private static Set<CallState> union(Set<CallState> a, Set<CallState> b) {
        EnumSet<CallState> all = EnumSet.copyOf(a);
        all.addAll(b);
        return all;
    }
}
