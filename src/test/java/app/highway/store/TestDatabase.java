package app.highway.store;

import app.highway.config.Json;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/**
 * A database the store's contract tests run on, fresh for each test: SQLite in a temporary data dir,
 * or a schema of its own in a PostgreSQL server, dropped afterwards, so runs never see each other.
 */
interface TestDatabase extends AutoCloseable {
    /** The JDBC URL of this database (with the schema, for PostgreSQL), and how to log in. */
    String url();

    String user();

    String password();

    /** The store's connections to it, migrated to the latest version. */
    StoreConnections connect();

    /** A store for bridge {@code bridgeId}, migrated to the latest version. */
    default SqlCallStore open(String bridgeId) {
        return new SqlCallStore(connect(), bridgeId, Json.mapper());
    }

    /** Migrates only up to {@code version}, as an older release left it. */
    default void migrateTo(String version) {
        Flyway.configure().dataSource(url(), user(), password()).locations("classpath:db/migration")
                .target(version).load().migrate();
    }

    /** Runs one statement outside the store, as another program would. */
    default void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(), user(), password()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    void close();
}
