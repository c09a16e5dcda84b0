package app.highway.team;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where people and their tokens are kept (the store package implements it in SQL). Every method
 * may block. Nothing here decides who may do what: that is {@link Team}'s.
 */
public interface PeopleStore {
    /** A token and the person it belongs to, as one lookup finds them. */
    record Holder(ApiToken token, Person person) { }

    /** Adds a person; false if the user name is taken. */
    boolean addPerson(Person person);

    Optional<Person> person(String user);

    /** Everyone, disabled people included, by user name. */
    List<Person> people();

    /** Marks a person disabled at {@code at}; false if there is no such person or they already were. */
    boolean disable(String user, Instant at);

    /** Lets a disabled person act again; false if there is no such person or they were not disabled. */
    boolean enable(String user);

    /** Gives a person another role; false if there is no such person. */
    boolean setRole(String user, Role role);

    /** Keeps a new token: its metadata and the SHA-256 of its secret, never the secret. */
    void addToken(ApiToken token, String hash);

    /** The token with this hash and its holder, revoked or not. */
    Optional<Holder> findByHash(String hash);

    Optional<ApiToken> token(String id);

    /** Tokens, oldest first: one person's, or everyone's when {@code user} is null. */
    List<ApiToken> tokens(String user);

    /** Marks a token revoked at {@code at}; false if there is no such token or it already was. */
    boolean revoke(String id, Instant at);

    /** Records that a token was just used. */
    void touch(String id, Instant at);

    /** Tokens revoked and people disabled at or after {@code since}, by whichever process did it. */
    List<Revocation> revocationsSince(Instant since);
}
