package app.highway.call;

import app.highway.config.CallSettings;
import app.highway.call.CallEvent;
import app.highway.event.EventBus;
import app.highway.usage.Usage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The record of one call as it happens. Thread-safe: the HTTP, media and model threads all
 * update it; every change is published as a {@link CallEvent}. Legal moves only: the state
 * goes forward, the end reason is set once (the first cause wins).
 */
public final class Call {
    private final String id;
    private final String to;
    private final String note;
    private final CallSettings settings;
    private final boolean simulated;
    private final Instant createdAt;
    private final EventBus<CallEvent> events;
    private final Clock clock;

    private String callSid;
    private CallState state = CallState.QUEUED;
    private String endReason;
    private String reflection;
    private Usage usage = Usage.ZERO;
    private double costUsd;
    private Instant answeredAt;
    private Instant endedAt;
    private Speaker speaking;
    private CodeRedactor redactor = CodeRedactor.none();
    /**
     * Redacted text by original, so that a record written many times over a call runs the redaction
     * pattern once per line and timeline entry, not on every write (lines only grow and then stay).
     */
    private final Map<String, String> redacted = new HashMap<>();
    private static final int MAX_REDACTED_CACHE = 4096;
    /** Bounds against a hostile or broken peer: a real call has a few dozen of each. */
    static final int MAX_TIMELINE = 1000;
    static final int MAX_TRANSCRIPT_LINES = 2000;
    private final Map<String, TranscriptLine> transcript = new LinkedHashMap<>();
    private final List<TimelineEntry> timeline = new ArrayList<>();
    private int timelineDropped;

    public Call(String id, String to, String note, CallSettings settings, boolean simulated, EventBus<CallEvent> events,
            Clock clock) {
        this.id = id;
        this.to = to;
        this.note = note;
        this.settings = settings;
        this.simulated = simulated;
        this.events = events;
        this.clock = clock;
        this.createdAt = clock.instant();
        addTimeline(new TimelineEntry(createdAt, "created", "to " + PhoneMask.mask(to)));
        events.publish(new CallEvent.CallCreated(id, to, simulated, createdAt));
    }

    private void addTimeline(TimelineEntry entry) {
        if (timeline.size() < MAX_TIMELINE - 1 || entry.kind().equals("ended") || entry.kind().equals("state")) {
            timeline.add(entry);
        } else if (timelineDropped++ == 0) {
            timeline.add(new TimelineEntry(entry.at(), "problem", "too many events: later ones are not recorded"));
        }
    }

    public String id() {
        return id;
    }

    public String to() {
        return to;
    }

    public CallSettings settings() {
        return settings;
    }

    public boolean simulated() {
        return simulated;
    }

    /** Records of this call (store, API, exports) hide this code wherever it is spoken. */
    public synchronized void protectCode(String code) {
        this.redactor = CodeRedactor.forCode(code);
        redacted.clear();
    }

    /** Text about this call with its verification code hidden: for logs and records. */
    public synchronized String redact(String text) {
        return redactor.redact(text);
    }

    public synchronized Optional<String> callSid() {
        return Optional.ofNullable(callSid);
    }

    public synchronized CallState state() {
        return state;
    }

    public synchronized boolean isEnded() {
        return state.isFinal();
    }

    public synchronized void placed(String sid) {
        this.callSid = sid;
        note("placed", "Twilio call " + sid);
        events.publish(new CallEvent.CallPlaced(id, sid, clock.instant()));
    }

    /** Moves the state forward; returns false (and changes nothing) for a backward or repeated move. */
    public synchronized boolean moveTo(CallState next) {
        if (!state.canMoveTo(next)) {
            return false;
        }
        CallState from = state;
        state = next;
        Instant now = clock.instant();
        if (next == CallState.IN_PROGRESS && answeredAt == null) {
            answeredAt = now;
        }
        addTimeline(new TimelineEntry(now, "state", next.wire()));
        events.publish(new CallEvent.StateChanged(id, from, next, now));
        if (next.isFinal()) {
            endedAt = now;
            if (endReason == null) {
                endReason = EndReason.forFinalState(next);
            }
            speaking = null;
            addTimeline(new TimelineEntry(now, "ended", endReason));
            events.publish(new CallEvent.CallEnded(id, next, endReason, now));
        }
        return true;
    }

    /** Records why the call is ending; the first reason given wins. Returns true if this one was taken. */
    public synchronized boolean endBecause(String reason) {
        if (endReason != null || state.isFinal()) {
            return false;
        }
        endReason = reason;
        addTimeline(new TimelineEntry(clock.instant(), "ending", reason));
        return true;
    }

    public synchronized Optional<String> endReason() {
        return Optional.ofNullable(endReason);
    }

