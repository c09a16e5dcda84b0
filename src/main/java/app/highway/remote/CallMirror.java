package app.highway.remote;

import app.highway.call.CallEvent;
import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import app.highway.call.PhoneMask;
import app.highway.call.Speaker;
import app.highway.call.TimelineEntry;
import app.highway.call.TranscriptLine;
import app.highway.config.CallSettings;
import app.highway.usage.TranscriptionUsage;
import app.highway.usage.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How a call's snapshot follows the bridge's events, for a console that only sees the events: the bridge
 * sends a snapshot of each live call once, then what changed. Pure functions over immutable snapshots,
 * so that the result is the same whichever thread applies them. A line that grows is the one with the same
 * item id ({@code /events} carries it), or, where a line has none (the records of {@code GET /calls}), the same
 * speaker and start time.
 */
final class CallMirror {
    private CallMirror() {
    }

    /** A call just created, before its details (settings, model) are known. */
    static CallSnapshot created(CallEvent.CallCreated e, CallSettings settings) {
        return new CallSnapshot(e.callId(), null, e.to(), null, e.placedBy(), CallState.QUEUED, null, null,
                Usage.ZERO, 0, 0, TranscriptionUsage.ZERO, 0, e.at(), null, null, null, null,
                settings == null ? null : settings.model(), settings == null ? null : settings.voice(),
                settings == null ? 0 : settings.promptVersion(), e.simulated(), List.of(),
                List.of(new TimelineEntry(e.at(), "created", "to " + PhoneMask.mask(e.to()))), settings);
    }

    /** {@code s} after {@code e}; {@code s} itself for events that change nothing a snapshot holds. */
    static CallSnapshot apply(CallSnapshot s, CallEvent e) {
        Draft d = new Draft(s);
        if (e instanceof CallEvent.CallPlaced p) {
            d.callSid = p.callSid();
            d.timeline.add(new TimelineEntry(p.at(), "placed", "Twilio call " + p.callSid()));
        } else if (e instanceof CallEvent.StateChanged c) {
            d.state = c.to();
            if (c.to() == CallState.IN_PROGRESS && d.answeredAt == null) {
                d.answeredAt = c.at();
            }
            if (c.to().isFinal() && d.endedAt == null) {
                d.endedAt = c.at();
            }
            d.timeline.add(new TimelineEntry(c.at(), "state", c.to().wire()));
        } else if (e instanceof CallEvent.SpeakerChanged c) {
            d.speaking = c.speaker();
        } else if (e instanceof CallEvent.TranscriptUpdated t) {
            d.line(t.line());
        } else if (e instanceof CallEvent.ToolCalled t) {
            d.timeline.add(new TimelineEntry(t.at(), "tool", t.name() + " " + t.arguments()));
        } else if (e instanceof CallEvent.ReflectionReported r) {
            d.reflection = r.status();
        } else if (e instanceof CallEvent.UsageUpdated u) {
            d.usage = u.total();
            d.costUsd = u.costUsd();
            d.voiceCostUsd = u.voiceCostUsd();
            d.transcriptionUsage = u.transcription();
            d.transcriptionCostUsd = u.transcriptionCostUsd();
        } else if (e instanceof CallEvent.BargeIn b) {
            d.timeline.add(new TimelineEntry(b.at(), "barge-in", "assistant cut at " + b.audioEndMs() + " ms"));
        } else if (e instanceof CallEvent.CallProblem p) {
            d.timeline.add(new TimelineEntry(p.at(), "problem", p.message()));
        } else if (e instanceof CallEvent.CallEnded end) {
            d.state = end.state();
            d.endReason = d.endReason == null ? end.endReason() : d.endReason;
            d.endedAt = end.at();
            d.speaking = null;
            d.timeline.add(new TimelineEntry(end.at(), "ended", end.endReason()));
        } else if (e instanceof CallEvent.SupervisionChanged v) {
            d.muted = v.muted();
            d.takenOverBy = v.takenOverBy();
            d.listeners = v.listeners();
        } else if (e instanceof CallEvent.SupervisorAction a) {
            d.timeline.add(new TimelineEntry(a.at(), a.action(), a.timelineDetail()));
        } else {
            return s;
        }
        return d.build();
    }

