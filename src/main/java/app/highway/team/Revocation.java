package app.highway.team;

import java.time.Instant;

/**
 * A token stops being accepted: it was revoked, or its holder was disabled; or it is accepted with another
 * role than before (its holder's role changed). Requests check the store
 * each time, so they are refused at once anyway; this is for what stays open after one check (the
 * event stream's sockets), which listens ({@link Team#onRevocation}) and closes what {@link #covers}.
 */
public sealed interface Revocation {
    /** Whether a connection opened as {@code who} must end now. */
    boolean covers(Authenticated who);

    Instant at();

    /** One token revoked; its holder's other tokens still work. */
    record TokenRevoked(String tokenId, String user, Instant at) implements Revocation {
        @Override
        public boolean covers(Authenticated who) {
            return who.tokenId().filter(tokenId::equals).isPresent();
        }
    }

    /** A person disabled: every token of theirs is refused. */
    record PersonDisabled(String user, Instant at) implements Revocation {
        @Override
        public boolean covers(Authenticated who) {
            return who.tokenId().isPresent() && who.actor().user().equals(user);
        }
    }

    /**
     * A person's role changed: what their open connections were allowed to see was decided with the old
     * one, so those close (the person connects their console again, as the new role).
     */
    record RoleChanged(String user, Role role, Instant at) implements Revocation {
        @Override
        public boolean covers(Authenticated who) {
            return who.tokenId().isPresent() && who.actor().user().equals(user) && who.actor().role() != role;
        }
    }
}
