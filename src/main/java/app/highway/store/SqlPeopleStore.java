package app.highway.store;

import app.highway.team.ApiToken;
import app.highway.team.PeopleStore;
import app.highway.team.Person;
import app.highway.team.Revocation;
import app.highway.team.Role;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * People and their tokens in SQL ({@code people}, {@code tokens}), one statement at a time on the
 * connection it is given (auto-commit; used by one thread at a time: it locks the connection).
 * Other processes may write the same tables meanwhile (the command line, other bridges), so nothing
 * read is kept.
 */
final class SqlPeopleStore implements PeopleStore {
    private static final String PERSON = "user_name, display_name, role, created_at, disabled_at";
    private static final String TOKEN = "id, user_name, label, created_at, last_used_at, revoked_at";

    private final Connection db;

    SqlPeopleStore(Connection db) {
        this.db = db;
    }

    @Override
    public boolean addPerson(Person p) {
        synchronized (db) {
            try {
                if (person(p.user()).isPresent()) {
                    return false;
                }
                try (PreparedStatement s = db.prepareStatement("INSERT INTO people (" + PERSON
                        + ") VALUES (?, ?, ?, ?, ?)")) {
                    s.setString(1, p.user());
                    s.setString(2, p.name());
                    s.setString(3, p.role().wireName());
                    s.setLong(4, p.createdAt().toEpochMilli());
                    SqlTimes.set(s, 5, p.disabledAt());
                    s.executeUpdate();
                }
                return true;
            } catch (SQLException e) {
                if (person(p.user()).isPresent()) {
                    return false; // another process added the same name between our look and our insert
                }
                throw new StoreException("Could not add " + p.user(), e);
            }
        }
    }

