package app.highway.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens {@code highway.db} in the data dir, creating it and bringing its schema up to date. This is
 * the one place that knows it is SQLite (the file name, the PRAGMAs); the statements elsewhere are
 * portable, and {@link PostgresDatabase} is the other factory.
 */
final class SqliteDatabase {
    static final String FILE_NAME = "highway.db";

    private SqliteDatabase() {
    }

    static StoreConnections open(Path dataDir) {
        String url = migrated(dataDir);
        HikariDataSource writer = null;
        try {
            writer = pool("highway-sqlite-writer", url, true);
            HikariDataSource reader = pool("highway-sqlite-reader", url, false);
            HikariDataSource w = writer;
            return new StoreConnections(writer, reader, () -> {
                try (w; reader) {
                    // both closed, even if one fails
                }
            });
        } catch (RuntimeException e) {
            if (writer != null) {
                writer.close();
            }
            throw new StoreException("Cannot open the call history at " + url, e);
        }
    }

    /**
     * One connection of its own, auto-commit on, to the same file (created and migrated if needed):
     * for a store that writes a row at a time, such as people, tokens and the audit log, and for the
     * command line, which opens it while a bridge may be running on the same file.
     */
    static Connection openOne(Path dataDir) {
        return openOne(dataDir, true);
    }

    /** As {@link #openOne(Path)}; without {@code migrate}, the schema is known to be up to date already. */
    static Connection openOne(Path dataDir, boolean migrate) {
        String url = migrate ? migrated(dataDir) : url(dataDir);
        Properties pragmas = new Properties();
        pragmas.setProperty("journal_mode", "WAL");
        pragmas.setProperty("synchronous", "NORMAL");
        pragmas.setProperty("busy_timeout", "5000");
        try {
            return DriverManager.getConnection(url, pragmas);
        } catch (SQLException e) {
            throw new StoreException("Cannot open the database at " + url, e);
        }
    }

    private static String migrated(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data dir " + dataDir, e);
        }
        String url = url(dataDir);
        Migrations.migrate(url, null, null);
        return url;
    }

    private static String url(Path dataDir) {
        return "jdbc:sqlite:" + dataDir.resolve(FILE_NAME).toAbsolutePath();
    }

    /**
     * One connection that lives as long as the store (nothing on the other side times it out). WAL
     * lets the reader go on while the writer writes; NORMAL sync is durable at each checkpoint and
     * loses at most the last transactions on a power cut, never the file; the busy timeout rides out
     * a checkpoint instead of failing a write. sqlite-jdbc applies PRAGMAs given as connection
     * properties on every connection it opens.
     *
     * <p>The writer's transactions begin {@code IMMEDIATE}: each takes the write lock when it begins
     * (when the store turns auto-commit off), so a second writer on the same file (another store, a
     * tool) waits out the busy timeout instead of failing halfway when it upgrades a read to a write.
     * The pool commits each statement by itself between transactions (the pool turns auto-commit back
     * on when a connection is given back), so an idle writer holds no lock.
     */
    private static HikariDataSource pool(String name, String url, boolean writer) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(1);
        config.setMaxLifetime(0);
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("synchronous", "NORMAL");
        config.addDataSourceProperty("busy_timeout", "5000");
        if (writer) {
            config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        }
        return new HikariDataSource(config);
    }
}
