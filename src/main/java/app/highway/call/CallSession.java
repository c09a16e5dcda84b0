package app.highway.call;

import app.highway.config.Voicemail;
import app.highway.config.VoicemailPolicy;
import app.highway.realtime.ModelConnection;
import app.highway.realtime.ModelListener;
import app.highway.twilio.AnsweredBy;
import app.highway.twilio.MediaEvent;
import app.highway.twilio.MediaSink;
import app.highway.twilio.MediaStreamSender;
import app.highway.usage.PriceTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's relay: holds its two sockets (the caller's media stream, the model connection), takes the
 * caller's side (media in, marks echoed) and releases both when the call ends. What the model says and
 * does is {@link ModelEvents}'s; what supervisors do to the call is {@link Supervision}'s; what has been
 * played is {@link Playback}'s. Speaks no wire format: the model is a {@link ModelConnection}, the caller
 * a {@link MediaStreamSender}.
 *
 * <p>Threads: the media stream's messages arrive on its reader, one at a time; the model's events on
 * its socket's reader, one at a time. Both only meet in {@link Playback} and in the greeting (whichever
 * of stream start and session ready comes last sends it, once). Nothing here locks or blocks. Both
 * readers are the transport's relay loop: the relay state below ({@link Playback}, {@link Responses},
 * {@link TurnClock}) is touched only there; a supervisor's command comes from another thread and is
 * handed to that loop ({@link Supervision}), so it never overlaps the model's events.
 */
final class CallSession {
    private static final Logger log = LoggerFactory.getLogger(CallSession.class);
    static final String HANG_UP_MARK = "hangup";

    private final Call call;
    private final CallService service;
    private volatile ModelConnection model;
    private volatile MediaStreamSender caller;
    private volatile boolean closed;
    // the relay loop's state, shared by the caller's side, the model's and the supervisor's commands
    final Playback playback = new Playback();
    /** Responses asked for, and whether one is under way. */
    final Responses responses = new Responses();
    final TurnClock turns = new TurnClock(System::nanoTime);
    final Greeting greeting;
    /** Answering-machine detection: holds the code back until Twilio says a person answered. */
    final AnsweringMachine machine;
    private final Keypad keypad;
    final RelayStats stats = new RelayStats();
    /** The listen-in mix: idle (one volatile read a frame) while nobody listens. */
    final CallMix mix = new CallMix();
    private final ModelEvents modelEvents;
    /** Mute, whisper, say, transfer, take-over. */
    final Supervision supervision;

    CallSession(Call call, String verificationCode, CallService service, PriceTable prices) {
        this(call, verificationCode, service, prices, Voicemail.OFF);
    }

    CallSession(Call call, String verificationCode, CallService service, PriceTable prices, Voicemail voicemail) {
        this.call = call;
        this.service = service;
        this.machine = new AnsweringMachine(voicemail);
        this.greeting = new Greeting(call, verificationCode, machine);
        this.keypad = new Keypad(this, service);
        this.modelEvents = new ModelEvents(this, service, prices);
        this.supervision = new Supervision(this, service.relay());
    }

    Call call() {
        return call;
    }

    /** What the model connection reports to: pass it when opening the call's model socket. */
    ModelListener modelListener() {
        return modelEvents;
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

    boolean closed() {
        return closed;
    }

    /** The caller's side, once the media stream started (else null). */
    MediaStreamSender callerSender() {
        return caller;
    }

    ModelConnection modelConnection() {
        return model;
    }

    /** session.update has been sent on the current model socket. */
    boolean configured() {
        return modelEvents.configured();
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
            greeting.maybeGreet(m, configured(), true);
        }
    }

    void onMedia(MediaEvent.Media media) {
        stats.mediaThread();
        playback.heard(media.timestamp());
        mix.callerFrame(media.payload());
        ModelConnection m = model;
        if (machine.holding()) { // no verdict yet (or a machine): the model hears nothing, so it says nothing
            stats.framesHeld.incrementAndGet();
        } else if (m != null && m.appendAudio(media.payload())) {
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

    /** The caller pressed a key (Twilio's {@code dtmf} message), on the media stream's reader. */
    void onDtmf(MediaEvent.Dtmf dtmf) {
        keypad.pressed(dtmf.digit());
    }

    /**
     * Twilio's answering-machine verdict, from any thread (the AMD callback). A person (or "unknown"): the
     * greeting with the code goes out on the relay loop. A machine: the code is dropped for good, the call ends
     * {@code voicemail:<verdict>}, after the callback message if the policy says so. A fax: hung up at once.
     */
    void machineVerdict(AnsweredBy by, long detectionMs) {
        if (!machine.decide(by)) {
            log.info("Call {}: answering-machine verdict {} ignored (not asked for, or decided already)", call.id(),
                    by.wire());
            return;
        }
        String after = detectionMs >= 0 ? " after " + detectionMs + " ms" : "";
        if (by.goesOn()) {
            call.note("voicemail", by == AnsweredBy.HUMAN ? "answered by a person (detected" + after + "): the code is read"
                    : "Twilio could not tell who answered (unknown" + after + "): treated as a person, the code is read");
            onRelay(() -> greeting.maybeGreet(model, configured(), caller != null));
            return;
        }
        greeting.forgetCode();
        if (by == AnsweredBy.FAX) {
            call.note("voicemail", "answered by a fax machine" + after + ": hung up");
            service.endCall(call, EndReason.FAX, null);
            return;
        }
        String reason = EndReason.VOICEMAIL + ":" + by.wire();
        if (machine.voicemail().policy() == VoicemailPolicy.HANG_UP) {
            call.note("voicemail", "answering machine (" + by.wire() + after + "): hung up without a message, "
                    + "policy hang_up");
            service.endCall(call, reason, null);
            return;
        }
        call.endBecause(reason); // whoever hangs up after the message, the call's outcome is the voicemail
        call.note("voicemail", "answering machine (" + by.wire() + after + "): the callback message is left, "
                + "never the code");
        onRelay(() -> greeting.maybeGreet(model, configured(), caller != null));
    }

    /** Runs {@code work} on the call's relay loop unless the session has been closed. */
    void onRelay(Runnable work) {
        service.relay().execute(() -> {
            if (!closed) {
                work.run();
            }
        });
    }

    void onMalformed(String reason) {
        stats.malformed(call.id(), reason);
    }
}
