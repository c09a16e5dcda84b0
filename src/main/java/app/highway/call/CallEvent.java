package app.highway.call;

import app.highway.usage.TranscriptionUsage;
import app.highway.usage.Usage;
import java.time.Instant;

/**
 * Everything the bridge core tells its observers (the console, the API, the store). Immutable,
 * published from core threads; observers must not block.
 */
public sealed interface CallEvent {
    String callId();

    Instant at();

    /** {@code placedBy}: the user name of whoever placed it ({@code owner} for the bridge's own token). */
    record CallCreated(String callId, String to, String placedBy, boolean simulated, Instant at) implements CallEvent { }

    record CallPlaced(String callId, String callSid, Instant at) implements CallEvent { }

    record StateChanged(String callId, CallState from, CallState to, Instant at) implements CallEvent { }

    /** {@code speaker} is null when nobody speaks. */
    record SpeakerChanged(String callId, Speaker speaker, Instant at) implements CallEvent { }

    /** A transcript line grew ({@code complete == false}) or got its final text. */
    record TranscriptUpdated(String callId, TranscriptLine line, boolean complete, Instant at)
            implements CallEvent { }

    record ToolCalled(String callId, String name, String arguments, Instant at) implements CallEvent { }

    record ReflectionReported(String callId, String status, Instant at) implements CallEvent { }

    /**
     * The call's usage so far: the voice model's ({@code total}, {@code voiceCostUsd}) and the caller's
     * transcription's ({@code transcription}, {@code transcriptionCostUsd}); {@code costUsd} is their sum.
     */
    record UsageUpdated(String callId, Usage total, double costUsd, double voiceCostUsd,
            TranscriptionUsage transcription, double transcriptionCostUsd, Instant at) implements CallEvent { }

    record BargeIn(String callId, long audioEndMs, Instant at) implements CallEvent { }

    /** Something went wrong that the operator should see; the call may or may not go on. */
    record CallProblem(String callId, String message, Instant at) implements CallEvent { }

    record CallEnded(String callId, CallState state, String endReason, Instant at) implements CallEvent { }

    /** The call's record was deleted (History, the API): it is gone everywhere, live board and totals included. */
    record CallDeleted(String callId, Instant at) implements CallEvent { }

    // ---- supervisor powers (whisper, say, mute, take-over, listen-in, transfer)

    /**
     * What supervisors are doing to the call changed: the assistant is {@code muted} (hears and transcribes
     * the caller, does not answer), {@code takenOverBy} a supervisor speaking in its place (null: nobody),
     * {@code listeners} people listen in.
     */
    record SupervisionChanged(String callId, boolean muted, String takenOverBy, int listeners, Instant at)
            implements CallEvent { }

    /**
     * A supervisor used a power on the call: {@code action} is the timeline's word for it ({@code whisper},
     * {@code say}, {@code mute}, {@code unmute}, {@code transfer}, {@code listen}, {@code take-over},
     * {@code hand-back}), {@code by} the user name, {@code detail} what was said or done (may be empty).
     */
    record SupervisorAction(String callId, String action, String by, String detail, Instant at) implements CallEvent {
        /** The timeline's text for it: {@code by alice: be brief}. */
        public String timelineDetail() {
            return "by " + by + (detail == null || detail.isEmpty() ? "" : ": " + detail);
        }
    }
}
