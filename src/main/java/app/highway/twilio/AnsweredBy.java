package app.highway.twilio;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Twilio's answering-machine verdict ({@code AnsweredBy} of the {@code AsyncAmdStatusCallback}). With
 * {@code MachineDetection=DetectMessageEnd} a machine is reported once its greeting ended: {@code machine_end_beep},
 * {@code machine_end_silence} or {@code machine_end_other}; with {@code Enable}, as soon as it is recognised:
 * {@code machine_start}. {@code unknown}: Twilio could not tell within its detection timeout.
 */
public enum AnsweredBy {
    HUMAN, MACHINE_START, MACHINE_END_BEEP, MACHINE_END_SILENCE, MACHINE_END_OTHER, FAX, UNKNOWN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** An answering machine (not a fax). */
    public boolean isMachine() {
        return this == MACHINE_START || this == MACHINE_END_BEEP || this == MACHINE_END_SILENCE
                || this == MACHINE_END_OTHER;
    }

    /** A machine whose greeting is over: a message left now is recorded. */
    public boolean greetingEnded() {
        return this == MACHINE_END_BEEP || this == MACHINE_END_SILENCE || this == MACHINE_END_OTHER;
    }

    /** A person, or nobody could tell: the call goes on as with a person. */
    public boolean goesOn() {
        return this == HUMAN || this == UNKNOWN;
    }

    public static Optional<AnsweredBy> fromWire(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.wire().equals(t)).findFirst();
    }
}
