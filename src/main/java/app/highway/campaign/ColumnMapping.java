package app.highway.campaign;

import java.util.Locale;

/**
 * Which columns of a list hold the number, the code and the note (as the user named them); every other
 * column is a template variable ({@code {{first_name}}}). Column names compare without case or spaces around.
 */
public record ColumnMapping(String to, String verification, String note) {
    public static final ColumnMapping DEFAULT = new ColumnMapping("to", "verification", "note");

    public ColumnMapping {
        to = blankTo(to, DEFAULT_TO);
        verification = blankTo(verification, DEFAULT_VERIFICATION);
        note = blankTo(note, DEFAULT_NOTE);
    }

    private static final String DEFAULT_TO = "to";
    private static final String DEFAULT_VERIFICATION = "verification";
    private static final String DEFAULT_NOTE = "note";

    static String key(String column) {
        return column == null ? "" : column.strip().toLowerCase(Locale.ROOT);
    }

    boolean isMapped(String column) {
        String k = key(column);
        return k.equals(key(to)) || k.equals(key(verification)) || k.equals(key(note));
    }

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
