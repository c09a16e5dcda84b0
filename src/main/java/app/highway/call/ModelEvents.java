package app.highway.call;

import app.highway.audio.Base64Audio;
import app.highway.realtime.ModelConnection;
import app.highway.realtime.ModelListener;
import app.highway.realtime.RealtimeError;
import app.highway.realtime.RealtimeFailure;
import app.highway.twilio.MediaStreamSender;
import app.highway.usage.PriceTable;
import app.highway.usage.TranscriptionUsage;
import app.highway.usage.Usage;

/**
 * The model's side of one call's conversation: turns what the model says and does into the call's
 * record (transcript, tools, usage, turn latencies) and the caller's audio (barge-in included). Every
 * callback runs on the model socket's reader, the call's relay loop, one at a time; the relay state it
 * shares with the caller's side and the supervisor's commands is its {@link CallSession}'s.
 *
 * <p>Muted ({@link Call#muted()}): the assistant's audio is dropped, the model does not answer on its own
 * (turn detection's {@code create_response} off) and the bridge sends it no {@code response.create}, so the
 * caller is still heard and transcribed but not answered.
 */
final class ModelEvents implements ModelListener {
    private final CallSession session;
    private final Call call;
    private final CallService service;
    private final PriceTable prices;
    private final Playback playback;
    private final TurnClock turns;
    private final RelayStats stats;
    private final ToolCalls tools;
    private final ModelFailures failures;
    private volatile boolean sessionReady;
    /** session.update has been sent on the current model socket. */
    private volatile boolean configured;
    /** The current model socket's session duration already billed (APIs billed by time). */
    private volatile double sessionSeconds;

    ModelEvents(CallSession session, CallService service, PriceTable prices) {
        this.session = session;
        this.call = session.call();
        this.service = service;
        this.prices = prices;
        this.playback = session.playback;
        this.turns = session.turns;
        this.stats = session.stats;
        this.tools = new ToolCalls(call);
        this.failures = new ModelFailures(call, service);
    }

    boolean configured() {
        return configured;
    }

    @Override
    public void onConnected() {
        ModelConnection model = session.modelConnection();
        call.note("model", "model socket open");
        sessionSeconds = 0;
        model.configure(call.settings());
        session.responses.reset();
        session.supervision.modelConnected(model);
        configured = true;
        // the API applies client events in order: once session.update is on the wire, the greeting
        // may follow at once (no wait for session.updated), so the assistant speaks first without delay
        session.greeting.maybeGreet(model, true, session.callerSender() != null);
    }

    @Override
    public void onSessionReady() {
        sessionReady = true;
        call.note("model", "session configured");
        session.greeting.sessionReady(session.modelConnection(), session.callerSender() != null);
    }

    @Override
    public void onCallerSpeechStarted(String itemId) {
        turns.callerStarted(playback.currentItem());
        call.speaking(Speaker.CALLER);
        if (itemId != null) {
            call.transcriptStarted(itemId, Speaker.CALLER);
        }
        MediaStreamSender c = session.callerSender();
        Playback.Cut cut = c == null ? null : playback.bargeIn();
        if (cut != null) { // the caller talks over the assistant: drop what Twilio has not played yet
            c.clear();
            session.modelConnection().truncate(cut.itemId(), cut.playedMs());
            call.bargeIn(cut.playedMs());
        }
    }

    @Override
    public void onCallerSpeechStopped() {
        turns.callerStopped(playback.currentItem());
        call.speaking(null);
    }

    @Override
    public void onCallerSpeechStopped(long nanosAgo) {
        turns.callerStopped(playback.currentItem(), nanosAgo);
        call.speaking(null);
    }

    @Override
    public void onCallerTranscriptDelta(String itemId, String text) {
        call.transcriptDelta(itemId, Speaker.CALLER, text);
    }

    @Override
    public void onCallerTranscriptCompleted(String itemId, String transcript, TranscriptionUsage usage) {
        call.transcriptFinal(itemId, Speaker.CALLER, transcript);
        if (usage != null && !usage.isZero()) {
            call.addTranscriptionUsage(usage, prices.transcriptionCost(call.settings().transcriptionModel(), usage));
        }
    }

