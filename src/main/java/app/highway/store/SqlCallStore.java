package app.highway.store;

import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import app.highway.call.TimelineEntry;
import app.highway.call.TranscriptLine;
import app.highway.usage.Usage;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/**
 * The call history in SQL through JDBC: one connection for writes (SQLite has one writer; WAL
 * lets readers go on meanwhile), one for reads. Schema by Flyway migrations in
 * {@code db/migration}; only portable SQL here.
 */
public final class SqlCallStore implements CallStore {
    private static final String COLUMNS = "id, call_sid, to_number, note, state, reflection, end_reason, created_at, "
            + "answered_at, ended_at, model, voice, prompt_version, simulated, input_tokens, output_tokens, "
            + "total_tokens, input_text_tokens, input_audio_tokens, cached_tokens, cached_text_tokens, "
            + "cached_audio_tokens, output_text_tokens, output_audio_tokens, cost_usd, settings_json, updated_at";

    private final Connection writer;
    private final Connection reader;
    private final ObjectMapper json;
    /** How many timeline entries of each call are already stored, so only new ones are inserted. */
    private final Map<String, Integer> storedEvents = new HashMap<>();
    /** The transcript last written per call, so an unchanged transcript is not rewritten. */
    private final Map<String, List<TranscriptLine>> storedTranscripts = new HashMap<>();

    private final CallRows rows;

    SqlCallStore(Connection writer, Connection reader, ObjectMapper json) {
        this.writer = writer;
        this.reader = reader;
        this.json = json;
        this.rows = new CallRows(reader, json);
    }

