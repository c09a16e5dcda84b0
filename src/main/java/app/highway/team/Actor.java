package app.highway.team;

import java.util.Objects;

/**
 * Who is acting: the person a token belongs to, with their role. The bridge's own token
 * ({@code HIGHWAY_API_TOKEN} or the generated {@code api-token} file, which the embedded console
 * uses) acts as {@link #OWNER}, an admin.
 *
 * @param user the person's user name (unique on a bridge, shown on the board as "placed by")
 * @param role what they may do
 */
public record Actor(String user, Role role) {
    /** The bridge's own token: the person who runs it. */
    public static final Actor OWNER = new Actor("owner", Role.ADMIN);

    public Actor {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(role, "role");
    }

    /** May this actor see (and follow live) a call placed by {@code placedBy}? */
    public boolean maySee(String placedBy) {
        return role.atLeast(Role.SUPERVISOR) || user.equals(placedBy);
    }

    /** May this actor hang up a call placed by {@code placedBy}? Agents their own, supervisors any. */
    public boolean mayHangUp(String placedBy) {
        return maySee(placedBy);
    }

    /** Settings, system messages, the audit log: supervisors and admins. */
    public boolean maySupervise() {
        return role.atLeast(Role.SUPERVISOR);
    }

    /** "alice (an agent)": who this is, for messages that refuse something. */
    public String describe() {
        return user + " (" + (role == Role.SUPERVISOR ? "a " : "an ") + role.wireName() + ")";
    }

    /** People and tokens: admins only. */
    public boolean mayAdminister() {
        return role.atLeast(Role.ADMIN);
    }
}
