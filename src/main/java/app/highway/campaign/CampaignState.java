package app.highway.campaign;

import java.util.Locale;

/**
 * A campaign's state: {@code ready} once created (previewed, nothing dialled; also after a test call),
 * {@code running}, {@code paused}, then {@code completed} (every row final) or {@code canceled}.
 */
public enum CampaignState {
    READY, RUNNING, PAUSED, COMPLETED, CANCELED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CampaignState fromWire(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELED;
    }
}
