package app.highway.store;

import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The read side of the call history, on its own connection so that reads never wait for the
 * writer's transaction. One read at a time on that connection (JDBC connections are not safe
 * for concurrent use).
 */
final class CallReader {
    /** States of a call that was live (or ending) when its record was last written: every state not final. */
    private static final String LIVE_STATES = Arrays.stream(CallState.values())
            .filter(s -> !s.isFinal()).map(s -> "'" + s.wire() + "'")
            .collect(Collectors.joining(", ", "(", ")"));
    private final Connection reader;
    private final CallRows rows;

    CallReader(Connection reader, ObjectMapper json) {
        this.reader = reader;
        this.rows = new CallRows(reader, json);
    }

    synchronized Optional<CallSnapshot> find(String idOrSid) {
        try (PreparedStatement q = reader.prepareStatement(
                "SELECT " + CallRows.COLUMNS + " FROM calls WHERE id = ? OR call_sid = ?")) {
            q.setString(1, idOrSid);
            q.setString(2, idOrSid);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(rows.read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("Could not read call " + idOrSid, e);
        }
    }

    synchronized CallPage list(CallQuery query) {
        int limit = Math.max(1, Math.min(query.limit(), CallQuery.MAX_LIMIT));
        ListStatement statement = ListStatement.of(query, limit);
        try (PreparedStatement q = reader.prepareStatement(statement.sql())) {
            for (int i = 0; i < statement.args().size(); i++) {
                q.setObject(i + 1, statement.args().get(i));
            }
            List<CallSnapshot> calls = readAll(q);
            if (calls.size() <= limit) {
                return new CallPage(calls, null);
            }
            List<CallSnapshot> page = List.copyOf(calls.subList(0, limit));
            return new CallPage(page, Cursor.after(page.get(limit - 1)).encode());
        } catch (SQLException e) {
            throw new StoreException("Could not list calls", e);
        }
    }

    synchronized List<CallSnapshot> unfinished() {
        try (PreparedStatement q = reader.prepareStatement("SELECT " + CallRows.COLUMNS + " FROM calls WHERE state IN "
                + LIVE_STATES + " ORDER BY created_at")) {
            return readAll(q);
        } catch (SQLException e) {
            throw new StoreException("Could not list unfinished calls", e);
        }
    }

    /** Ids of finished calls created before {@code cutoff}: what retention may delete. */
    synchronized List<String> finishedBefore(Instant cutoff) {
        try (PreparedStatement q = reader.prepareStatement(
                "SELECT id FROM calls WHERE created_at < ? AND state NOT IN " + LIVE_STATES)) {
            q.setLong(1, cutoff.toEpochMilli());
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new StoreException("Could not find expired calls", e);
        }
    }

    private List<CallSnapshot> readAll(PreparedStatement q) throws SQLException {
        List<CallSnapshot> calls = new ArrayList<>();
        try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                calls.add(rows.read(rs));
            }
        }
        return List.copyOf(calls);
    }
}
