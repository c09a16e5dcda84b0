package app.highway.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code highway.db} in a fresh temporary data dir. */
final class SqliteTestDatabase implements TestDatabase {
    final Path dataDir;

    SqliteTestDatabase() {
        try {
            dataDir = Files.createTempDirectory("highway-store");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String url() {
        return "jdbc:sqlite:" + dataDir.resolve(SqliteDatabase.FILE_NAME).toAbsolutePath();
    }

    @Override
    public String user() {
        return null;
    }

    @Override
    public String password() {
        return null;
    }

    @Override
    public StoreConnections connect() {
        return SqliteDatabase.open(dataDir);
    }

    @Override
    public void close() {
        // the temporary dir is left for the system to clear, as the other tests' data dirs are
    }
}