    @Override
    public Optional<Person> person(String user) {
        List<Person> found = people("SELECT " + PERSON + " FROM people WHERE user_name = ?", user);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public List<Person> people() {
        return people("SELECT " + PERSON + " FROM people ORDER BY user_name", null);
    }

    private List<Person> people(String sql, String arg) {
        synchronized (db) {
            try (PreparedStatement q = db.prepareStatement(sql)) {
                if (arg != null) {
                    q.setString(1, arg);
                }
                List<Person> people = new ArrayList<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        people.add(person(rs));
                    }
                }
                return people;
            } catch (SQLException e) {
                throw new StoreException("Could not read people", e);
            }
        }
    }

    @Override
    public boolean disable(String user, Instant at) {
        return update("UPDATE people SET disabled_at = ? WHERE user_name = ? AND disabled_at IS NULL", at, user,
                "disable " + user);
    }

    @Override
    public boolean enable(String user) {
        synchronized (db) {
            try (PreparedStatement s = db.prepareStatement(
                    "UPDATE people SET disabled_at = NULL WHERE user_name = ? AND disabled_at IS NOT NULL")) {
                s.setString(1, user);
                return s.executeUpdate() > 0;
            } catch (SQLException e) {
                throw new StoreException("Could not enable " + user, e);
            }
        }
    }

    @Override
    public boolean setRole(String user, Role role) {
        synchronized (db) {
            try (PreparedStatement s = db.prepareStatement("UPDATE people SET role = ? WHERE user_name = ?")) {
                s.setString(1, role.wireName());
                s.setString(2, user);
                return s.executeUpdate() > 0;
            } catch (SQLException e) {
                throw new StoreException("Could not change the role of " + user, e);
            }
        }
    }

    @Override
    public void addToken(ApiToken t, String hash) {
        synchronized (db) {
            try (PreparedStatement s = db.prepareStatement("INSERT INTO tokens (" + TOKEN
                    + ", token_hash) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, t.id());
                s.setString(2, t.user());
                s.setString(3, t.label());
                s.setLong(4, t.createdAt().toEpochMilli());
                SqlTimes.set(s, 5, t.lastUsedAt());
                SqlTimes.set(s, 6, t.revokedAt());
                s.setString(7, hash);
                s.executeUpdate();
            } catch (SQLException e) {
                throw new StoreException("Could not keep token " + t.id() + " of " + t.user(), e);
            }
        }
    }

    @Override
    public Optional<Holder> findByHash(String hash) {
        synchronized (db) {
            try (PreparedStatement q = db.prepareStatement("SELECT t.id, t.user_name, t.label, t.created_at, "
                    + "t.last_used_at, t.revoked_at, p.display_name, p.role, p.created_at AS person_created_at, "
                    + "p.disabled_at FROM tokens t JOIN people p ON p.user_name = t.user_name WHERE t.token_hash = ?")) {
                q.setString(1, hash);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    ApiToken token = token(rs);
                    Person person = new Person(token.user(), rs.getString("display_name"), role(rs),
                            Instant.ofEpochMilli(rs.getLong("person_created_at")), SqlTimes.get(rs, "disabled_at"));
                    return Optional.of(new Holder(token, person));
                }
            } catch (SQLException e) {
                throw new StoreException("Could not look a token up", e);
            }
        }
    }

    @Override
    public Optional<ApiToken> token(String id) {
        List<ApiToken> found = tokens("SELECT " + TOKEN + " FROM tokens WHERE id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public List<ApiToken> tokens(String user) {
        return user == null ? tokens("SELECT " + TOKEN + " FROM tokens ORDER BY created_at, id", null)
                : tokens("SELECT " + TOKEN + " FROM tokens WHERE user_name = ? ORDER BY created_at, id", user);
    }

    private List<ApiToken> tokens(String sql, String arg) {
        synchronized (db) {
            try (PreparedStatement q = db.prepareStatement(sql)) {
                if (arg != null) {
                    q.setString(1, arg);
                }
                List<ApiToken> tokens = new ArrayList<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        tokens.add(token(rs));
                    }
                }
                return tokens;
            } catch (SQLException e) {
                throw new StoreException("Could not read tokens", e);
            }
        }
    }

    @Override
    public boolean revoke(String id, Instant at) {
        return update("UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", at, id, "revoke " + id);
    }

    @Override
    public void touch(String id, Instant at) {
        update("UPDATE tokens SET last_used_at = ? WHERE id = ?", at, id, "record the use of " + id);
    }

    @Override
    public List<Revocation> revocationsSince(Instant since) {
        synchronized (db) {
            List<Revocation> found = new ArrayList<>();
            try {
                try (PreparedStatement q = db.prepareStatement(
                        "SELECT id, user_name, revoked_at FROM tokens WHERE revoked_at >= ? ORDER BY revoked_at")) {
                    q.setLong(1, since.toEpochMilli());
                    try (ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            found.add(new Revocation.TokenRevoked(rs.getString(1), rs.getString(2),
                                    Instant.ofEpochMilli(rs.getLong(3))));
                        }
                    }
                }
                try (PreparedStatement q = db.prepareStatement(
                        "SELECT user_name, disabled_at FROM people WHERE disabled_at >= ? ORDER BY disabled_at")) {
                    q.setLong(1, since.toEpochMilli());
                    try (ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            found.add(new Revocation.PersonDisabled(rs.getString(1),
                                    Instant.ofEpochMilli(rs.getLong(2))));
                        }
                    }
                }
                return found;
            } catch (SQLException e) {
                throw new StoreException("Could not read revocations", e);
            }
        }
    }

    /** One UPDATE of a time by key; true if it changed a row. */
    private boolean update(String sql, Instant at, String key, String what) {
        synchronized (db) {
            try (PreparedStatement s = db.prepareStatement(sql)) {
                s.setLong(1, at.toEpochMilli());
                s.setString(2, key);
                return s.executeUpdate() > 0;
            } catch (SQLException e) {
                throw new StoreException("Could not " + what, e);
            }
        }
    }

    private static Person person(ResultSet rs) throws SQLException {
        return new Person(rs.getString("user_name"), rs.getString("display_name"), role(rs),
                Instant.ofEpochMilli(rs.getLong("created_at")), SqlTimes.get(rs, "disabled_at"));
    }

    private static ApiToken token(ResultSet rs) throws SQLException {
        return new ApiToken(rs.getString("id"), rs.getString("user_name"), rs.getString("label"),
                Instant.ofEpochMilli(rs.getLong("created_at")), SqlTimes.get(rs, "last_used_at"),
                SqlTimes.get(rs, "revoked_at"));
    }

    /** A role written by a newer bridge that this one does not know acts as the least: an agent. */
    private static Role role(ResultSet rs) throws SQLException {
        return Role.parse(rs.getString("role")).orElse(Role.AGENT);
    }
}
