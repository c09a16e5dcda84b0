package app.highway.store;

import javax.sql.DataSource;

/**
 * Where a store borrows its connections, one per operation (closing one gives it back): every write
 * transaction from {@code writer}, every read from {@code reader}. SQLite allows one writer at a
 * time, so there they are two pools of one connection each, and in WAL mode a read never waits for a
 * write; PostgreSQL serves both from one small pool, which also replaces a connection the server or
 * the network dropped. {@code closer} closes the pools.
 */
record StoreConnections(DataSource writer, DataSource reader, Runnable closer) implements AutoCloseable {
    @Override
    public void close() {
        closer.run();
    }
}
