package app.highway.store;

import app.highway.call.TimelineEntry;
import app.highway.call.TranscriptLine;
import app.highway.call.TurnLatencies;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes a call's transcript lines, timeline rows and turns, inside the caller's transaction. All are
 * numbered by {@code seq}, their position in the call: the transcript is replaced as a whole
 * (a line's text can still change), the timeline and the turns only ever grow, so only new rows are appended.
 * Made for one transaction, on its connection.
 */
final class DetailRowWriter {
    private final Connection writer;

    DetailRowWriter(Connection writer) {
        this.writer = writer;
    }

    void replaceTranscript(String callId, List<TranscriptLine> lines) throws SQLException {
        deleteTranscript(callId);
        try (PreparedStatement p = writer.prepareStatement(
                "INSERT INTO transcript_lines (call_id, seq, speaker, text, at) VALUES (?, ?, ?, ?, ?)")) {
            int seq = 0;
            for (TranscriptLine line : lines) {
                p.setString(1, callId);
                p.setInt(2, seq++);
                p.setString(3, line.speaker().wire());
                p.setString(4, line.text());
                p.setLong(5, line.at().toEpochMilli());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** Appends {@code entries} as the rows numbered from {@code firstSeq} on. */
    void appendTimeline(String callId, int firstSeq, List<TimelineEntry> entries) throws SQLException {
        try (PreparedStatement p = writer.prepareStatement(
                "INSERT INTO call_events (call_id, seq, at, kind, detail) VALUES (?, ?, ?, ?, ?)")) {
            int seq = firstSeq;
            for (TimelineEntry e : entries) {
                p.setString(1, callId);
                p.setInt(2, seq++);
                p.setLong(3, e.at().toEpochMilli());
                p.setString(4, e.kind());
                p.setString(5, e.detail());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** Appends {@code turns} as the call's turn rows numbered from {@code firstSeq} on (turns only grow too). */
    void appendTurns(String callId, int firstSeq, List<TurnLatencies.Turn> turns) throws SQLException {
        try (PreparedStatement p = writer.prepareStatement(
                "INSERT INTO call_turns (call_id, seq, at, latency_ms) VALUES (?, ?, ?, ?)")) {
            int seq = firstSeq;
            for (TurnLatencies.Turn t : turns) {
                p.setString(1, callId);
                p.setInt(2, seq++);
                p.setLong(3, t.at().toEpochMilli());
                p.setLong(4, t.latencyMs());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** How many timeline rows of the call the database holds (this transaction's included). */
    int countTimeline(String callId) throws SQLException {
        return count("call_events", callId);
    }

    /** How many turn rows of the call the database holds (this transaction's included). */
    int countTurns(String callId) throws SQLException {
        return count("call_turns", callId);
    }

    private int count(String table, String callId) throws SQLException {
        try (PreparedStatement q = writer.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE call_id = ?")) {
            q.setString(1, callId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    void deleteAll(String callId) throws SQLException {
        deleteTranscript(callId);
        for (String table : new String[] {"call_events", "call_turns"}) {
            try (PreparedStatement d = writer.prepareStatement("DELETE FROM " + table + " WHERE call_id = ?")) {
                d.setString(1, callId);
                d.executeUpdate();
            }
        }
    }

    private void deleteTranscript(String callId) throws SQLException {
        try (PreparedStatement d = writer.prepareStatement("DELETE FROM transcript_lines WHERE call_id = ?")) {
            d.setString(1, callId);
            d.executeUpdate();
        }
    }
}