    public synchronized void speaking(Speaker speaker) {
        if (speaking == speaker || state.isFinal()) {
            return;
        }
        speaking = speaker;
        events.publish(new CallEvent.SpeakerChanged(id, speaker, clock.instant()));
    }

    /** Appends to (or starts) the line of a conversation item. */
    public synchronized void transcriptDelta(String itemId, Speaker speaker, String delta) {
        TranscriptLine line = transcript.get(itemId);
        if (line == null && transcript.size() >= MAX_TRANSCRIPT_LINES) {
            return;
        }
        line = line == null ? new TranscriptLine(itemId, speaker, delta, clock.instant())
                : line.withText(line.text() + delta);
        transcript.put(itemId, line);
        events.publish(new CallEvent.TranscriptUpdated(id, line, false, clock.instant()));
    }

    /** Reserves a line's place in the order spoken, before its text is known. */
    public synchronized void transcriptStarted(String itemId, Speaker speaker) {
        if (transcript.size() >= MAX_TRANSCRIPT_LINES) {
            return;
        }
        transcript.computeIfAbsent(itemId, k -> new TranscriptLine(k, speaker, "", clock.instant()));
    }

    /** The final text of a line replaces whatever partial text it had. */
    public synchronized void transcriptFinal(String itemId, Speaker speaker, String text) {
        TranscriptLine line = transcript.get(itemId);
        if (line == null && transcript.size() >= MAX_TRANSCRIPT_LINES) {
            return;
        }
        line = line == null ? new TranscriptLine(itemId, speaker, text, clock.instant()) : line.withText(text);
        transcript.put(itemId, line);
        events.publish(new CallEvent.TranscriptUpdated(id, line, true, clock.instant()));
    }

    public synchronized void toolCalled(String name, String arguments) {
        addTimeline(new TimelineEntry(clock.instant(), "tool", name + " " + arguments));
        events.publish(new CallEvent.ToolCalled(id, name, arguments, clock.instant()));
    }

    public synchronized void reflection(String status) {
        reflection = status;
        events.publish(new CallEvent.ReflectionReported(id, status, clock.instant()));
    }

    public synchronized void addUsage(Usage delta, double addedCost) {
        usage = usage.plus(delta);
        costUsd += addedCost;
        events.publish(new CallEvent.UsageUpdated(id, usage, costUsd, clock.instant()));
    }

    public synchronized void bargeIn(long audioEndMs) {
        addTimeline(new TimelineEntry(clock.instant(), "barge-in", "assistant cut at " + audioEndMs + " ms"));
        events.publish(new CallEvent.BargeIn(id, audioEndMs, clock.instant()));
    }

    /** A problem the operator must see (never swallowed). */
    public synchronized void problem(String message) {
        addTimeline(new TimelineEntry(clock.instant(), "problem", message));
        events.publish(new CallEvent.CallProblem(id, message, clock.instant()));
    }

    public synchronized void note(String kind, String detail) {
        addTimeline(new TimelineEntry(clock.instant(), kind, detail));
    }

    /** The call as it may be recorded and shown outside the live console: the code redacted. */
    public synchronized CallSnapshot redactedSnapshot() {
        CallSnapshot s = snapshot();
        return new CallSnapshot(s.id(), s.callSid(), s.to(), s.note(), s.state(), s.reflection(), s.endReason(),
                s.usage(), s.costUsd(), s.createdAt(), s.answeredAt(), s.endedAt(), s.durationSeconds(),
                s.speaking(), s.model(), s.voice(), s.promptVersion(), s.simulated(),
                s.transcript().stream().map(l -> l.withText(redactOnce(l.text()))).toList(),
                s.timeline().stream().map(t -> new TimelineEntry(t.at(), t.kind(), redactOnce(t.detail()))).toList(),
                s.settings());
    }

    private String redactOnce(String text) {
        if (text == null) {
            return null;
        }
        String r = redacted.get(text);
        if (r == null) {
            if (redacted.size() >= MAX_REDACTED_CACHE) {
                redacted.clear(); // partial transcripts make new strings all the time: keep the cache bounded
            }
            r = redactor.redact(text);
            redacted.put(text, r);
        }
        return r;
    }

    public synchronized CallSnapshot snapshot() {
        List<TranscriptLine> lines = transcript.values().stream()
                .filter(l -> !l.text().isBlank())
                .sorted(Comparator.comparing(TranscriptLine::at))
                .toList();
        Long durationSeconds = answeredAt == null ? null
                : Duration.between(answeredAt, endedAt == null ? clock.instant() : endedAt).toSeconds();
        return new CallSnapshot(id, callSid, to, note, state, reflection, endReason, usage, costUsd,
                createdAt, answeredAt, endedAt, durationSeconds, speaking, settings.model(), settings.voice(),
                settings.promptVersion(), simulated, lines, List.copyOf(timeline), settings);
    }
}
