package app.highway.store;

import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import app.highway.config.DatabaseSettings;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The call history in SQL through JDBC, on SQLite or PostgreSQL with the same statements. Writes go
 * through one transaction per operation ({@link CallWriter}), reads through connections of their
 * own ({@link CallReader}), so that with SQLite's WAL a read never waits for a write. The store
 * belongs to one bridge ({@code bridgeId}): the calls it inserts are recorded as that bridge's, and
 * {@link #ownUnfinished()} finds only those; {@link #leases()} is the fleet's lease table.
 */
public final class SqlCallStore implements CallStore {
    private final StoreConnections connections;
    private final String bridgeId;
    private final CallWriter writer;
    private final CallReader reader;
    private final BridgeLeases leases;
    private final SqlSharedSettings shared;
    private final SqlCampaignStore campaigns;

    /** {@code bridgeId} may be null: a store that only reads, or whose calls belong to no bridge. */
    SqlCallStore(StoreConnections connections, String bridgeId, ObjectMapper json) {
        this.connections = connections;
        this.bridgeId = bridgeId;
        this.writer = new CallWriter(connections.writer(), json, bridgeId);
        this.reader = new CallReader(connections.reader(), json);
        this.leases = new BridgeLeases(connections.writer(), connections.reader());
        this.shared = new SqlSharedSettings(connections.writer(), connections.reader());
        this.campaigns = new SqlCampaignStore(connections.writer(), connections.reader(), json);
    }

    /**
     * Opens (creating and migrating if needed) the bridge's call history: the PostgreSQL database of
     * {@code database} if it has a URL, else {@code highway.db} in the data dir.
     */
    public static SqlCallStore open(DatabaseSettings database, Path dataDir, String bridgeId, ObjectMapper json) {
        StoreConnections connections = database.isPostgres() ? PostgresDatabase.open(database)
                : SqliteDatabase.open(dataDir);
        return new SqlCallStore(connections, bridgeId, json);
    }

    /**
     * Opens {@code highway.db} in the data dir, in WAL mode, for a reader or a tool: the calls it
     * inserts belong to no bridge.
     */
    public static SqlCallStore sqlite(Path dataDir, ObjectMapper json) {
        return new SqlCallStore(SqliteDatabase.open(dataDir), null, json);
    }

    /** The bridge this store belongs to (null: none). */
    public String bridgeId() {
        return bridgeId;
    }

    /** The fleet's leases, in the same database. */
    public BridgeLeases leases() {
        return leases;
    }

    /** The call settings, prices and system-message versions every bridge of the fleet shares, in the same database. */
    public SqlSharedSettings shared() {
        return shared;
    }

    /** Campaigns, their rows and attempts, in the same database. */
    public SqlCampaignStore campaigns() {
        return campaigns;
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
    public List<CallSnapshot> ownUnfinished() {
        return reader.unfinishedOf(bridgeId, true);
    }

    @Override
    public List<CallSnapshot> unfinishedOf(String otherBridgeId) {
        return reader.unfinishedOf(otherBridgeId, false);
    }

    /** Which bridge of the fleet holds a call recorded as live (empty: none, or no such live call). */
    public Optional<String> bridgeOfLive(String idOrSid) {
        return reader.bridgeOfLive(idOrSid);
    }

    /**
     * The calls recorded as live of every other bridge whose lease runs at {@code now}: what a console
     * attached to this bridge sees of the rest of the fleet when it connects (as last written, within
     * a fraction of a second).
     */
    public List<CallSnapshot> liveCallsOfOtherBridges(Instant now) {
        List<CallSnapshot> calls = new java.util.ArrayList<>();
        for (String other : leases.liveOthers(now, bridgeId)) {
            calls.addAll(reader.unfinishedOf(other, false));
        }
        return calls;
    }

    @Override
    public boolean markEnded(String id, CallState state, String endReason, Instant at, String note) {
        return writer.markEnded(id, state, endReason, at, note);
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
