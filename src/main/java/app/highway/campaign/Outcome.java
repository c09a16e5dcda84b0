package app.highway.campaign;

import app.highway.call.CallState;
import app.highway.call.EndReason;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How one attempt at a row ended. {@code completed}: the callee answered and the call ran its course (the
 * model's own verdict, {@code call_reflection_data}, is kept beside it). {@code interrupted}: the bridge stopped
 * or restarted during the call. {@code unknown}: the bridge stopped while Twilio was being asked to ring the
 * number, so nobody can tell whether it rang; such a row is never redialled by itself (see {@link Recovery}).
 * {@code voicemail}: answering-machine detection found a machine (the callback message was left or the call hung
 * up, by the campaign's voicemail policy; never the code); {@code fax}: a fax machine answered; {@code not_me}: the
 * callee pressed the keypad's "it was not me" key.
 */
public enum Outcome {
    COMPLETED, BUSY, NO_ANSWER, FAILED, VOICEMAIL, CANCELED, INTERRUPTED, UNKNOWN, FAX, NOT_ME;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * What a call's end comes to: the carrier's busy, no-answer and failed as they are; the bridge's own ring
     * timeout is a no-answer; a machine, a fax and "not me" as their end reasons say (a missing machine verdict
     * is a failure); a bridge stopping, restarting or lost is an interruption; otherwise an answered
     * call ({@code completed} from Twilio means it was connected) is completed and one ended while it rang is
     * canceled.
     */
    public static Outcome of(CallState state, String endReason, boolean answered) {
        String reason = endReason == null ? "" : endReason;
        if (reason.startsWith(EndReason.RING_TIMEOUT)) {
            return NO_ANSWER;
        }
        if (reason.startsWith(EndReason.VOICEMAIL)) {
            return VOICEMAIL;
        }
        if (reason.startsWith(EndReason.FAX)) {
            return FAX;
        }
        if (reason.startsWith(EndReason.NOT_ME)) {
            return NOT_ME;
        }
        if (reason.startsWith(EndReason.NO_MACHINE_VERDICT)) {
            return FAILED; // nobody could say who answered: tried again like a failed call
        }
        if (reason.startsWith(EndReason.SHUTDOWN) || reason.startsWith(EndReason.BRIDGE_RESTARTED)
                || reason.startsWith(EndReason.BRIDGE_LOST)) {
            return INTERRUPTED;
        }
        return switch (state) {
            case BUSY -> BUSY;
            case NO_ANSWER -> NO_ANSWER;
            case FAILED -> FAILED;
            case COMPLETED -> COMPLETED;
            case CANCELED -> answered ? COMPLETED : CANCELED;
            default -> UNKNOWN;
        };
    }

    public static Optional<Outcome> fromWire(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(o -> o.wire().equals(t)).findFirst();
    }
}
