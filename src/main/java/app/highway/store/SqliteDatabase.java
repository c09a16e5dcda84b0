package app.highway.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/**
 * Opens {@code highway.db} in the data dir, creating it and bringing its schema up to date with
 * the Flyway migrations in {@code db/migration}. This is the one place that knows it is SQLite
 * (the file name, the PRAGMAs); the statements elsewhere are portable so that PostgreSQL can
 * follow with a second factory.
 */
final class SqliteDatabase {
    static final String FILE_NAME = "highway.db";

    private SqliteDatabase() {
    }

    static StoreConnections open(Path dataDir) {
        String url = migrated(dataDir);
        Connection writer = null;
        try {
            writer = tuned(DriverManager.getConnection(url));
            writer.setAutoCommit(false);
            return new StoreConnections(writer, tuned(DriverManager.getConnection(url)));
        } catch (SQLException e) {
            closeQuietly(writer);
            throw new StoreException("Cannot open the call history at " + url, e);
        }
    }

    /**
     * One connection of its own, auto-commit on, to the same file (created and migrated if needed):
     * for a store that writes a row at a time, such as people, tokens and the audit log, and for the
     * command line, which opens it while a bridge may be running on the same file.
     */
    static Connection openOne(Path dataDir) {
        String url = migrated(dataDir);
        try {
            return tuned(DriverManager.getConnection(url));
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
        String url = "jdbc:sqlite:" + dataDir.resolve(FILE_NAME).toAbsolutePath();
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").load().migrate();
        return url;
    }

    /**
     * WAL lets the reader go on while the writer writes; NORMAL sync is durable at each
     * checkpoint and loses at most the last transactions on a power cut, never the file; the busy
     * timeout rides out a checkpoint instead of failing a write.
     */
    private static Connection tuned(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("PRAGMA busy_timeout=5000");
        } catch (SQLException e) {
            closeQuietly(c);
            throw e;
        }
        return c;
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // the error that made us close it is the one to report
        }
    }
}
