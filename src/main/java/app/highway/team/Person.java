package app.highway.team;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A person on a shared bridge: a unique user name (what the board shows as "placed by" and the
 * audit log records), a display name, a role. A disabled person stays (their calls and audit
 * entries still name them) but none of their tokens is accepted any more.
 *
 * @param user       unique, lower case: letters, digits, {@code . _ -}
 * @param name       the display name, for people ("Alice Liddell")
 * @param disabledAt when they were disabled, or null while they may act
 */
public record Person(String user, String name, Role role, Instant createdAt, Instant disabledAt) {
    /** The longest user name (the store's column is as wide). */
    public static final int MAX_USER = 40;
    public static final int MAX_NAME = 100;
    private static final Pattern USER = Pattern.compile("[a-z0-9][a-z0-9._-]{0," + (MAX_USER - 1) + "}");

    public Person {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean disabled() {
        return disabledAt != null;
    }

    /** Who this person is when they act. */
    public Actor actor() {
        return new Actor(user, role);
    }

    /**
     * What is wrong with {@code user} as a new user name, if anything: the shape, and the one name
     * taken by the bridge's own token ({@link Actor#OWNER}), which no person may share.
     */
    public static Optional<String> problemWithUser(String user) {
        if (user == null || !USER.matcher(user).matches()) {
            return Optional.of("a user name is 1 to " + MAX_USER + " characters: lower-case letters, digits, "
                    + "'.', '_' or '-', starting with a letter or digit (e.g. alice, j.doe)");
        }
        if (user.equals(Actor.OWNER.user())) {
            return Optional.of("'" + user + "' is the bridge's own token (HIGHWAY_API_TOKEN): choose another name");
        }
        return Optional.empty();
    }
}
