package app.highway.team;

/**
 * A page of the audit log, newest first: optionally one person's entries or one action's;
 * {@code cursor} comes from the previous page.
 */
public record AuditQuery(String user, String action, int limit, String cursor) {
    public static final int MAX_LIMIT = 500;

    /** The newest {@code limit} entries. */
    public static AuditQuery latest(int limit) {
        return new AuditQuery(null, null, limit, null);
    }

    public AuditQuery withCursor(String next) {
        return new AuditQuery(user, action, limit, next);
    }
}
