package app.highway.campaign;

import java.util.Locale;

/**
 * Where a row stands. {@code pending}: not dialled yet; {@code waiting}: due later (a retry, or outside calling
 * hours); {@code dialling}/{@code in_call}: an attempt is under way; {@code done}: its last attempt's outcome is
 * final; {@code skipped}: a bad row, never dialled; {@code canceled}: the campaign was canceled before it was
 * dialled; {@code needs_review}: the bridge stopped while asking Twilio to ring it (see {@link Recovery}).
 */
public enum RowState {
    PENDING, WAITING, DIALLING, IN_CALL, DONE, SKIPPED, CANCELED, NEEDS_REVIEW;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RowState fromWire(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    /** Nothing more will happen to the row. */
    public boolean isFinal() {
        return this == DONE || this == SKIPPED || this == CANCELED || this == NEEDS_REVIEW;
    }
}
