package app.highway.stream;

import app.highway.team.Actor;
import java.util.Objects;

/**
 * Who holds an event stream: the person and role its token stands for, and which token it is, so
 * that revoking a token or removing a person closes exactly their streams.
 *
 * @param actor   who is watching, and so which calls they may see
 * @param tokenId an identifier of the token (never the token itself)
 */
public record Viewer(Actor actor, String tokenId) {
    public Viewer {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(tokenId, "tokenId");
    }
}
