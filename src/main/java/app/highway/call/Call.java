package app.highway.call;

import app.highway.config.CallSettings;
import app.highway.event.EventBus;
import app.highway.team.Actor;
import app.highway.usage.TranscriptionUsage;
import app.highway.usage.Usage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The record of one call as it happens. Thread-safe: the HTTP, media and model threads all
 * update it under its monitor; every change is published as a {@link CallEvent}, in the order the
 * changes were made, but never while the monitor is held (a subscriber that takes another lock
 * cannot deadlock the relay; see {@link CallOutbox}). Legal moves only ({@link CallState}): the end
 * reason is set once (the first cause wins). The per-frame path ({@link #speaking}, {@link #isOver})
 * takes no lock when nothing changes. What it used and cost is {@link CallCosts}'s, its code is hidden
 * from records by {@link Redaction}.
 */
public final class Call {
    private final String id;
    private final String to;
    private final String note;
    private final String placedBy;
    private final CallSettings settings;
    private final boolean simulated;
    private final Instant createdAt;
    private final Clock clock;

    private String callSid;
    private volatile CallState state = CallState.QUEUED;
    private String endReason;
    private String reflection;
    private final CallCosts costs = new CallCosts();
    private Instant answeredAt;
    private Instant endedAt;
    private volatile Speaker speaking;
    private final Redaction redaction = new Redaction();
    private final Transcript transcript = new Transcript();
    // what supervisors do to the call (see CallEvent.SupervisionChanged)
    private volatile boolean muted;
    private String takenOverBy;
    private int listeners;
    private int notes;
    private final Timeline timeline = new Timeline();
    private TurnLatencies turns = TurnLatencies.NONE;
    private final CallOutbox outbox;

    /** A call placed with the bridge's own token (by the owner). */
    public Call(String id, String to, String note, CallSettings settings, boolean simulated, EventBus<CallEvent> events,
            Clock clock) {
        this(id, to, note, Actor.OWNER.user(), settings, simulated, events, clock);
    }

    /** A call placed by {@code placedBy} (a user name): who may see it and hang it up follows from that. */
    public Call(String id, String to, String note, String placedBy, CallSettings settings, boolean simulated,
            EventBus<CallEvent> events, Clock clock) {
        this.id = id;
        this.to = to;
        this.note = note;
        this.placedBy = Objects.requireNonNull(placedBy, "placedBy");
        this.settings = settings;
        this.simulated = simulated;
        this.outbox = new CallOutbox(events);
        this.clock = clock;
        this.createdAt = clock.instant();
        timeline.add(new TimelineEntry(createdAt, "created", "to " + PhoneMask.mask(to)));
        outbox.add(new CallEvent.CallCreated(id, to, placedBy, simulated, createdAt));
        outbox.publish();
    }

    public String id() {
        return id;
    }

    public String to() {
        return to;
    }

    /** The user name of whoever placed the call ({@code owner} for the bridge's own token). */
    public String placedBy() {
        return placedBy;
    }

    public CallSettings settings() {
        return settings;
    }

    public boolean simulated() {
        return simulated;
    }

    /** Records of this call (store, API, exports) hide this code wherever it is spoken. */
    public synchronized void protectCode(String code) {
        redaction.protect(code);
    }

    /** Text about this call with its verification code hidden: for logs and records. */
    public synchronized String redact(String text) {
        return redaction.redact(text);
    }

    public synchronized Optional<String> callSid() {
        return Optional.ofNullable(callSid);
    }

    public CallState state() {
        return state;
    }

    public boolean isEnded() {
        return state.isFinal();
    }

    /** Ending or ended: no stream is admitted and no timer acts. Lock-free. */
    public boolean isOver() {
        return state.isOver();
    }

    /** Answered, by the media stream or Twilio's status; decides how Twilio is asked to end it. */
    public synchronized boolean answered() {
        return answeredAt != null;
    }

    /**
     * Twilio accepted the call and gave its CallSid, which is recorded in any case. Returns false if
     * the call began ending while Twilio was answering: then no one else knows the CallSid yet, and
     * the caller of this method must cancel the call at Twilio.
     */
    public boolean placed(String sid) {
        boolean live;
        synchronized (this) {
            this.callSid = sid;
            live = !state.isOver();
            Instant now = clock.instant(); // one instant for the entry and its event: a console tells them apart by it
            timeline.add(new TimelineEntry(now, "placed", "Twilio call " + sid));
            outbox.add(new CallEvent.CallPlaced(id, sid, now));
        }
        outbox.publish();
        return live;
    }

    /** Moves the state on; returns false (and changes nothing) for a move {@link CallState} does not allow. */
    public boolean moveTo(CallState next) {
        synchronized (this) {
            if (!state.canMoveTo(next)) {
                return false;
            }
            CallState from = state;
            Instant now = clock.instant();
            if (next == CallState.IN_PROGRESS && answeredAt == null) {
                answeredAt = now;
            }
            if (next.isFinal()) {
                endedAt = now;
                if (endReason == null) {
                    endReason = EndReason.forFinalState(next);
                }
                speaking = null;
            }
            state = next;
            timeline.add(new TimelineEntry(now, "state", next.wire()));
            outbox.add(new CallEvent.StateChanged(id, from, next, now));
            if (next.isFinal()) {
                timeline.add(new TimelineEntry(now, "ended", endReason));
                outbox.add(new CallEvent.CallEnded(id, next, endReason, now));
            }
        }
        outbox.publish();
        return true;
    }

    /**
     * The bridge starts ending the call for {@code reason}: the state becomes {@link CallState#ENDING}
     * at once. Exactly one caller gets a ticket (the first; empty for every later one and once the
     * call is over). The ticket carries the CallSid as it was at that moment: without one, the
     * placement still in flight owns the cancellation (see {@link #placed}).
     */
    public Optional<Ending> beginEnding(String reason) {
        Ending ticket;
        synchronized (this) {
            if (!state.canMoveTo(CallState.ENDING)) {
                return Optional.empty();
            }
            CallState from = state;
            Instant now = clock.instant();
            if (endReason == null) {
                endReason = reason;
            }
            state = CallState.ENDING;
            timeline.add(new TimelineEntry(now, "ending", endReason));
            outbox.add(new CallEvent.StateChanged(id, from, CallState.ENDING, now));
            ticket = new Ending(Optional.ofNullable(callSid), answeredAt != null);
        }
        outbox.publish();
        return Optional.of(ticket);
    }

    /** What {@link #beginEnding} found: the CallSid if Twilio had given it, and whether the call was answered. */
    public record Ending(Optional<String> callSid, boolean answered) { }

    /** Records why the call is ending, without moving it; the first reason given wins. Returns true if taken. */
    public boolean endBecause(String reason) {
        synchronized (this) {
            if (endReason != null || state.isFinal()) {
                return false;
            }
            endReason = reason;
            Instant now = clock.instant();
            timeline.add(new TimelineEntry(now, "ending", reason));
            outbox.add(new CallEvent.TimelineNoted(id, "ending", reason, now));
        }
        outbox.publish();
        return true;
    }

    public synchronized Optional<String> endReason() {
        return Optional.ofNullable(endReason);
    }

    /** Who speaks now. Called for every audio delta: a volatile read, no lock, unless it changes. */
    public void speaking(Speaker speaker) {
        if (speaking == speaker || state.isFinal()) {
            return;
        }
        synchronized (this) {
            if (speaking == speaker || state.isFinal()) {
                return;
            }
            speaking = speaker;
            outbox.add(new CallEvent.SpeakerChanged(id, speaker, clock.instant()));
        }
        outbox.publish();
    }

    /** Appends to (or starts) the line of a conversation item. */
    public void transcriptDelta(String itemId, Speaker speaker, String delta) {
        synchronized (this) {
            TranscriptLine line = transcript.append(itemId, speaker, delta, clock.instant());
            if (line == null) {
                return;
            }
            outbox.add(new CallEvent.TranscriptUpdated(id, line, false, clock.instant()));
        }
        outbox.publish();
    }

    /** Reserves a line's place in the order spoken, before its text is known. */
    public synchronized void transcriptStarted(String itemId, Speaker speaker) {
        transcript.reserve(itemId, speaker, clock.instant());
    }

    /** The final text of a line replaces whatever partial text it had. */
    public void transcriptFinal(String itemId, Speaker speaker, String text) {
        synchronized (this) {
            TranscriptLine line = transcript.complete(itemId, speaker, text, clock.instant());
            if (line == null) {
                return;
            }
            outbox.add(new CallEvent.TranscriptUpdated(id, line, true, clock.instant()));
        }
        outbox.publish();
    }

    public void toolCalled(String name, String arguments) {
        Instant now = clock.instant();
        record(new TimelineEntry(now, "tool", name + " " + arguments), new CallEvent.ToolCalled(id, name, arguments, now));
    }

    public void reflection(String status) {
        synchronized (this) {
            reflection = status;
            outbox.add(new CallEvent.ReflectionReported(id, status, clock.instant()));
        }
        outbox.publish();
    }

    /** The voice model's usage of one response, and what it cost. */
    public void addUsage(Usage delta, double addedCost) {
        synchronized (this) {
            costs.addVoice(delta, addedCost);
            outbox.add(costs.event(id, clock.instant()));
        }
        outbox.publish();
    }

    /** What transcribing one of the caller's turns used, and what it cost at the transcription model's price. */
    public void addTranscriptionUsage(TranscriptionUsage delta, double addedCost) {
        synchronized (this) {
            costs.addTranscription(delta, addedCost);
            outbox.add(costs.event(id, clock.instant()));
        }
        outbox.publish();
    }

    public void bargeIn(long audioEndMs) {
        Instant now = clock.instant();
        record(new TimelineEntry(now, "barge-in", "assistant cut at " + audioEndMs + " ms"),
                new CallEvent.BargeIn(id, audioEndMs, now));
    }

    /**
     * The assistant answered a turn {@code latencyMs} after the caller stopped speaking (measured by the
     * session, see {@link TurnLatencies}): kept with the call, on its timeline, and published.
     */
    public void turnMeasured(long latencyMs) {
        synchronized (this) {
            if (state.isFinal()) {
                return;
            }
            Instant now = clock.instant();
            turns = turns.plus(new TurnLatencies.Turn(now, latencyMs));
            timeline.add(new TimelineEntry(now, "turn", "assistant answered after " + latencyMs + " ms"));
            outbox.add(new CallEvent.TurnMeasured(id, latencyMs, now));
        }
        outbox.publish();
    }

    /** A problem the operator must see (never swallowed). */
    public void problem(String message) {
        Instant now = clock.instant();
        record(new TimelineEntry(now, "problem", message), new CallEvent.CallProblem(id, message, now));
    }

    /** A line of the timeline (and its event, for the consoles following the call). */
    public void note(String kind, String detail) {
        Instant now = clock.instant();
        record(new TimelineEntry(now, kind, detail), new CallEvent.TimelineNoted(id, kind, detail, now));
    }

    private void record(TimelineEntry entry, CallEvent event) {
        synchronized (this) {
            timeline.add(entry);
            outbox.add(event);
        }
        outbox.publish();
    }

    /** The call as it may be recorded and shown outside the live console: the code redacted. */
    public synchronized CallSnapshot redactedSnapshot() {
        return redaction.of(snapshot());
    }

    public synchronized CallSnapshot snapshot() {
        List<TranscriptLine> lines = transcript.spoken();
        Long durationSeconds = answeredAt == null ? null
                : Duration.between(answeredAt, endedAt == null ? clock.instant() : endedAt).toSeconds();
        return new CallSnapshot(id, callSid, to, note, placedBy, state, reflection, endReason, costs.usage(),
                costs.totalUsd(), costs.voiceUsd(), costs.transcription(), costs.transcriptionUsd(), createdAt,
                answeredAt, endedAt, durationSeconds, speaking, settings.model(), settings.voice(),
                settings.promptVersion(), simulated, lines, timeline.entries(), settings, muted, takenOverBy, listeners,
                turns);
    }

    // ---------------------------------------------------------------- supervisor powers

    /** A supervisor muted the assistant (it hears and transcribes the caller but does not answer). Lock-free. */
    public boolean muted() {
        return muted;
    }

    public synchronized Optional<String> takenOverBy() {
        return Optional.ofNullable(takenOverBy);
    }

    public synchronized int listeners() {
        return listeners;
    }

    /** Mutes or unmutes the assistant; false (nothing published) if it already was so or the call is over. */
    public boolean setMuted(boolean mute) {
        synchronized (this) {
            if (muted == mute || state.isFinal()) {
                return false;
            }
            muted = mute;
            outbox.add(supervisionChanged());
        }
        outbox.publish();
        return true;
    }

    /** {@code user} speaks to the caller in the assistant's place (null: nobody any more); false if unchanged. */
    public boolean setTakenOverBy(String user) {
        synchronized (this) {
            if (Objects.equals(takenOverBy, user) || (user != null && state.isFinal())) {
                return false;
            }
            takenOverBy = user;
            outbox.add(supervisionChanged());
        }
        outbox.publish();
        return true;
    }

    /** How many people listen in changed by {@code delta} (never below 0); returns the new count. */
    public int addListeners(int delta) {
        int now;
        synchronized (this) {
            now = Math.max(0, listeners + delta);
            if (now == listeners) {
                return now;
            }
            listeners = now;
            outbox.add(supervisionChanged());
        }
        outbox.publish();
        return now;
    }

    private CallEvent.SupervisionChanged supervisionChanged() {
        return new CallEvent.SupervisionChanged(id, muted, takenOverBy, listeners, clock.instant());
    }

    /** A supervisor used a power on the call: on the timeline, with who, and to every observer. */
    public void supervisorAction(String action, String by, String detail) {
        CallEvent.SupervisorAction event = new CallEvent.SupervisorAction(id, action, by, detail == null ? "" : detail,
                clock.instant());
        record(new TimelineEntry(event.at(), action, event.timelineDetail()), event);
    }

    /**
     * A supervisor's note to the assistant (a whisper): a transcript line of its own, spoken by
     * {@link Speaker#SUPERVISOR}, never something the caller heard.
     */
    public void supervisorNote(String text) {
        synchronized (this) {
            TranscriptLine line = transcript.complete("supervisor-note-" + (++notes), Speaker.SUPERVISOR, text,
                    clock.instant());
            if (line == null) {
                return;
            }
            outbox.add(new CallEvent.TranscriptUpdated(id, line, true, clock.instant()));
        }
        outbox.publish();
    }
}
