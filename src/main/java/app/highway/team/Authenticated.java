package app.highway.team;

import java.util.Objects;
import java.util.Optional;

/**
 * Who presented a request's token: the actor, and which personal token it was (empty for the
 * bridge's own token). Kept with a long-lived connection (the event stream), so that a
 * {@link Revocation} can tell whether it ends that connection.
 */
public record Authenticated(Actor actor, Optional<String> tokenId) {
    /** The bridge's own token ({@code HIGHWAY_API_TOKEN} or the api-token file): the owner. */
    public static final Authenticated OWNER = new Authenticated(Actor.OWNER, Optional.empty());

    public Authenticated {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(tokenId, "tokenId");
    }
}
