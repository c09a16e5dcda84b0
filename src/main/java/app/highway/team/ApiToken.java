package app.highway.team;

import java.time.Instant;
import java.util.Objects;

/**
 * A person's API token as the bridge lists it: an id to name it by (to revoke it, in the audit
 * log), whose it is, a label, and when it was made, last used and revoked. Never the token itself,
 * which only its holder has; the store keeps its hash ({@link TokenSecrets}).
 *
 * @param lastUsedAt to the minute or so (not written on every request), null if never used
 * @param revokedAt  null while it is accepted
 */
public record ApiToken(String id, String user, String label, Instant createdAt, Instant lastUsedAt,
        Instant revokedAt) {
    public ApiToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean revoked() {
        return revokedAt != null;
    }
}
