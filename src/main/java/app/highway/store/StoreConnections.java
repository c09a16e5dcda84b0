package app.highway.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The two connections a store works with: SQLite allows one writer at a time, so every write goes
 * through {@code writer} (auto-commit off, one transaction per batch) while reads use
 * {@code reader} and, in WAL mode, never wait for a write to finish.
 */
record StoreConnections(Connection writer, Connection reader) implements AutoCloseable {
    @Override
    public void close() {
        try (Connection w = writer; Connection r = reader) {
            // both closed, even if one fails
        } catch (SQLException e) {
            throw new StoreException("Could not close the call history", e);
        }
    }
}