    /** {@code live} with the details only a full record has (settings, model, note), kept from {@code full}. */
    static CallSnapshot withDetails(CallSnapshot live, CallSnapshot full) {
        Draft d = new Draft(live);
        d.callSid = d.callSid == null ? full.callSid() : d.callSid;
        d.note = full.note();
        d.model = full.model();
        d.voice = full.voice();
        d.promptVersion = full.promptVersion();
        d.settings = full.settings();
        return d.build();
    }

    /** A snapshot's fields, to change a few and build the next one. */
    private static final class Draft {
        final String id;
        String callSid;
        final String to;
        String note;
        final String placedBy;
        CallState state;
        String reflection;
        String endReason;
        Usage usage;
        double costUsd;
        double voiceCostUsd;
        TranscriptionUsage transcriptionUsage;
        double transcriptionCostUsd;
        final Instant createdAt;
        Instant answeredAt;
        Instant endedAt;
        Speaker speaking;
        String model;
        String voice;
        int promptVersion;
        final boolean simulated;
        final List<TranscriptLine> transcript;
        final List<TimelineEntry> timeline;
        CallSettings settings;
        private final Long durationSeconds;
        boolean muted;
        String takenOverBy;
        int listeners;

        Draft(CallSnapshot s) {
            id = s.id();
            callSid = s.callSid();
            to = s.to();
            note = s.note();
            placedBy = s.placedBy();
            state = s.state();
            reflection = s.reflection();
            endReason = s.endReason();
            usage = s.usage();
            costUsd = s.costUsd();
            voiceCostUsd = s.voiceCostUsd();
            transcriptionUsage = s.transcriptionUsage();
            transcriptionCostUsd = s.transcriptionCostUsd();
            createdAt = s.createdAt();
            answeredAt = s.answeredAt();
            endedAt = s.endedAt();
            durationSeconds = s.durationSeconds();
            speaking = s.speaking();
            model = s.model();
            voice = s.voice();
            promptVersion = s.promptVersion();
            simulated = s.simulated();
            transcript = new ArrayList<>(s.transcript() == null ? List.of() : s.transcript());
            timeline = new ArrayList<>(s.timeline() == null ? List.of() : s.timeline());
            settings = s.settings();
            muted = s.muted();
            takenOverBy = s.takenOverBy();
            listeners = s.listeners();
        }

        /** A new line in the order it was spoken, or the growing one replaced. */
        void line(TranscriptLine line) {
            if (line == null) {
                return;
            }
            for (int i = transcript.size() - 1; i >= 0; i--) {
                TranscriptLine old = transcript.get(i);
                boolean same = line.itemId() != null && old.itemId() != null ? line.itemId().equals(old.itemId())
                        : old.speaker() == line.speaker() && java.util.Objects.equals(old.at(), line.at());
                if (same) {
                    transcript.set(i, line);
                    return;
                }
            }
            int at = transcript.size();
            while (at > 0 && line.at() != null && transcript.get(at - 1).at() != null
                    && transcript.get(at - 1).at().isAfter(line.at())) {
                at--;
            }
            transcript.add(at, line);
        }

        CallSnapshot build() {
            Long duration = answeredAt == null ? null
                    : endedAt != null ? Long.valueOf(Duration.between(answeredAt, endedAt).toSeconds()) : durationSeconds;
            return new CallSnapshot(id, callSid, to, note, placedBy, state, reflection, endReason, usage, costUsd,
                    voiceCostUsd, transcriptionUsage, transcriptionCostUsd, createdAt, answeredAt, endedAt, duration,
                    speaking, model, voice, promptVersion, simulated, List.copyOf(transcript), List.copyOf(timeline),
                    settings, muted, takenOverBy, listeners);
        }
    }
}
