package app.highway.team;

/** Where the audit log is kept (the store package implements it in SQL). Both methods may block. */
public interface AuditLog {
    void append(AuditEntry entry);

    AuditPage page(AuditQuery query);
}
