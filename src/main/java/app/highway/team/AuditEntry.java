package app.highway.team;

import java.time.Instant;

/**
 * One line of the audit log: who did what, to what, when.
 *
 * @param user   the user name of whoever acted ({@code owner} for the bridge's own token)
 * @param action what was done, a word of {@link AuditAction} ({@code call.place}, {@code token.revoke}, …)
 * @param target what it was done to: a call id, a user name, a token id (may be null)
 * @param detail more, in words; never a token or a verification code
 */
public record AuditEntry(String id, Instant at, String user, String action, String target, String detail) { }
