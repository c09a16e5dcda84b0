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
 * the whole call's, their sum. {@code muted}: a supervisor muted the assistant (it hears and transcribes
 * the caller but does not answer); {@code takenOverBy}: the user name of the supervisor speaking to the
 * caller in the assistant's place, or null; {@code listeners}: how many people listen in.
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
        boolean muted,
        String takenOverBy,
        int listeners) {

    public CallSnapshot {
        transcriptionUsage = transcriptionUsage == null ? TranscriptionUsage.ZERO : transcriptionUsage;
        placedBy = placedBy == null ? Actor.OWNER.user() : placedBy;
    }

    /** A call no supervisor is steering: not muted, not taken over, nobody listening in. */
    public CallSnapshot(String id, String callSid, String to, String note, String placedBy, CallState state,
            String reflection, String endReason, Usage usage, double costUsd, double voiceCostUsd,
            TranscriptionUsage transcriptionUsage, double transcriptionCostUsd, Instant createdAt, Instant answeredAt,
            Instant endedAt, Long durationSeconds, Speaker speaking, String model, String voice, int promptVersion,
            boolean simulated, List<TranscriptLine> transcript, List<TimelineEntry> timeline, CallSettings settings) {
        this(id, callSid, to, note, placedBy, state, reflection, endReason, usage, costUsd, voiceCostUsd,
                transcriptionUsage, transcriptionCostUsd, createdAt, answeredAt, endedAt, durationSeconds, speaking,
                model, voice, promptVersion, simulated, transcript, timeline, settings, false, null, 0);
    }

    /** This call with its supervision state: muted, taken over by whom (or null), how many listen in. */
    public CallSnapshot withSupervision(boolean isMuted, String takenOver, int listening) {
        return new CallSnapshot(id, callSid, to, note, placedBy, state, reflection, endReason, usage, costUsd,
                voiceCostUsd, transcriptionUsage, transcriptionCostUsd, createdAt, answeredAt, endedAt, durationSeconds,
                speaking, model, voice, promptVersion, simulated, transcript, timeline, settings, isMuted, takenOver,
                listening);
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
