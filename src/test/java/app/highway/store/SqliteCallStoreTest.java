package app.highway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import app.highway.call.CallState;
import app.highway.config.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The call history contract on SQLite (a real file in a temporary data dir), and what only SQLite has. */
@Tag("unit")
class SqliteCallStoreTest extends CallStoreContract {
    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }

    private Path dataDir() {
        return ((SqliteTestDatabase) db).dataDir;
    }

    @Test
    void theDatabaseFileNeverHoldsTheCode() throws Exception {
        store.save(List.of(call("hw-0001", Instant.now(), CallState.COMPLETED, null)));
        store.close();
        store = SqlCallStore.sqlite(dataDir(), Json.mapper());
        try (var files = Files.list(dataDir())) {
            for (Path f : files.toList()) {
                String bytes = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertFalse(bytes.contains("4, 5, 6, 7") || bytes.contains("Four five six seven"), f.toString());
            }
        }
    }

    @Test
    void theWriterAndReaderRunInWalModeAndWaitOutABusyFile() throws Exception {
        try (StoreConnections connections = SqliteDatabase.open(dataDir())) {
            for (var source : List.of(connections.writer(), connections.reader())) {
                try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
                    assertEquals("wal", single(s, "PRAGMA journal_mode"));
                    assertEquals("1", single(s, "PRAGMA synchronous"), "NORMAL");
                    assertEquals("5000", single(s, "PRAGMA busy_timeout"));
                }
            }
        }
    }

    private static String single(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