    @Override
    public void onTranscriptionFailed(String message) {
        call.problem("The caller's words could not be transcribed: " + message);
    }

    @Override
    public void onAssistantItemStarted(String itemId) {
        call.transcriptStarted(itemId, Speaker.ASSISTANT);
    }

    @Override
    public void onAudioDelta(String itemId, Base64Audio audio) {
        stats.modelThread();
        if (call.muted()) {
            return; // what the model still says before its cancel lands is not played
        }
        MediaStreamSender c = session.callerSender();
        if (c == null || audio.isEmpty()) {
            stats.framesDropped.incrementAndGet();
            return;
        }
        if (!MediaStreamSender.isAudio(audio)) {
            call.problem("The model sent audio that is not valid base64; skipped");
            return;
        }
        playback.sent(itemId, MediaStreamSender.millis(audio));
        long waited = turns.answered(itemId); // timed as the frame is handed to the carrier's socket
        c.sendAudio(audio);
        if (waited >= 0) {
            call.turnMeasured(waited / 1_000_000);
        }
        stats.framesToCaller.incrementAndGet();
        call.speaking(Speaker.ASSISTANT);
    }

    /** After an item's last audio: a mark Twilio echoes once the caller has heard all of it. */
    @Override
    public void onAudioDone(String itemId) {
        MediaStreamSender c = session.callerSender();
        String mark = c == null ? null : playback.endMark(itemId);
        if (mark != null) {
            c.mark(mark);
        }
    }

    @Override
    public void onAssistantTranscriptDelta(String itemId, String text) {
        call.transcriptDelta(itemId, Speaker.ASSISTANT, text);
    }

    @Override
    public void onAssistantTranscriptDone(String itemId, String transcript) {
        call.transcriptFinal(itemId, Speaker.ASSISTANT, transcript);
    }

    @Override
    public void onToolCall(String name, String callId, String argumentsJson) {
        session.modelConnection().toolResult(callId, tools.called(name, argumentsJson));
    }

    @Override
    public void onResponseStarted() {
        session.responses.started();
        if (call.muted()) {
            session.modelConnection().cancelResponse(); // started as the mute was being applied: not a word is played
        }
    }

    @Override
    public void onResponseDone(Usage usage, String status, String failureCode) {
        session.responses.done();
        turns.responseEnded(status);
        onAudioDone(playback.currentItem()); // for servers that skip the audio's done event
        if (usage != null) {
            call.addUsage(usage, prices.cost(call.settings().model(), usage));
        }
        if (failureCode != null) {
            call.problem("The model's response failed: " + failureCode);
        }
        ToolCalls.Next next = tools.responseDone();
        // the voicemail's callback message has been said: hang up once Twilio has played it
        if (next == ToolCalls.Next.HANG_UP || session.machine.messageLeft()) {
            MediaStreamSender c = session.callerSender();
            if (c != null) {
                c.mark(CallSession.HANG_UP_MARK);
                service.hangUpGuard(call, playback.unplayedMs());
            } else {
                service.endCall(call, EndReason.ASSISTANT_HUNG_UP, null);
            }
        } else {
            session.responses.flush(session.modelConnection(), call.muted(), next == ToolCalls.Next.FOLLOW_UP);
        }
    }

    /** The session's duration so far: what it adds is billed at the model's price per session minute. */
    @Override
    public void onSessionTime(double seconds) {
        double added = seconds - sessionSeconds;
        if (added > 0) {
            sessionSeconds = seconds;
            call.addUsage(Usage.ZERO, prices.sessionCost(call.settings().model(), added));
        }
    }

    @Override
    public void onError(RealtimeError error) {
        failures.error(error, sessionReady);
    }

    @Override
    public void onEventFailed(String event, RuntimeException error) {
        call.problem("Could not handle the model's " + event + " event: " + error.getClass().getSimpleName());
    }

    @Override
    public void onClosed(int code, String reason, RealtimeFailure failure) {
        if (failures.closed(code, reason, failure, sessionReady)) {
            session.greeting.reconnecting();
            sessionReady = false;
            configured = false;
            playback.reset();
            turns.reset();
            service.reconnectModel(session);
        }
    }
}
