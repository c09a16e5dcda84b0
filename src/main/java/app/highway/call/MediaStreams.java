package app.highway.call;

import app.highway.twilio.MediaEvent;
import app.highway.twilio.MediaSink;
import app.highway.twilio.StreamTokens;
import app.highway.twilio.StreamTwiml;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls' media streams from Twilio, start to end: which stream is let in (a live stream token bound
 * to its CallSid, a call neither ending nor ended), the call's maximum duration from then on, and what a
 * stream's end means (the callee hung up, a transfer took the call, or the stream was lost).
 */
final class MediaStreams {
    private static final Logger log = LoggerFactory.getLogger(MediaStreams.class);

    private final CallService service;
    private final StreamTokens tokens;
    private final Map<String, CallSession> sessions;
    private final CallTimers timers;
    private final CallEnding ending;

    MediaStreams(CallService service, StreamTokens tokens, Map<String, CallSession> sessions, CallTimers timers,
            CallEnding ending) {
        this.service = service;
        this.tokens = tokens;
        this.sessions = sessions;
        this.timers = timers;
        this.ending = ending;
    }

    /** A media stream said {@code start}: the session that will take its messages, or empty if it is refused. */
    Optional<MediaStreamHandle> started(MediaEvent.Start start, MediaSink sink) {
        String token = start.customParameters().get(StreamTwiml.TOKEN_PARAMETER);
        Optional<String> callId = tokens.redeem(token, start.callSid());
        if (callId.isEmpty() || !callId.get().equals(start.customParameters().get(StreamTwiml.CALL_ID_PARAMETER))) {
            log.warn("Refused a media stream for {}: missing, spent or foreign stream token", start.callSid());
            return Optional.empty();
        }
        CallSession session = sessions.get(callId.get());
        if (session == null || session.call().isOver()) {
            log.warn("Refused a media stream for call {}: the call is ending or has ended", callId.get());
            return Optional.empty();
        }
        Call call = session.call();
        timers.after(call, Duration.ofSeconds(call.settings().maxCallSeconds()),
                () -> service.endCall(call, EndReason.MAX_DURATION, "The call reached the maximum duration of "
                        + call.settings().maxCallSeconds() + " s"));
        if (session.machine.awaitingVerdict()) { // the code waits for a verdict that a person answered; not forever
            Duration wait = session.machine.voicemail().verdictWait();
            timers.after(call, wait, () -> {
                if (session.machine.awaitingVerdict()) {
                    service.endCall(call, EndReason.NO_MACHINE_VERDICT, "Twilio gave no answering-machine verdict "
                            + "within " + wait.toSeconds() + " s of the answer: the call was ended without reading "
                            + "the code");
                }
            });
        }
        session.streamStarted(start, sink);
        return Optional.of(new MediaStreamHandle(this, session));
    }

    /** Twilio said {@code stop}: the callee hung up (or the call ended some other way on Twilio's side). */
    void stopped(CallSession session) {
        Call call = session.call();
        if (session.supervision.transferring()) { // Twilio stopped the stream to run the transfer's <Dial>
            ending.handOff(call, EndReason.TRANSFERRED);
            return;
        }
        call.endBecause(EndReason.CALLER_HUNG_UP);
        if (call.moveTo(CallState.COMPLETED)) {
            log.info("Call {}: ended by the callee", call.id());
        }
        ending.release(call);
    }

    /** The media socket closed without {@code stop}. */
    void lost(CallSession session) {
        if (session.supervision.transferring()) {
            ending.handOff(session.call(), EndReason.TRANSFERRED);
            return;
        }
        service.endCall(session.call(), EndReason.MEDIA_STREAM_LOST,
                "The Twilio media stream closed without a stop message");
    }
}
