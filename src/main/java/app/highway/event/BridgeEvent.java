package app.highway.event;

import app.highway.call.CallState;
import app.highway.call.Speaker;
import app.highway.call.TranscriptLine;
import app.highway.usage.Usage;
import java.time.Instant;

/**
 * Everything the bridge core tells its observers (the console, the API, the store). Immutable,
 * published from core threads; observers must not block.
 */
public sealed interface BridgeEvent {
    String callId();

    Instant at();

    record CallCreated(String callId, String to, boolean simulated, Instant at) implements BridgeEvent { }

    record CallPlaced(String callId, String callSid, Instant at) implements BridgeEvent { }

    record StateChanged(String callId, CallState from, CallState to, Instant at) implements BridgeEvent { }

    /** {@code speaker} is null when nobody speaks. */
    record SpeakerChanged(String callId, Speaker speaker, Instant at) implements BridgeEvent { }

    /** A transcript line grew ({@code complete == false}) or got its final text. */
    record TranscriptUpdated(String callId, TranscriptLine line, boolean complete, Instant at)
            implements BridgeEvent { }

    record ToolCalled(String callId, String name, String arguments, Instant at) implements BridgeEvent { }

    record ReflectionReported(String callId, String status, Instant at) implements BridgeEvent { }

    record UsageUpdated(String callId, Usage total, double costUsd, Instant at) implements BridgeEvent { }

    record BargeIn(String callId, long audioEndMs, Instant at) implements BridgeEvent { }

    /** Something went wrong that the operator should see; the call may or may not go on. */
    record CallProblem(String callId, String message, Instant at) implements BridgeEvent { }

    record CallEnded(String callId, CallState state, String endReason, Instant at) implements BridgeEvent { }
}
