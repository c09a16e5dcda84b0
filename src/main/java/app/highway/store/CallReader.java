package app.highway.store;

import app.highway.call.CallSnapshot;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The read side of the call history, on connections of its own so that reads never wait for the
 * writer's transaction. Each read borrows a connection from the reader pool for its statements.
 */
final class CallReader {
    private static final String LIVE = "SELECT " + CallRows.COLUMNS + " FROM calls WHERE state IN "
            + CallRows.LIVE_STATES;
    private final DataSource reader;
    private final ObjectMapper json;

    CallReader(DataSource reader, ObjectMapper json) {
        this.reader = reader;
        this.json = json;
    }

    /** One read on a borrowed connection. */
    private interface Read<T> {
        T run(Connection c, CallRows rows) throws SQLException;
    }

    private <T> T read(String what, Read<T> read) {
        try (Connection c = reader.getConnection()) {
            return read.run(c, new CallRows(c, json));
        } catch (SQLException e) {
            throw new StoreException("Could not " + what, e);
        }
    }

    Optional<CallSnapshot> find(String idOrSid) {
        return read("read call " + idOrSid, (c, rows) -> {
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT " + CallRows.COLUMNS + " FROM calls WHERE id = ? OR call_sid = ?")) {
                q.setString(1, idOrSid);
                q.setString(2, idOrSid);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? Optional.of(rows.read(rs)) : Optional.empty();
                }
            }
        });
    }

    /** The bridge that placed a live call (empty: no such live call, or it belongs to no bridge). */
    Optional<String> bridgeOfLive(String idOrSid) {
        return read("find the bridge of call " + idOrSid, (c, rows) -> {
            try (PreparedStatement q = c.prepareStatement("SELECT bridge_id FROM calls WHERE (id = ? OR call_sid = ?) "
                    + "AND state IN " + CallRows.LIVE_STATES)) {
                q.setString(1, idOrSid);
                q.setString(2, idOrSid);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    CallPage list(CallQuery query) {
        int limit = Math.max(1, Math.min(query.limit(), CallQuery.MAX_LIMIT));
        ListStatement statement = ListStatement.of(query, limit);
        return read("list calls", (c, rows) -> {
            try (PreparedStatement q = c.prepareStatement(statement.sql())) {
                for (int i = 0; i < statement.args().size(); i++) {
                    q.setObject(i + 1, statement.args().get(i));
                }
                List<CallSnapshot> calls = readAll(q, rows);
                if (calls.size() <= limit) {
                    return new CallPage(calls, null);
                }
                List<CallSnapshot> page = List.copyOf(calls.subList(0, limit));
                return new CallPage(page, Cursor.after(page.get(limit - 1)).encode());
            }
        });
    }

    /**
     * Calls left live that {@code bridgeId} placed; with {@code includeUnowned}, also those recorded
     * before calls had a bridge (or by a store with none), which belong to whichever bridge starts on
     * the database first.
     */
    List<CallSnapshot> unfinishedOf(String bridgeId, boolean includeUnowned) {
        String owner = bridgeId == null ? "bridge_id IS NULL"
                : includeUnowned ? "(bridge_id = ? OR bridge_id IS NULL)" : "bridge_id = ?";
        return read("list unfinished calls", (c, rows) -> {
            try (PreparedStatement q = c.prepareStatement(LIVE + " AND " + owner + " ORDER BY created_at")) {
                if (bridgeId != null) {
                    q.setString(1, bridgeId);
                }
                return readAll(q, rows);
            }
        });
    }

    /** Ids of finished calls created before {@code cutoff}: what retention may delete. */
    List<String> finishedBefore(Instant cutoff) {
        return read("find expired calls", (c, rows) -> {
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT id FROM calls WHERE created_at < ? AND state NOT IN " + CallRows.LIVE_STATES)) {
                q.setLong(1, cutoff.toEpochMilli());
                List<String> ids = new ArrayList<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
                return ids;
            }
        });
    }

    private static List<CallSnapshot> readAll(PreparedStatement q, CallRows rows) throws SQLException {
        List<CallSnapshot> calls = new ArrayList<>();
        try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                calls.add(rows.read(rs));
            }
        }
        return List.copyOf(calls);
    }
}
