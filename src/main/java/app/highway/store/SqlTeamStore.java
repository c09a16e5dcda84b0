package app.highway.store;

import app.highway.config.DatabaseSettings;
import app.highway.team.AuditLog;
import app.highway.team.PeopleStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * People, tokens and the audit log in the same database as the call history, on a connection of
 * their own (so that a token lookup never waits behind the call writer's batch). Opened by the
 * bridge and by the command line ({@code highway users …}), possibly both at once on one file:
 * every write is one auto-committed statement, and SQLite's busy timeout rides out the other's.
 */
public final class SqlTeamStore implements AutoCloseable {
    private final Connection connection;
    private final SqlPeopleStore people;
    private final SqlAuditLog audit;

    SqlTeamStore(Connection connection) {
        this.connection = connection;
        this.people = new SqlPeopleStore(connection);
        this.audit = new SqlAuditLog(connection);
    }

    /**
     * Opens (creating and migrating if needed) the PostgreSQL database of {@code database} if it has a
     * URL, else {@code highway.db} in the data dir: the same database as the call history.
     */
    public static SqlTeamStore open(DatabaseSettings database, Path dataDir) {
        return new SqlTeamStore(database.isPostgres() ? PostgresDatabase.openOne(database)
                : SqliteDatabase.openOne(dataDir));
    }

    /**
     * As {@link #open}, beside a call store already opened on the same database by this process, which brought
     * its schema up to date: the migrations are not checked a second time (a bridge's start does not pay for
     * Flyway twice).
     */
    public static SqlTeamStore besideCallStore(DatabaseSettings database, Path dataDir) {
        return new SqlTeamStore(database.isPostgres() ? PostgresDatabase.openOne(database, false)
                : SqliteDatabase.openOne(dataDir, false));
    }

    /** Opens (creating and migrating if needed) {@code highway.db} in the data dir. */
    public static SqlTeamStore sqlite(Path dataDir) {
        return new SqlTeamStore(SqliteDatabase.openOne(dataDir));
    }

    public PeopleStore people() {
        return people;
    }

    public AuditLog audit() {
        return audit;
    }

    @Override
    public void close() {
        synchronized (connection) {
            try {
                connection.close();
            } catch (SQLException e) {
                throw new StoreException("Could not close the people store", e);
            }
        }
    }
}
