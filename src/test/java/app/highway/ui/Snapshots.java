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
