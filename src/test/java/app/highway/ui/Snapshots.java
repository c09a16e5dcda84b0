package app.highway.ui;

import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import app.highway.call.Speaker;
import app.highway.call.TimelineEntry;
import app.highway.call.TranscriptLine;
import app.highway.config.CallSettings;
import app.highway.usage.Usage;
import java.time.Instant;
import java.util.List;

/** Call snapshots for view-model tests, without a bridge. */
public final class Snapshots {
    public static final Instant T0 = Instant.parse("2025-03-04T10:15:30Z");

    private Snapshots() {
    }

    /** A finished call with {@code model}, its cost and its turns' latencies (ms). */
    public static CallSnapshot withModel(String id, String model, String reflection, double costUsd,
            long... turnLatenciesMs) {
        CallSnapshot c = of(id, "+15559876543", CallState.COMPLETED, reflection);
        List<app.highway.call.TurnLatencies.Turn> turns = new java.util.ArrayList<>();
        for (long ms : turnLatenciesMs) {
            turns.add(new app.highway.call.TurnLatencies.Turn(T0, ms));
        }
        return new CallSnapshot(c.id(), c.callSid(), c.to(), c.note(), c.placedBy(), c.state(), c.reflection(),
                c.endReason(), c.usage(), costUsd, costUsd, c.transcriptionUsage(), 0, c.createdAt(), c.answeredAt(),
                c.endedAt(), c.durationSeconds(), c.speaking(), model, c.voice(), c.promptVersion(), c.simulated(),
                c.transcript(), c.timeline(), CallSettings.defaults(model), false, null, 0,
                app.highway.call.TurnLatencies.of(turns));
    }

    public static CallSnapshot of(String id, String to, CallState state, String reflection) {
        List<TranscriptLine> transcript = List.of(new TranscriptLine("i1", Speaker.ASSISTANT, "Your code is 1 2 3.", T0),
                new TranscriptLine("i2", Speaker.CALLER, "Thanks", T0.plusSeconds(4)));
        List<TimelineEntry> timeline = List.of(new TimelineEntry(T0, "placed", "to " + to));
        return new CallSnapshot(id, "CA" + id, to, null, state, reflection, state.isFinal() ? "operator_hung_up" : null,
                new Usage(100, 50, 150, 100, 0, 0, 0, 0, 10, 40), 0.0123, T0, T0.plusSeconds(3),
                state.isFinal() ? T0.plusSeconds(30) : null, state.isFinal() ? 27L : null, null, "gpt-realtime",
                "shimmer", 1, false, transcript, timeline, CallSettings.defaults("gpt-realtime"));
    }
}
