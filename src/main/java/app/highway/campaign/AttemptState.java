package app.highway.campaign;

import java.util.Locale;

/**
 * An attempt's progress as written to the store: {@code dialling} before Twilio is asked (so a restart knows a
 * request may have gone out), {@code placed} once Twilio gave its CallSid, {@code ended} with an outcome.
 */
public enum AttemptState {
    DIALLING, PLACED, ENDED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AttemptState fromWire(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
