package app.highway.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a call does when Twilio's answering-machine detection says a machine answered: {@code off} (no
 * detection asked for: the assistant greets at once, as before), {@code message} (leave the voicemail callback
 * message after the beep, then hang up) or {@code hang_up} (hang up at once). The verification code is never
 * spoken to a machine either way.
 */
public enum VoicemailPolicy {
    OFF, MESSAGE, HANG_UP;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Detection is asked of Twilio for this call. */
    public boolean detects() {
        return this != OFF;
    }

    /** {@code off}, {@code message}, {@code hang_up} (also {@code hang-up}, any case); empty for anything else. */
    public static Optional<VoicemailPolicy> fromWire(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(p -> p.wire().equals(t)).findFirst();
    }

    /** The words accepted, for error messages. */
    public static String choices() {
        return "off, message or hang_up";
    }
}
