package app.highway.store;

import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The call history in SQL through JDBC. Writes go through one connection and one transaction
 * per operation ({@link CallWriter}); reads through another ({@link CallReader}), so that with
 * SQLite's WAL a read never waits for a write. Only portable SQL: PostgreSQL can follow with
 * another factory next to {@link #sqlite}.
 */
public final class SqlCallStore implements CallStore {
    private final StoreConnections connections;
    private final CallWriter writer;
    private final CallReader reader;

    SqlCallStore(StoreConnections connections, ObjectMapper json) {
        this.connections = connections;
        this.writer = new CallWriter(connections.writer(), json);
        this.reader = new CallReader(connections.reader(), json);
    }

    /** Opens (creating and migrating if needed) {@code highway.db} in the data dir, in WAL mode. */
    public static SqlCallStore sqlite(Path dataDir, ObjectMapper json) {
        return new SqlCallStore(SqliteDatabase.open(dataDir), json);
    }

    @Override
    public void save(Collection<CallSnapshot> calls) {
        writer.save(calls);
    }

    @Override
    public Optional<CallSnapshot> find(String idOrSid) {
        return reader.find(idOrSid);
    }

    @Override
    public CallPage list(CallQuery query) {
        return reader.list(query);
    }

    @Override
    public List<CallSnapshot> unfinished() {
        return reader.unfinished();
    }

    @Override
    public void markEnded(String id, CallState state, String endReason, Instant at, String note) {
        writer.markEnded(id, state, endReason, at, note);
    }

    @Override
    public boolean delete(String id) {
        return writer.delete(id);
    }

    /** One transaction per call, so a long purge never holds the writer from live calls for long. */
    @Override
    public int deleteCreatedBefore(Instant cutoff) {
        int n = 0;
        for (String id : reader.finishedBefore(cutoff)) {
            n += writer.delete(id) ? 1 : 0;
        }
        return n;
    }

    @Override
    public void close() {
        connections.close();
    }
}
