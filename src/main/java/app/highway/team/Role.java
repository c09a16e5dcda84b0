package app.highway.team;

import java.util.Locale;
import java.util.Optional;

/**
 * What a person may do on a bridge. Each role includes the one before it: an {@code AGENT} places
 * calls and sees their own, a {@code SUPERVISOR} also sees every call, hangs up any and edits
 * settings and system messages, an {@code ADMIN} also manages people and tokens.
 */
public enum Role {
    AGENT, SUPERVISOR, ADMIN;

    /** True if this role includes {@code other}'s rights. */
    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    /** The lower-case name used on the wire, in the CLI and in the store. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code agent}, {@code supervisor} or {@code admin} (any case). */
    public static Optional<Role> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (Role role : values()) {
            if (role.name().equalsIgnoreCase(text.trim())) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
