package app.highway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The fleet's leases in the {@code bridges} table: written on the store's writer connections, looked
 * up on its reader connections. A lease is a
 * time: a bridge renewing it pushes it forward, and once it has passed, the bridge is taken for dead.
 * Taking over an expired lease is a compare-and-set on that time, so of several surviving bridges
 * exactly one ends a lost bridge's calls, and if that one dies too, its take-over expires in turn.
 */
public final class BridgeLeases {
    private static final String COLUMNS = "id, host, base_url, started_at, last_heartbeat, lease_expires_at, "
            + "taken_over_by";
    private final DataSource db;
    private final DataSource reader;

    BridgeLeases(DataSource writer, DataSource reader) {
        this.db = writer;
        this.reader = reader;
    }

    /**
     * Registers bridge {@code id} with a fresh lease (on first start, or again after a restart or a
     * take-over). Refuses when a bridge on another host holds a live lease under the same id: two
     * bridges sharing an id would each take the other's calls for their own.
     */
    public void register(String id, String host, String baseUrl, Instant now, Duration lease) {
        Transactions.run(db, "register bridge " + id, c -> {
            Optional<BridgeRecord> existing = find(c, id);
            if (existing.isPresent()) {
                BridgeRecord other = existing.get();
                if (other.takenOverBy() == null && other.leaseExpiresAt().isAfter(now) && !other.host().equals(host)) {
                    throw new IllegalStateException("Bridge id " + id + " is in use by a running bridge on "
                            + other.host() + " (its lease runs until " + other.leaseExpiresAt() + "): give each "
                            + "bridge its own HIGHWAY_BRIDGE_ID (or its own data dir)");
                }
            }
            String sql = existing.isPresent()
                    ? "UPDATE bridges SET host = ?, base_url = ?, started_at = ?, last_heartbeat = ?, "
                            + "lease_expires_at = ?, taken_over_by = NULL WHERE id = ?"
                    : "INSERT INTO bridges (host, base_url, started_at, last_heartbeat, lease_expires_at, id) "
                            + "VALUES (?, ?, ?, ?, ?, ?)";
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setString(1, host);
                p.setString(2, baseUrl);
                p.setLong(3, now.toEpochMilli());
                p.setLong(4, now.toEpochMilli());
                p.setLong(5, now.plus(lease).toEpochMilli());
                p.setString(6, id);
                p.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Pushes the lease of {@code id} forward. Returns false if it was not this bridge's any more:
     * another bridge took it over after it expired (or the row is gone); then register again.
     */
    public boolean renew(String id, Instant now, Duration lease) {
        return Transactions.run(db, "renew the lease of bridge " + id, c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE bridges SET last_heartbeat = ?, "
                    + "lease_expires_at = ? WHERE id = ? AND taken_over_by IS NULL")) {
                p.setLong(1, now.toEpochMilli());
                p.setLong(2, now.plus(lease).toEpochMilli());
                p.setString(3, id);
                return p.executeUpdate() > 0;
            }
        });
    }

    /** Ends the lease of {@code id} now (a clean stop): any call it still has recorded as live is lost at once. */
    public void release(String id, Instant now) {
        Transactions.run(db, "release the lease of bridge " + id, c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE bridges SET last_heartbeat = ?, "
                    + "lease_expires_at = ? WHERE id = ? AND taken_over_by IS NULL")) {
                p.setLong(1, now.toEpochMilli());
                p.setLong(2, now.toEpochMilli());
                p.setString(3, id);
                p.executeUpdate();
            }
            return null;
        });
    }

    /** Ids of the bridges other than {@code except} whose lease runs at {@code now} (live, or not yet taken for dead). */
    public List<String> liveOthers(Instant now, String except) {
        return Transactions.read(reader, "list live bridges", c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT id FROM bridges WHERE lease_expires_at >= ? "
                    + "AND taken_over_by IS NULL AND id <> ? ORDER BY id")) {
                q.setLong(1, now.toEpochMilli());
                q.setString(2, except == null ? "" : except);
                List<String> found = new ArrayList<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
                return found;
            }
        });
    }

    /** Bridges other than {@code except} whose lease ran out before {@code now} and that still have calls recorded as live. */
    public List<BridgeRecord> expiredWithLiveCalls(Instant now, String except) {
        return Transactions.read(reader, "look for expired leases", c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM bridges b WHERE "
                    + "b.lease_expires_at < ? AND b.id <> ? AND EXISTS (SELECT 1 FROM calls WHERE calls.bridge_id = "
                    + "b.id AND calls.state IN " + CallRows.LIVE_STATES + ") ORDER BY b.lease_expires_at")) {
                q.setLong(1, now.toEpochMilli());
                q.setString(2, except == null ? "" : except);
                List<BridgeRecord> found = new ArrayList<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        found.add(read(rs));
                    }
                }
                return found;
            }
        });
    }

    /**
     * Takes the expired lease of {@code lost} over for {@code by}, for another {@code lease}; false if
     * someone else renewed or took it over since it was read (then leave its calls alone).
     */
    public boolean takeOver(BridgeRecord lost, String by, Instant now, Duration lease) {
        return Transactions.run(db, "take over the lease of bridge " + lost.id(), c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE bridges SET lease_expires_at = ?, taken_over_by = ? "
                    + "WHERE id = ? AND lease_expires_at = ?")) {
                p.setLong(1, now.plus(lease).toEpochMilli());
                p.setString(2, by);
                p.setString(3, lost.id());
                p.setLong(4, lost.leaseExpiresAt().toEpochMilli());
                return p.executeUpdate() > 0;
            }
        });
    }

    public Optional<BridgeRecord> find(String id) {
        return Transactions.read(reader, "read bridge " + id, c -> find(c, id));
    }

    private static Optional<BridgeRecord> find(Connection c, String id) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM bridges WHERE id = ?")) {
            q.setString(1, id);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static BridgeRecord read(ResultSet rs) throws SQLException {
        return new BridgeRecord(rs.getString("id"), rs.getString("host"), rs.getString("base_url"),
                Instant.ofEpochMilli(rs.getLong("started_at")), Instant.ofEpochMilli(rs.getLong("last_heartbeat")),
                Instant.ofEpochMilli(rs.getLong("lease_expires_at")), rs.getString("taken_over_by"));
    }
}
