package app.highway.store;

import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import app.highway.call.Speaker;
import app.highway.call.TimelineEntry;
import app.highway.call.TranscriptLine;
import app.highway.config.CallSettings;
import app.highway.usage.TranscriptionUsage;
import app.highway.usage.Usage;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Turns rows of {@code calls}, {@code transcript_lines} and {@code call_events} back into call records. */
final class CallRows {
    /** The {@code calls} columns that {@link #read} expects, for a {@code SELECT}. */
    static final String COLUMNS = "id, call_sid, to_number, note, state, reflection, end_reason, created_at, "
            + "answered_at, ended_at, model, voice, prompt_version, simulated, input_tokens, output_tokens, "
            + "total_tokens, input_text_tokens, input_audio_tokens, cached_tokens, cached_text_tokens, "
            + "cached_audio_tokens, output_text_tokens, output_audio_tokens, cost_usd, transcription_input_tokens, "
            + "transcription_input_text_tokens, transcription_input_audio_tokens, transcription_output_tokens, "
            + "transcription_total_tokens, transcription_seconds, transcription_cost_usd, settings_json, updated_at, "
            + "placed_by";

    /** States of a call that was live (or ending) when its record was last written: every state not final. */
    static final String LIVE_STATES = Arrays.stream(CallState.values())
            .filter(s -> !s.isFinal()).map(s -> "'" + s.wire() + "'")
            .collect(Collectors.joining(", ", "(", ")"));

    private final Connection reader;
    private final ObjectMapper json;

    CallRows(Connection reader, ObjectMapper json) {
        this.reader = reader;
        this.json = json;
    }

    CallSnapshot read(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        Instant created = Instant.ofEpochMilli(rs.getLong("created_at"));
        Instant answered = instant(rs, "answered_at");
        Instant ended = instant(rs, "ended_at");
        Usage usage = new Usage(rs.getLong("input_tokens"), rs.getLong("output_tokens"), rs.getLong("total_tokens"),
                rs.getLong("input_text_tokens"), rs.getLong("input_audio_tokens"), rs.getLong("cached_tokens"),
                rs.getLong("cached_text_tokens"), rs.getLong("cached_audio_tokens"), rs.getLong("output_text_tokens"),
                rs.getLong("output_audio_tokens"));
        TranscriptionUsage transcription = new TranscriptionUsage(rs.getLong("transcription_input_tokens"),
                rs.getLong("transcription_input_text_tokens"), rs.getLong("transcription_input_audio_tokens"),
                rs.getLong("transcription_output_tokens"), rs.getLong("transcription_total_tokens"),
                rs.getDouble("transcription_seconds"));
        double cost = rs.getDouble("cost_usd");
        double transcriptionCost = rs.getDouble("transcription_cost_usd");
        CallSettings settings;
        try {
            settings = json.readValue(rs.getString("settings_json"), CallSettings.class);
        } catch (java.io.IOException e) {
            throw new StoreException("Unreadable settings for call " + id, e);
        }
        Long duration = answered == null || ended == null ? null : Duration.between(answered, ended).toSeconds();
        return new CallSnapshot(id, rs.getString("call_sid"), rs.getString("to_number"), rs.getString("note"),
                rs.getString("placed_by"), CallState.fromTwilio(rs.getString("state")).orElse(CallState.FAILED), rs.getString("reflection"),
                rs.getString("end_reason"), usage, cost, cost - transcriptionCost, transcription, transcriptionCost,
                created, answered, ended, duration, null,
                rs.getString("model"), rs.getString("voice"), rs.getInt("prompt_version"), rs.getInt("simulated") == 1,
                transcript(id), timeline(id), settings);
    }

    private List<TranscriptLine> transcript(String id) throws SQLException {
        List<TranscriptLine> lines = new ArrayList<>();
        try (PreparedStatement q = reader.prepareStatement(
                "SELECT speaker, text, at, seq FROM transcript_lines WHERE call_id = ? ORDER BY seq")) {
            q.setString(1, id);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String said = rs.getString(1);
                    Speaker speaker = "assistant".equals(said) ? Speaker.ASSISTANT
                            : Speaker.SUPERVISOR.wire().equals(said) ? Speaker.SUPERVISOR : Speaker.CALLER;
                    lines.add(new TranscriptLine(id + "-" + rs.getInt(4), speaker, rs.getString(2),
                            Instant.ofEpochMilli(rs.getLong(3))));
                }
            }
        }
        return lines;
    }

    private List<TimelineEntry> timeline(String id) throws SQLException {
        List<TimelineEntry> entries = new ArrayList<>();
        try (PreparedStatement q = reader.prepareStatement(
                "SELECT at, kind, detail FROM call_events WHERE call_id = ? ORDER BY seq")) {
            q.setString(1, id);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    entries.add(new TimelineEntry(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return entries;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
