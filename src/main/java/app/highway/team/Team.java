package app.highway.team;

import app.highway.event.EventBus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * disable a person), each change audited. The API, the command line and the console all go
 * through here, so the rules are the same wherever a change comes from. Every method may block.
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
        List<Revocation> found = store.revocationsSince(polledFrom.minus(POLL_OVERLAP));
        found.forEach(this::announce);
        synchronized (announced) {
            polledFrom = now;
            announced.values().removeIf(at -> at.isBefore(now.minus(POLL_OVERLAP.multipliedBy(2))));
        }
    }

    private void announce(Revocation r) {
        String key = r instanceof Revocation.TokenRevoked t ? "token:" + t.tokenId()
                : "person:" + ((Revocation.PersonDisabled) r).user();
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

    private static void requireAdmin(Actor by, String what) {
        if (!by.mayAdminister()) {
            throw Refusal.forbidden("Only admins may " + what + "; " + by.describe() + " may not");
        }
    }
}
