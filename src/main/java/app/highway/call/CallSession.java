package app.highway.call;

import app.highway.audio.Base64Audio;
import app.highway.realtime.ModelConnection;
import app.highway.realtime.ModelListener;
import app.highway.realtime.RealtimeError;
import app.highway.realtime.RealtimeFailure;
import app.highway.twilio.MediaEvent;
import app.highway.twilio.MediaSink;
import app.highway.twilio.MediaStreamSender;
import app.highway.usage.PriceTable;
import app.highway.usage.TranscriptionUsage;
import app.highway.usage.Usage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's conversation: relays its audio between the caller's media stream and its model
 * connection, and turns what the model says and does into the call's record (transcript, tools,
 * usage, barge-in). Speaks no wire format: the model is a {@link ModelConnection}, the caller a
 * {@link MediaStreamSender}, and what has been played is {@link Playback}'s.
 *
 * <p>Threads: the media stream's messages arrive on its reader, one at a time; the model's events on
 * its socket's reader, one at a time. Both only meet in {@link Playback} and in the greeting (whichever
 * of stream start and session ready comes last sends it, once). Nothing here locks or blocks.
 * Both readers are the transport's relay loop; a supervisor's command (mute, whisper, say) comes from
 * another thread and is handed to that loop ({@link #onRelay}), so it never overlaps the model's events.
 *
 * <p>Muted ({@link Call#muted()}): the assistant's audio is dropped, the model does not answer on its own
 * (turn detection's {@code create_response} off) and the bridge sends it no {@code response.create}, so the
 * caller is still heard and transcribed but not answered.
 */
final class CallSession implements ModelListener {
    private static final Logger log = LoggerFactory.getLogger(CallSession.class);
    static final String HANG_UP_MARK = "hangup";

    private final Call call;
    private final CallService service;
    private final PriceTable prices;
    private final Playback playback = new Playback();
    private final ToolCalls tools;
    private final ModelFailures failures;

    private volatile ModelConnection model;
    private volatile boolean closed;
    private volatile boolean sessionReady;
    /** session.update has been sent on the current model socket. */
    private volatile boolean configured;
    /** A transfer was asked of Twilio: the media stream stopping now is the transfer, not the caller hanging up. */
    private final AtomicBoolean transferring = new AtomicBoolean();
    private volatile MediaStreamSender caller;
    private final Greeting greeting;
    private final Executor relay;
    /** Relay loop only: responses asked for, and whether one is under way. */
    private final Responses responses = new Responses();
    /** Relay loop only: the mute state the model and the carrier were last set to. */
    private boolean muteApplied;
    final RelayStats stats = new RelayStats();
    private final TurnClock turns = new TurnClock(System::nanoTime);
    /** The listen-in mix: idle (one volatile read a frame) while nobody listens. */
    final CallMix mix = new CallMix();
    /** A supervisor speaking in the assistant's place. */
    final TakeOver takeOver;

    CallSession(Call call, String verificationCode, CallService service, PriceTable prices) {
        this.call = call;
        this.greeting = new Greeting(call, verificationCode);
        this.service = service;
        this.prices = prices;
        this.tools = new ToolCalls(call);
        this.failures = new ModelFailures(call, service);
        this.relay = service.relay();
        this.takeOver = new TakeOver(this, relay);
    }

    Call call() {
        return call;
    }

    String streamSid() {
        MediaStreamSender c = caller;
        return c == null ? null : c.streamSid();
    }

    /** A model socket attached after the session was closed (the call ended meanwhile) is closed at once. */
    void attachModel(ModelConnection connection) {
        this.model = connection;
        if (closed) {
            connection.close();
        }
    }

    void close() {
        closed = true;
        ModelConnection m = model;
        if (m != null) {
            m.close();
        }
        MediaStreamSender c = caller;
        if (c != null) {
            c.close(1000, "call ended");
        }
        mix.ended(call.endReason().orElse(EndReason.CALLER_HUNG_UP));
    }

    /** The caller's side, once the media stream started (else null). */
    MediaStreamSender callerSender() {
        return caller;
    }

    ModelConnection modelConnection() {
        return model;
    }

    /** Someone starts listening (the relay loop); false if the call has ended. */
    boolean listen(CallAudio.Listener listener) {
        return mix.add(listener, playback.unplayedMs());
    }

    /** The caller's side, on the media stream's reader: the stream was admitted. */
    void streamStarted(MediaEvent.Start start, MediaSink sink) {
        greeting.streamStarted();
        MediaStreamSender sender = new MediaStreamSender(sink, start.streamSid());
        sender.tap(mix);
        this.caller = sender;
        call.note("stream", "media stream " + start.streamSid() + " started");
        call.moveTo(CallState.IN_PROGRESS);
        ModelConnection m = model;
        if (m != null) {
            greeting.maybeGreet(m, configured, true);
        }
    }

    void onMedia(MediaEvent.Media media) {
        stats.mediaThread();
        playback.heard(media.timestamp());
        mix.callerFrame(media.payload());
        ModelConnection m = model;
        if (m != null && m.appendAudio(media.payload())) {
            stats.framesToModel.incrementAndGet();
        } else {
            stats.framesDropped.incrementAndGet();
        }
    }

    void onMark(MediaEvent.Mark mark) {
        if (HANG_UP_MARK.equals(mark.name())) {
            log.info("Call {}: last words played, hanging up", call.id());
            service.endCall(call, EndReason.ASSISTANT_HUNG_UP, null);
        } else if (playback.markEchoed(mark.name())) {
            call.speaking(null);
        }
    }

    void onMalformed(String reason) {
        stats.malformed(call.id(), reason);
    }

    /** The model's side, on the model socket's reader, from here on. */
    @Override
    public void onConnected() {
        call.note("model", "model socket open");
        model.configure(call.settings());
        responses.reset();
        muteApplied = call.muted();
        if (muteApplied) { // a new socket (reconnect) of a muted call: configure turned answering on again
            model.respondOnTurns(call.settings(), false);
        }
        configured = true;
        // the API applies client events in order: once session.update is on the wire, the greeting
        // may follow at once (no wait for session.updated), so the assistant speaks first without delay
        greeting.maybeGreet(model, true, caller != null);
    }

    @Override
    public void onSessionReady() {
        sessionReady = true;
        call.note("model", "session configured");
        greeting.sessionReady(model, caller != null);
    }

    @Override
    public void onCallerSpeechStarted(String itemId) {
        turns.callerStarted(playback.currentItem());
        call.speaking(Speaker.CALLER);
        if (itemId != null) {
            call.transcriptStarted(itemId, Speaker.CALLER);
        }
        MediaStreamSender c = caller;
        Playback.Cut cut = c == null ? null : playback.bargeIn();
        if (cut != null) { // the caller talks over the assistant: drop what Twilio has not played yet
            c.clear();
            model.truncate(cut.itemId(), cut.playedMs());
            call.bargeIn(cut.playedMs());
        }
    }

    @Override
    public void onCallerSpeechStopped() {
        turns.callerStopped(playback.currentItem());
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
        MediaStreamSender c = caller;
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
        MediaStreamSender c = caller;
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
        model.toolResult(callId, tools.called(name, argumentsJson));
    }

    @Override
    public void onResponseStarted() {
        responses.started();
        if (call.muted()) {
            model.cancelResponse(); // started as the mute was being applied: not a word of it is played
        }
    }

    @Override
    public void onResponseDone(Usage usage, String status, String failureCode) {
        responses.done();
        turns.responseEnded(status);
        onAudioDone(playback.currentItem()); // for servers that skip the audio's done event
        if (usage != null) {
            call.addUsage(usage, prices.cost(call.settings().model(), usage));
        }
        if (failureCode != null) {
            call.problem("The model's response failed: " + failureCode);
        }
        ToolCalls.Next next = tools.responseDone();
        if (next == ToolCalls.Next.HANG_UP) {
            MediaStreamSender c = caller;
            if (c != null) {
                c.mark(HANG_UP_MARK);
                service.hangUpGuard(call, playback.unplayedMs());
            } else {
                service.endCall(call, EndReason.ASSISTANT_HUNG_UP, null);
            }
        } else {
            responses.flush(model, call.muted(), next == ToolCalls.Next.FOLLOW_UP);
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
            greeting.reconnecting();
            sessionReady = false;
            configured = false;
            playback.reset();
            turns.reset();
            service.reconnectModel(this);
        }
    }

    // ---------------------------------------------------------------- supervisor powers

    /** Runs {@code work} on the relay loop, the thread the call's sockets are handled on, unless the call is closed. */
    private void onRelay(Runnable work) {
        relay.execute(() -> {
            if (!closed) {
                work.run();
            }
        });
    }

    /**
     * Mutes the assistant, from any thread: on the timeline as done by {@code by} ({@code why} may be empty);
     * the response under way is cancelled, Twilio's buffer cleared, what was not heard truncated, and the
     * model stops answering on its own. False if it was muted already or the call is over.
     */
    boolean muteAssistant(String by, String why) {
        if (!call.setMuted(true)) {
            return false;
        }
        call.supervisorAction("mute", by, why);
        onRelay(this::applyMute);
        return true;
    }

    /** Unmutes the assistant, from any thread: it answers the caller's turns again. False if it was not muted. */
    boolean unmuteAssistant(String by, String why) {
        if (!call.setMuted(false)) {
            return false;
        }
        call.supervisorAction("unmute", by, why);
        onRelay(this::applyMute);
        return true;
    }

    /** Relay loop: brings the model and the carrier to the call's mute state (the latest, if it flipped twice). */
    private void applyMute() {
        boolean mute = call.muted();
        if (mute == muteApplied) {
            return;
        }
        muteApplied = mute;
        ModelConnection m = model;
        if (mute) {
            if (m != null && responses.underWay()) {
                m.cancelResponse(); // only while one is under way: otherwise the model answers with an error
            }
            responses.forget();
            MediaStreamSender c = caller;
            if (c != null) {
                c.clear(); // drop what Twilio has not played yet
                Playback.Cut cut = playback.bargeIn();
                if (cut != null) {
                    if (m != null) {
                        m.truncate(cut.itemId(), cut.playedMs()); // the model forgets what the caller did not hear
                    }
                    call.speaking(null);
                }
            }
        }
        if (m != null && configured) {
            m.respondOnTurns(call.settings(), !mute);
        }
    }

    /**
     * A supervisor's instruction to the assistant, from any thread: a system message the caller never hears,
     * shown in the transcript as a supervisor note; with {@code respond}, the assistant answers now (after the
     * response under way, if any; not while muted).
     */
    void whisper(String by, String text, boolean respond) {
        call.supervisorNote(text);
        call.supervisorAction("whisper", by, text + (respond ? " (respond now)" : ""));
        onRelay(() -> {
            ModelConnection m = model;
            if (m == null) {
                return;
            }
            m.sendSystemMessage(text);
            if (respond) {
                responses.request(m, call.muted(), null);
            }
        });
    }

    /** A note from the bridge to the assistant (a system message, e.g. after a take-over), from any thread. */
    void tellAssistant(String text) {
        onRelay(() -> {
            ModelConnection m = model;
            if (m != null) {
                m.sendSystemMessage(text);
            }
        });
    }

    /** The assistant says {@code text} next, word for word (after the response under way, if any). From any thread. */
    void say(String by, String text) {
        call.supervisorAction("say", by, text);
        onRelay(() -> responses.request(model, call.muted(), SAY_INSTRUCTIONS + text));
    }

    /** A transfer starts; false if one is under way already. */
    boolean startTransfer() {
        return transferring.compareAndSet(false, true);
    }

    void transferFailed() {
        transferring.set(false);
    }

    boolean transferring() {
        return transferring.get();
    }

    static final String SAY_INSTRUCTIONS = "Say exactly the following to the caller, word for word, in the "
            + "conversation's language, adding nothing before or after it: ";
}
