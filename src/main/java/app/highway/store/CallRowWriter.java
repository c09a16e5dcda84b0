package app.highway.store;

import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import app.highway.usage.TranscriptionUsage;
import app.highway.usage.Usage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * Writes the one row per call in {@code calls}, inside the caller's transaction. An update or an
 * insert after a look-up, not an upsert: {@code INSERT ... ON CONFLICT} is spelt differently
 * across the databases the store must support. A new row records the bridge that placed the call;
 * a row recorded as ended is never written back to a live state (in a fleet another bridge may have
 * ended it after this bridge's lease expired).
 */
final class CallRowWriter {
    /** Every column but {@code id}, which comes last in both statements. */
    private static final String[] FIELDS = {"call_sid", "to_number", "note", "state", "reflection", "end_reason",
        "created_at", "answered_at", "ended_at", "model", "voice", "prompt_version", "simulated", "input_tokens",
        "output_tokens", "total_tokens", "input_text_tokens", "input_audio_tokens", "cached_tokens",
        "cached_text_tokens", "cached_audio_tokens", "output_text_tokens", "output_audio_tokens", "cost_usd",
        "transcription_input_tokens", "transcription_input_text_tokens", "transcription_input_audio_tokens",
        "transcription_output_tokens", "transcription_total_tokens", "transcription_seconds", "transcription_cost_usd",
        "settings_json", "updated_at", "placed_by"};
    private static final String UPDATE = "UPDATE calls SET " + String.join(" = ?, ", FIELDS) + " = ? WHERE id = ?";
    private static final String UPDATE_WHILE_LIVE = UPDATE + " AND state IN " + CallRows.LIVE_STATES;
    private static final String INSERT = "INSERT INTO calls (" + String.join(", ", FIELDS) + ", bridge_id, id) VALUES ("
            + "?, ".repeat(FIELDS.length + 1) + "?)";

    private final Connection writer;
    private final ObjectMapper json;
    private final String bridgeId;

    /** {@code bridgeId}: the bridge new rows are recorded as placed by (null: none). */
    CallRowWriter(Connection writer, ObjectMapper json, String bridgeId) {
        this.writer = writer;
        this.json = json;
        this.bridgeId = bridgeId;
    }

    /** Returns false when the row was left alone: it is recorded as ended and {@code c} is still live. */
    boolean upsert(CallSnapshot c) throws SQLException {
        boolean insert = !exists(c.id());
        String sql = insert ? INSERT : c.state().isFinal() ? UPDATE : UPDATE_WHILE_LIVE;
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
            TranscriptionUsage t = c.transcriptionUsage();
            for (long v : new long[] {t.inputTokens(), t.inputTextTokens(), t.inputAudioTokens(), t.outputTokens(),
                    t.totalTokens()}) {
                p.setLong(i++, v);
            }
            p.setDouble(i++, t.seconds());
            p.setDouble(i++, c.transcriptionCostUsd());
            p.setString(i++, toJson(c.settings()));
            p.setLong(i++, System.currentTimeMillis());
            p.setString(i++, c.placedBy());
            if (insert) {
                p.setString(i++, bridgeId);
            }
            p.setString(i, c.id());
            return p.executeUpdate() > 0;
        }
    }

    /**
     * Ends a call the bridge no longer sees, if it is still recorded as live (so of two bridges
     * ending it, one does); an end reason or end time already recorded stays. Returns whether it did.
     */
    boolean markEnded(String id, CallState state, String endReason, Instant at) throws SQLException {
        try (PreparedStatement p = writer.prepareStatement("UPDATE calls SET state = ?, end_reason = "
                + "COALESCE(end_reason, ?), ended_at = COALESCE(ended_at, ?), updated_at = ? WHERE id = ? "
                + "AND state IN " + CallRows.LIVE_STATES)) {
            p.setString(1, state.wire());
            p.setString(2, endReason);
            p.setLong(3, at.toEpochMilli());
            p.setLong(4, System.currentTimeMillis());
            p.setString(5, id);
            return p.executeUpdate() > 0;
        }
    }

    /** Returns whether there was such a row. */
    boolean delete(String id) throws SQLException {
        try (PreparedStatement p = writer.prepareStatement("DELETE FROM calls WHERE id = ?")) {
            p.setString(1, id);
            return p.executeUpdate() > 0;
        }
    }

    private boolean exists(String id) throws SQLException {
        try (PreparedStatement q = writer.prepareStatement("SELECT 1 FROM calls WHERE id = ?")) {
            q.setString(1, id);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
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
}
