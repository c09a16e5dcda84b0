package app.highway.team;

import app.highway.event.EventBus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * People and their tokens on a shared bridge, and the rules about them: who a token belongs to
 * ({@link #authenticate}), and what an admin may change (add a person, issue and revoke tokens,
 * disable and enable a person, change a role), each change audited. The API, the command line and
 * the console all go through here, so the rules are the same wherever a change comes from. Every
 * method may block.
 *
 * <p>Nothing is cached: each {@link #authenticate} asks the store, so a token revoked anywhere (this
 * bridge, another bridge on the same database, {@code highway users revoke} while the bridge runs)
 * is refused on its very next request. What stays open after one check (the event stream) hears of
 * revocations through {@link #onRevocation}: at once for those made here, within
 * {@link #POLL_EVERY} for those made elsewhere ({@link #pollRevocations}).
 */
public final class Team {
    private static final Logger log = LoggerFactory.getLogger(Team.class);
    /** How often the bridge looks for revocations made by other processes (the bridge schedules it). */
    public static final Duration POLL_EVERY = Duration.ofSeconds(2);
    /** A token's "last used" is written at most this often, not on every request. */
    static final Duration LAST_USED_STEP = Duration.ofMinutes(1);
    /** How far back each poll looks, so that a revocation stamped by a clock a little behind ours is not missed. */
    private static final Duration POLL_OVERLAP = Duration.ofMinutes(2);
    public static final int MAX_LABEL = 100;

    private final PeopleStore store;
    private final Audit audit;
    private final Clock clock;
    private final EventBus<Revocation> revocations = new EventBus<>();
    /** Revocations already announced, by key, with when they happened: each is announced once. */
    private final Map<String, Instant> announced = new HashMap<>();
    private Instant polledFrom;
    /** Everyone's role at the last poll, to notice a role changed by another process. */
    private final Map<String, Role> roles = new HashMap<>();
    private boolean rolesKnown;

    public Team(PeopleStore store, Audit audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.polledFrom = clock.instant();
    }

    /**
     * Who holds {@code token}: empty for anything that is not a personal token of a person who may
     * act (unknown, revoked, or its holder disabled). Only the token's hash reaches the store.
     */
    public Optional<Authenticated> authenticate(String token) {
        if (!TokenSecrets.looksLikeOne(token)) {
            return Optional.empty();
        }
        Optional<PeopleStore.Holder> found = store.findByHash(TokenSecrets.hash(token));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ApiToken t = found.get().token();
        Person p = found.get().person();
        if (t.revoked() || p.disabled()) {
            log.info("Refused token {} of {}: {}", t.id(), p.user(), t.revoked() ? "revoked" : "the person is disabled");
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (t.lastUsedAt() == null || t.lastUsedAt().isBefore(now.minus(LAST_USED_STEP))) {
            try {
                store.touch(t.id(), now);
            } catch (RuntimeException e) {
                log.debug("Could not record the use of token {}: {}", t.id(), e.getMessage());
            }
        }
        return Optional.of(new Authenticated(p.actor(), Optional.of(t.id())));
    }

    /** Everyone on the bridge (supervisors see who is who, to filter calls by person; admins manage them). */
    public List<Person> people(Actor by) {
        if (!by.maySupervise()) {
            throw Refusal.forbidden("The list of people is for supervisors and admins; " + by.describe()
                    + " may not read it");
        }
        return store.people();
    }

    /** Adds a person; they can act once they have a token ({@link #issueToken}). */
    public Person addPerson(Actor by, String user, String name, Role role) {
        requireAdmin(by, "add people");
        String cleanUser = user == null ? "" : user.strip();
        Person.problemWithUser(cleanUser).ifPresent(problem -> {
            throw new Refusal(Refusal.Kind.INVALID, "invalid_user", problem);
        });
        if (role == null) {
            throw new Refusal(Refusal.Kind.INVALID, "invalid_role", "role must be agent, supervisor or admin");
        }
        String display = name == null || name.isBlank() ? cleanUser : name.strip();
        if (display.length() > Person.MAX_NAME) {
            throw new Refusal(Refusal.Kind.INVALID, "invalid_name", "a name is at most " + Person.MAX_NAME
                    + " characters");
        }
        Person person = new Person(cleanUser, display, role, clock.instant(), null);
        if (!store.addPerson(person)) {
            throw new Refusal(Refusal.Kind.CONFLICT, "user_exists", "There is already a person called " + cleanUser);
        }
        audit.record(by, AuditAction.PERSON_ADD, cleanUser, role.wireName() + ", name \"" + display + "\"");
        log.info("{} added {} ({})", by.user(), cleanUser, role.wireName());
        return person;
    }

    /** A new token for {@code user}, returned once with its secret (only its hash is kept). */
    public IssuedToken issueToken(Actor by, String user, String label) {
        requireAdmin(by, "issue tokens");
        Person person = existing(user);
        if (person.disabled()) {
            throw new Refusal(Refusal.Kind.CONFLICT, "person_disabled", person.user() + " is disabled: no new "
                    + "token is issued to them");
        }
        String cleanLabel = label == null || label.isBlank() ? "token" : label.strip();
        if (cleanLabel.length() > MAX_LABEL) {
            throw new Refusal(Refusal.Kind.INVALID, "invalid_label", "a label is at most " + MAX_LABEL
                    + " characters");
        }
        String secret = TokenSecrets.generate();
        ApiToken token = new ApiToken(TokenSecrets.newId(), person.user(), cleanLabel, clock.instant(), null, null);
        store.addToken(token, TokenSecrets.hash(secret));
        audit.record(by, AuditAction.TOKEN_CREATE, token.id(), "for " + person.user() + ", label \"" + cleanLabel
                + "\"");
        log.info("{} issued token {} to {}", by.user(), token.id(), person.user());
        return new IssuedToken(token, secret);
    }

    /** Tokens, oldest first: one person's, or everyone's when {@code user} is null. Never their secrets. */
    public List<ApiToken> tokens(Actor by, String user) {
        requireAdmin(by, "list tokens");
        if (user != null) {
            existing(user);
        }
        return store.tokens(user);
    }

    /** Revokes a token: refused from its next request on; open connections made with it hear of it. */
    public ApiToken revoke(Actor by, String tokenId) {
        requireAdmin(by, "revoke tokens");
        ApiToken token = store.token(tokenId == null ? "" : tokenId.strip()).orElseThrow(() -> new Refusal(
                Refusal.Kind.NOT_FOUND, "no_such_token", "No token " + tokenId + " (users list shows the ids)"));
        Instant at = clock.instant();
        if (!store.revoke(token.id(), at)) {
            throw new Refusal(Refusal.Kind.CONFLICT, "already_revoked", "Token " + token.id() + " was already "
                    + "revoked");
        }
        audit.record(by, AuditAction.TOKEN_REVOKE, token.id(), token.user() + "'s token \"" + token.label() + "\"");
        log.info("{} revoked token {} of {}", by.user(), token.id(), token.user());
        announce(new Revocation.TokenRevoked(token.id(), token.user(), at));
        return store.token(token.id()).orElse(token);
    }

    /** Disables a person: none of their tokens is accepted any more; their calls and entries stay. */
    public Person disable(Actor by, String user) {
        requireAdmin(by, "disable people");
        Person person = existing(user);
        notYourself(by, person, "disable yourself");
        Instant at = clock.instant();
        if (!store.disable(person.user(), at)) {
            throw new Refusal(Refusal.Kind.CONFLICT, "already_disabled", person.user() + " is already disabled");
        }
        audit.record(by, AuditAction.PERSON_DISABLE, person.user(), "was " + person.role().wireName());
        log.info("{} disabled {}", by.user(), person.user());
        announce(new Revocation.PersonDisabled(person.user(), at));
        return store.person(person.user()).orElse(person);
    }

    /**
     * Lets a disabled person act again: their tokens that were not revoked are accepted again (revoke them
     * first, or issue a new one, if a token may have leaked).
     */
    public Person enable(Actor by, String user) {
        requireAdmin(by, "enable people");
        Person person = existing(user);
        if (!store.enable(person.user())) {
            throw new Refusal(Refusal.Kind.CONFLICT, "not_disabled", person.user() + " is not disabled");
        }
        long accepted = store.tokens(person.user()).stream().filter(t -> !t.revoked()).count();
        audit.record(by, AuditAction.PERSON_ENABLE, person.user(), person.role().wireName() + ", " + accepted
                + " token" + (accepted == 1 ? "" : "s") + " accepted again");
        log.info("{} enabled {}", by.user(), person.user());
        return store.person(person.user()).orElse(person);
    }

    /**
     * Gives a person another role, from their next request on; their open event streams close (they were
     * opened with the old role's view): they connect their console again. An admin may not change their own
     * role (another admin, or the bridge's owner, does), so a console always keeps an admin who can undo it.
     */
    public Person changeRole(Actor by, String user, Role role) {
        requireAdmin(by, "change roles");
        if (role == null) {
            throw new Refusal(Refusal.Kind.INVALID, "invalid_role", "role must be agent, supervisor or admin");
        }
        Person person = existing(user);
        notYourself(by, person, "change your own role");
        if (person.role() == role) {
            throw new Refusal(Refusal.Kind.CONFLICT, "same_role", person.user() + " is already "
                    + (role == Role.SUPERVISOR ? "a " : "an ") + role.wireName());
        }
        if (!store.setRole(person.user(), role)) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "no_such_person", "No person called " + person.user());
        }
        Instant at = clock.instant();
        audit.record(by, AuditAction.PERSON_ROLE, person.user(), person.role().wireName() + " -> " + role.wireName());
        log.info("{} made {} {} (was {})", by.user(), person.user(), role.wireName(), person.role().wireName());
        synchronized (roles) {
            if (roles.containsKey(person.user())) {
                roles.put(person.user(), role);
            }
        }
        announce(new Revocation.RoleChanged(person.user(), role, at));
        return store.person(person.user()).orElse(person);
    }

    /**
     * Tells {@code listener} of every revocation from now on (it runs on the revoking or polling
     * thread and must not block); close the handle to stop.
     */
    public AutoCloseable onRevocation(Consumer<? super Revocation> listener) {
        return revocations.subscribe(listener);
    }

    /**
     * Announces the revocations made by other processes since the last poll (another bridge on the
     * same database, the command line). The bridge calls this every {@link #POLL_EVERY}.
     */
    public void pollRevocations() {
        Instant now = clock.instant();
        List<Revocation> found = new ArrayList<>(store.revocationsSince(polledFrom.minus(POLL_OVERLAP)));
        found.addAll(roleChanges(now));
        found.forEach(this::announce);
        synchronized (announced) {
            polledFrom = now;
            announced.values().removeIf(at -> at.isBefore(now.minus(POLL_OVERLAP.multipliedBy(2))));
        }
    }

    /**
     * The roles that differ from the last poll's (the store keeps no time of a role change, so the people are
     * compared: a short list, read every {@link #POLL_EVERY}). The first poll only learns them.
     */
    private List<Revocation> roleChanges(Instant now) {
        Map<String, Role> current = new HashMap<>();
        store.people().forEach(p -> current.put(p.user(), p.role()));
        List<Revocation> changed = new ArrayList<>();
        synchronized (roles) {
            if (rolesKnown) {
                current.forEach((user, role) -> {
                    Role was = roles.get(user);
                    if (was != null && was != role) {
                        changed.add(new Revocation.RoleChanged(user, role, now));
                    }
                });
            }
            roles.clear();
            roles.putAll(current);
            rolesKnown = true;
        }
        return changed;
    }

    private void announce(Revocation r) {
        if (r instanceof Revocation.RoleChanged) {
            revocations.publish(r); // found once: by the change itself, or by comparing roles
            return;
        }
        // with the time (to the millisecond, as the store keeps it): a person disabled, enabled and disabled
        // again is announced each time
        String key = (r instanceof Revocation.TokenRevoked t ? "token:" + t.tokenId()
                : "person:" + ((Revocation.PersonDisabled) r).user()) + "@" + r.at().toEpochMilli();
        synchronized (announced) {
            if (announced.putIfAbsent(key, r.at()) != null) {
                return;
            }
        }
        revocations.publish(r);
    }

    private Person existing(String user) {
        String clean = user == null ? "" : user.strip();
        return store.person(clean).orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "no_such_person",
                "No person called " + clean));
    }

    /** An admin may not disable themselves or change their own role: another admin (or the owner) does. */
    private static void notYourself(Actor by, Person person, String what) {
        if (by.user().equals(person.user())) {
            throw Refusal.forbidden("You may not " + what + ": another admin (or the bridge's owner, with "
                    + "highway users) must, so that someone can still manage people");
        }
    }

    private static void requireAdmin(Actor by, String what) {
        if (!by.mayAdminister()) {
            throw Refusal.forbidden("Only admins may " + what + "; " + by.describe() + " may not");
        }
    }
}