    /** Opens (creating and migrating if needed) {@code highway.db} in the data dir, in WAL mode. */
    public static SqlCallStore sqlite(Path dataDir, ObjectMapper json) {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("Cannot create the data dir " + dataDir, e);
        }
        String url = "jdbc:sqlite:" + dataDir.resolve("highway.db").toAbsolutePath();
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").load().migrate();
        try {
            Connection w = DriverManager.getConnection(url);
            Connection r = DriverManager.getConnection(url);
            for (Connection c : List.of(w, r)) {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA journal_mode=WAL");
                    s.execute("PRAGMA synchronous=NORMAL");
                    s.execute("PRAGMA busy_timeout=5000");
                }
            }
            w.setAutoCommit(false);
            return new SqlCallStore(w, r, json);
        } catch (SQLException e) {
            throw new StoreException("Cannot open the call history at " + url, e);
        }
    }

    @Override
    public synchronized void save(Collection<CallSnapshot> calls) {
        if (calls.isEmpty()) {
            return;
        }
        // what this transaction stores; the caches learn it only once it is committed
        Map<String, Integer> events = new HashMap<>();
        Map<String, List<TranscriptLine>> transcripts = new HashMap<>();
        try {
            synchronized (writer) {
                for (CallSnapshot c : calls) {
                    upsertCall(c);
                    replaceTranscript(c, transcripts);
                    appendTimeline(c, events);
                }
                writer.commit();
            }
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            calls.forEach(c -> forget(c.id())); // unknown what was written: recount from the database next time
            throw e instanceof StoreException s ? s
                    : new StoreException("Could not save " + calls.size() + " call records", e);
        }
        storedTranscripts.putAll(transcripts);
        storedEvents.putAll(events);
        for (CallSnapshot c : calls) {
            if (c.state().isFinal()) { // a finished call is rarely written again: keep no cache for it
                forget(c.id());
            }
        }
    }

    private void forget(String id) {
        storedTranscripts.remove(id);
        storedEvents.remove(id);
    }

    private void upsertCall(CallSnapshot c) throws SQLException {
        boolean exists;
        try (PreparedStatement q = writer.prepareStatement("SELECT 1 FROM calls WHERE id = ?")) {
            q.setString(1, c.id());
            try (ResultSet rs = q.executeQuery()) {
                exists = rs.next();
            }
        }
        String sql = exists
                ? "UPDATE calls SET call_sid = ?, to_number = ?, note = ?, state = ?, reflection = ?, end_reason = ?, "
                        + "created_at = ?, answered_at = ?, ended_at = ?, model = ?, voice = ?, prompt_version = ?, "
                        + "simulated = ?, input_tokens = ?, output_tokens = ?, total_tokens = ?, input_text_tokens = ?, "
                        + "input_audio_tokens = ?, cached_tokens = ?, cached_text_tokens = ?, cached_audio_tokens = ?, "
                        + "output_text_tokens = ?, output_audio_tokens = ?, cost_usd = ?, settings_json = ?, "
                        + "updated_at = ? WHERE id = ?"
                : "INSERT INTO calls (call_sid, to_number, note, state, reflection, end_reason, created_at, "
                        + "answered_at, ended_at, model, voice, prompt_version, simulated, input_tokens, output_tokens, "
                        + "total_tokens, input_text_tokens, input_audio_tokens, cached_tokens, cached_text_tokens, "
                        + "cached_audio_tokens, output_text_tokens, output_audio_tokens, cost_usd, settings_json, "
                        + "updated_at, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        + "?, ?, ?, ?)";
        try (PreparedStatement p = writer.prepareStatement(sql)) {
            Usage u = c.usage();
            int i = 1;
            p.setString(i++, c.callSid());
            p.setString(i++, c.to());
            p.setString(i++, c.note());
            p.setString(i++, c.state().wire());
            p.setString(i++, c.reflection());
            p.setString(i++, c.endReason());
            p.setLong(i++, c.createdAt().toEpochMilli());
            setInstant(p, i++, c.answeredAt());
            setInstant(p, i++, c.endedAt());
            p.setString(i++, c.model());
            p.setString(i++, c.voice());
            p.setInt(i++, c.promptVersion());
            p.setInt(i++, c.simulated() ? 1 : 0);
            for (long v : new long[] {u.inputTokens(), u.outputTokens(), u.totalTokens(), u.inputTextTokens(),
                    u.inputAudioTokens(), u.cachedTokens(), u.cachedTextTokens(), u.cachedAudioTokens(),
                    u.outputTextTokens(), u.outputAudioTokens()}) {
                p.setLong(i++, v);
            }
            p.setDouble(i++, c.costUsd());
            p.setString(i++, toJson(c.settings()));
            p.setLong(i++, System.currentTimeMillis());
            p.setString(i, c.id());
            p.executeUpdate();
        }
    }

    private void replaceTranscript(CallSnapshot c, Map<String, List<TranscriptLine>> written) throws SQLException {
        if (c.transcript().equals(storedTranscripts.get(c.id()))) {
            return;
        }
        written.put(c.id(), c.transcript());
        try (PreparedStatement d = writer.prepareStatement("DELETE FROM transcript_lines WHERE call_id = ?")) {
            d.setString(1, c.id());
            d.executeUpdate();
        }
        try (PreparedStatement p = writer.prepareStatement(
                "INSERT INTO transcript_lines (call_id, seq, speaker, text, at) VALUES (?, ?, ?, ?, ?)")) {
            int seq = 0;
            for (TranscriptLine line : c.transcript()) {
                p.setString(1, c.id());
                p.setInt(2, seq++);
                p.setString(3, line.speaker().wire());
                p.setString(4, line.text());
                p.setLong(5, line.at().toEpochMilli());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    private void appendTimeline(CallSnapshot c, Map<String, Integer> written) throws SQLException {
        int stored = storedEvents.containsKey(c.id()) ? storedEvents.get(c.id()) : countEvents(c.id());
        List<TimelineEntry> entries = c.timeline();
        if (entries.size() <= stored) {
            return;
        }
        try (PreparedStatement p = writer.prepareStatement(
                "INSERT INTO call_events (call_id, seq, at, kind, detail) VALUES (?, ?, ?, ?, ?)")) {
            for (int seq = stored; seq < entries.size(); seq++) {
                TimelineEntry e = entries.get(seq);
                p.setString(1, c.id());
                p.setInt(2, seq);
                p.setLong(3, e.at().toEpochMilli());
                p.setString(4, e.kind());
                p.setString(5, e.detail());
                p.addBatch();
            }
            p.executeBatch();
        }
        written.put(c.id(), entries.size());
    }

    private int countEvents(String id) {
        try (PreparedStatement q = writer.prepareStatement("SELECT COUNT(*) FROM call_events WHERE call_id = ?")) {
            q.setString(1, id);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new StoreException("Could not read the timeline of " + id, e);
        }
    }

    @Override
    public Optional<CallSnapshot> find(String idOrSid) {
        synchronized (reader) {
            try (PreparedStatement q = reader.prepareStatement(
                    "SELECT " + COLUMNS + " FROM calls WHERE id = ? OR call_sid = ?")) {
                q.setString(1, idOrSid);
                q.setString(2, idOrSid);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? Optional.of(rows.read(rs)) : Optional.empty();
                }
            } catch (SQLException e) {
                throw new StoreException("Could not read call " + idOrSid, e);
            }
        }
    }

    @Override
    public CallPage list(CallQuery query) {
        int limit = Math.max(1, Math.min(query.limit(), CallQuery.MAX_LIMIT));
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM calls WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (query.from() != null) {
            sql.append(" AND created_at >= ?");
            args.add(query.from().toEpochMilli());
        }
        if (query.to() != null) {
            sql.append(" AND created_at < ?");
            args.add(query.to().toEpochMilli());
        }
        if (query.state() != null) {
            sql.append(" AND state = ?");
            args.add(query.state().wire());
        }
        if (query.reflection() != null) {
            sql.append(" AND reflection = ?");
            args.add(query.reflection());
        }
        if (query.number() != null && !query.number().isBlank()) {
            sql.append(" AND to_number LIKE ?");
            args.add("%" + query.number().replaceAll("[^0-9+]", "") + "%");
        }
        if (query.cursor() != null) {
            Cursor c = Cursor.decode(query.cursor());
            sql.append(" AND (created_at < ? OR (created_at = ? AND id < ?))");
            args.add(c.createdAt());
            args.add(c.createdAt());
            args.add(c.id());
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        args.add(limit + 1);
        synchronized (reader) {
            try (PreparedStatement q = reader.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    q.setObject(i + 1, args.get(i));
                }
                List<CallSnapshot> calls = new ArrayList<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        calls.add(rows.read(rs));
                    }
                }
                String next = null;
                if (calls.size() > limit) {
                    calls = calls.subList(0, limit);
                    CallSnapshot last = calls.get(limit - 1);
                    next = new Cursor(last.createdAt().toEpochMilli(), last.id()).encode();
                }
                return new CallPage(List.copyOf(calls), next);
            } catch (SQLException e) {
                throw new StoreException("Could not list calls", e);
            }
        }
    }

    @Override
    public List<CallSnapshot> unfinished() {
        List<CallSnapshot> found = new ArrayList<>();
        synchronized (reader) {
            try (PreparedStatement q = reader.prepareStatement("SELECT " + COLUMNS + " FROM calls WHERE state IN "
                    + "('queued', 'ringing', 'in-progress') ORDER BY created_at")) {
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        found.add(rows.read(rs));
                    }
                }
            } catch (SQLException e) {
                throw new StoreException("Could not list unfinished calls", e);
            }
        }
        return found;
    }

    @Override
    public synchronized void markEnded(String id, CallState state, String endReason, Instant at, String note) {
        try {
            synchronized (writer) {
                try (PreparedStatement p = writer.prepareStatement("UPDATE calls SET state = ?, end_reason = "
                        + "COALESCE(end_reason, ?), ended_at = COALESCE(ended_at, ?), updated_at = ? WHERE id = ?")) {
                    p.setString(1, state.wire());
                    p.setString(2, endReason);
                    p.setLong(3, at.toEpochMilli());
                    p.setLong(4, System.currentTimeMillis());
                    p.setString(5, id);
                    p.executeUpdate();
                }
                int seq = storedEvents.containsKey(id) ? storedEvents.get(id) : countEvents(id);
                try (PreparedStatement p = writer.prepareStatement(
                        "INSERT INTO call_events (call_id, seq, at, kind, detail) VALUES (?, ?, ?, ?, ?)")) {
                    p.setString(1, id);
                    p.setInt(2, seq);
                    p.setLong(3, at.toEpochMilli());
                    p.setString(4, "recovered");
                    p.setString(5, note);
                    p.executeUpdate();
                }
                writer.commit();
                storedEvents.put(id, seq + 1);
            }
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            forget(id);
            throw e instanceof StoreException s ? s : new StoreException("Could not record the end of " + id, e);
        }
    }

    @Override
    public synchronized boolean delete(String id) {
        try {
            synchronized (writer) {
                int n = deleteWhere("DELETE FROM calls WHERE id = ?", id);
                deleteWhere("DELETE FROM transcript_lines WHERE call_id = ?", id);
                deleteWhere("DELETE FROM call_events WHERE call_id = ?", id);
                writer.commit();
                forget(id);
                return n > 0;
            }
        } catch (SQLException e) {
            rollbackQuietly();
            forget(id); // whatever the database now holds of it is recounted next time
            throw new StoreException("Could not delete " + id, e);
        }
    }

    @Override
    public synchronized int deleteCreatedBefore(Instant cutoff) {
        List<String> ids = new ArrayList<>();
        synchronized (reader) {
            try (PreparedStatement q = reader.prepareStatement("SELECT id FROM calls WHERE created_at < ? AND state "
                    + "NOT IN ('queued', 'ringing', 'in-progress')")) {
                q.setLong(1, cutoff.toEpochMilli());
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            } catch (SQLException e) {
                throw new StoreException("Could not find expired calls", e);
            }
        }
        int n = 0;
        for (String id : ids) {
            n += delete(id) ? 1 : 0;
        }
        return n;
    }

    private int deleteWhere(String sql, String id) throws SQLException {
        try (PreparedStatement p = writer.prepareStatement(sql)) {
            p.setString(1, id);
            return p.executeUpdate();
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StoreException("Cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private static void setInstant(PreparedStatement p, int index, Instant value) throws SQLException {
        if (value == null) {
            p.setNull(index, Types.BIGINT);
        } else {
            p.setLong(index, value.toEpochMilli());
        }
    }

    private void rollbackQuietly() {
        try {
            writer.rollback();
        } catch (SQLException ignored) {
            // the original error is the one to report
        }
    }

    @Override
    public void close() {
        try {
            writer.close();
            reader.close();
        } catch (SQLException e) {
            throw new StoreException("Could not close the call history", e);
        }
    }
}
