package app.highway.store;

import app.highway.config.DatabaseSettings;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the PostgreSQL database a fleet of bridges shares, bringing its schema up to date with the
 * same migrations as SQLite (Flyway takes a lock in the database, so bridges starting together
 * migrate it once). Only {@link DatabaseSettings#maskedUrl()} ever reaches a message.
 */
final class PostgresDatabase {
    /**
     * A bridge writes from one thread, reads for the API and the console, and renews its lease:
     * a few connections are enough, and a fleet of bridges stays well under the server's limit.
     */
    static final int POOL_SIZE = 4;
    private static final Logger log = LoggerFactory.getLogger(PostgresDatabase.class);

    private PostgresDatabase() {
    }

    static StoreConnections open(DatabaseSettings settings) {
        try {
            Migrations.migrate(settings.url(), settings.user(), settings.password().reveal());
            HikariConfig config = new HikariConfig();
            config.setPoolName("highway-store");
            config.setJdbcUrl(settings.url());
            config.setUsername(settings.user());
            config.setPassword(settings.password().reveal());
            config.setMaximumPoolSize(POOL_SIZE);
            config.setMinimumIdle(1);
            config.setConnectionTimeout(10_000);
            HikariDataSource pool = new HikariDataSource(config);
            log.info("Call history in PostgreSQL at {}", settings);
            return new StoreConnections(pool, pool, pool::close);
        } catch (RuntimeException e) {
            throw new StoreException("Cannot open the call history at " + settings.maskedUrl(), e);
        }
    }

    /**
     * One connection of its own, auto-commit on, after the migrations: for the people, tokens and
     * audit store and the command line, as {@link SqliteDatabase#openOne} is on SQLite.
     */
    static java.sql.Connection openOne(DatabaseSettings settings) {
        return openOne(settings, true);
    }

    /** As {@link #openOne(DatabaseSettings)}; without {@code migrate}, the schema is known to be up to date. */
    static java.sql.Connection openOne(DatabaseSettings settings, boolean migrate) {
        try {
            if (migrate) {
                Migrations.migrate(settings.url(), settings.user(), settings.password().reveal());
            }
            return java.sql.DriverManager.getConnection(settings.url(), settings.user(), settings.password().reveal());
        } catch (java.sql.SQLException | RuntimeException e) {
            throw new StoreException("Cannot open the people store at " + settings.maskedUrl(), e);
        }
    }
}
