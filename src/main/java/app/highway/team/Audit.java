package app.highway.team;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the audit log (who did what, to what, when) and lets supervisors read it. Every control
 * action goes through here: placing and hanging up calls, deleting records, settings, the system
 * message, people and tokens. Details are cut to {@value #MAX_DETAIL} characters and anything shaped
 * like a personal token is masked, as a second guard: callers never put a token or a verification
 * code in a detail in the first place.
 */
public final class Audit {
    private static final Logger log = LoggerFactory.getLogger(Audit.class);
    static final int MAX_DETAIL = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final AuditLog store;
    private final Clock clock;

    public Audit(AuditLog store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Records that {@code who} did {@code action} to {@code target} (may block). Never throws: the
     * action has already happened, so a failure to write is logged with the whole entry instead.
     */
    public void record(Actor who, AuditAction action, String target, String detail) {
        String text = TokenSecrets.redact(detail);
        if (text != null && text.length() > MAX_DETAIL) {
            text = text.substring(0, MAX_DETAIL - 1) + "…";
        }
        Instant at = clock.instant();
        AuditEntry entry = new AuditEntry(newId(at), at, who.user(), action.wire(), target, text);
        try {
            store.append(entry);
        } catch (RuntimeException e) {
            log.error("Could not write to the audit log: {} (entry: {} {} {} {})", e.getMessage(), entry.user(),
                    entry.action(), entry.target(), entry.detail());
        }
    }

    /**
     * The time, a counter and random digits: entries written in the same millisecond by this process sort
     * (by time, then id) in the order they were written; the random digits keep two processes writing in
     * the same millisecond apart.
     */
    private static String newId(Instant at) {
        byte[] random = new byte[3];
        RANDOM.nextBytes(random);
        return String.format("%012x%06x", at.toEpochMilli(), SEQUENCE.getAndIncrement() & 0xFFFFFF)
                + HexFormat.of().formatHex(random);
    }

    /** A page of the log, newest first (may block): supervisors and admins only. */
    public AuditPage read(Actor who, AuditQuery query) {
        if (!who.maySupervise()) {
            throw Refusal.forbidden("The audit log is for supervisors and admins; " + who.describe() + " may not "
                    + "read it");
        }
        return store.page(query);
    }
}
