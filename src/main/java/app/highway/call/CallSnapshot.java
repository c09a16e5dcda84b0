package app.highway.call;

import app.highway.config.CallSettings;
import app.highway.team.Actor;
import app.highway.usage.TranscriptionUsage;
import app.highway.usage.Usage;
import java.time.Instant;
import java.util.List;

/**
 * An immutable view of a call, as the API returns it and the console shows it; {@code placedBy} is the user
 * name of whoever placed it ({@code owner} for the bridge's own token); {@code settings} are the ones it
 * started with. {@code usage} and {@code voiceCostUsd} are the voice model's, {@code transcriptionUsage} and
 * {@code transcriptionCostUsd} the caller's transcription's (its own model, its own price); {@code costUsd} is
 * the whole call's, their sum. {@code turnLatency}: how long the caller waited for each of the assistant's
 * answers ({@link TurnLatencies}: last, p50, p90, count and every turn).
 */
public record CallSnapshot(
        String id,
        String callSid,
        String to,
        String note,
        String placedBy,
        CallState state,
        String reflection,
        String endReason,
        Usage usage,
        double costUsd,
        double voiceCostUsd,
        TranscriptionUsage transcriptionUsage,
        double transcriptionCostUsd,
        Instant createdAt,
        Instant answeredAt,
        Instant endedAt,
        Long durationSeconds,
        Speaker speaking,
        String model,
        String voice,
        int promptVersion,
        boolean simulated,
        List<TranscriptLine> transcript,
        List<TimelineEntry> timeline,
        CallSettings settings,
        TurnLatencies turnLatency) {

    public CallSnapshot {
        turnLatency = turnLatency == null ? TurnLatencies.NONE : turnLatency;
        transcriptionUsage = transcriptionUsage == null ? TranscriptionUsage.ZERO : transcriptionUsage;
        placedBy = placedBy == null ? Actor.OWNER.user() : placedBy;
    }

    /** A call without measured turns (every record before turn latency was measured). */
    public CallSnapshot(String id, String callSid, String to, String note, String placedBy, CallState state,
            String reflection, String endReason, Usage usage, double costUsd, double voiceCostUsd,
            TranscriptionUsage transcriptionUsage, double transcriptionCostUsd, Instant createdAt, Instant answeredAt,
            Instant endedAt, Long durationSeconds, Speaker speaking, String model, String voice, int promptVersion,
            boolean simulated, List<TranscriptLine> transcript, List<TimelineEntry> timeline, CallSettings settings) {
        this(id, callSid, to, note, placedBy, state, reflection, endReason, usage, costUsd, voiceCostUsd,
                transcriptionUsage, transcriptionCostUsd, createdAt, answeredAt, endedAt, durationSeconds, speaking,
                model, voice, promptVersion, simulated, transcript, timeline, settings, TurnLatencies.NONE);
    }

    /** This record with {@code turns} as its turn latencies. */
    public CallSnapshot withTurnLatency(TurnLatencies turns) {
        return new CallSnapshot(id, callSid, to, note, placedBy, state, reflection, endReason, usage, costUsd,
                voiceCostUsd, transcriptionUsage, transcriptionCostUsd, createdAt, answeredAt, endedAt, durationSeconds,
                speaking, model, voice, promptVersion, simulated, transcript, timeline, settings, turns);
    }

    /** A call placed with the bridge's own token ({@code placedBy} is {@code owner}), as every call was before team mode. */
    public CallSnapshot(String id, String callSid, String to, String note, CallState state, String reflection,
            String endReason, Usage usage, double costUsd, double voiceCostUsd, TranscriptionUsage transcriptionUsage,
            double transcriptionCostUsd, Instant createdAt, Instant answeredAt, Instant endedAt, Long durationSeconds,
            Speaker speaking, String model, String voice, int promptVersion, boolean simulated,
            List<TranscriptLine> transcript, List<TimelineEntry> timeline, CallSettings settings) {
        this(id, callSid, to, note, Actor.OWNER.user(), state, reflection, endReason, usage, costUsd, voiceCostUsd,
                transcriptionUsage, transcriptionCostUsd, createdAt, answeredAt, endedAt, durationSeconds, speaking,
                model, voice, promptVersion, simulated, transcript, timeline, settings);
    }

    /** A call placed by the owner, without transcription usage: all of {@code costUsd} is the voice model's. */
    public CallSnapshot(String id, String callSid, String to, String note, CallState state, String reflection,
            String endReason, Usage usage, double costUsd, Instant createdAt, Instant answeredAt, Instant endedAt,
            Long durationSeconds, Speaker speaking, String model, String voice, int promptVersion, boolean simulated,
            List<TranscriptLine> transcript, List<TimelineEntry> timeline, CallSettings settings) {
        this(id, callSid, to, note, Actor.OWNER.user(), state, reflection, endReason, usage, costUsd, costUsd,
                TranscriptionUsage.ZERO, 0, createdAt, answeredAt, endedAt, durationSeconds, speaking, model, voice,
                promptVersion, simulated, transcript, timeline, settings);
    }
}
