package app.highway.call;

import app.highway.twilio.StreamTokens;
import app.highway.twilio.TwilioApiException;
import app.highway.twilio.TwilioGateway;
import app.highway.twilio.TwilioRetry;
import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends calls, and only that. Every way a call ends goes through here: the call moves to
 * {@code ending} at once (one caller wins), Twilio is asked to end it (retried with backoff),
 * then the call gets its final state and everything it held is released: stream token, timers,
 * session (media and model sockets).
 *
 * <p>A call whose CallSid is not known yet is still being placed: the placing thread owns it and
 * cancels it at Twilio as soon as Twilio answers ({@link #cancelPlaced}); stopping the bridge
 * waits for those placements, so no phone is left ringing for a call the bridge has ended.
 */
final class CallEnding {
    private static final Logger log = LoggerFactory.getLogger(CallEnding.class);

    private final TwilioGateway twilio;
    private final StreamTokens tokens;
    private final CallTimers timers;
    private final Map<String, CallSession> sessions;
    private final ExecutorService twilioRequests = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "twilio-rest");
        t.setDaemon(true);
        return t;
    });
    private final RetryPolicy<Object> endCallRetry = TwilioRetry.idempotent();
    private final Set<String> placing = ConcurrentHashMap.newKeySet();

    CallEnding(TwilioGateway twilio, StreamTokens tokens, CallTimers timers, Map<String, CallSession> sessions) {
        this.twilio = twilio;
        this.tokens = tokens;
        this.timers = timers;
        this.sessions = sessions;
    }

    /** Ends a call for {@code reason} (the first reason given wins); {@code problem}, if any, is shown to the operator. */
    void endCall(Call call, String reason, String problem) {
        if (call.isOver()) {
            return;
        }
        if (problem != null) {
            call.problem(problem);
            log.warn("Call {}: {}", call.id(), call.redact(problem));
        }
        Optional<Call.Ending> ticket = call.beginEnding(reason);
        if (ticket.isEmpty()) {
            return; // already being ended
        }
        timers.cancel(call.id());
        Optional<String> sid = ticket.get().callSid();
        if (sid.isEmpty()) {
            log.info("Call {}: ending while Twilio is still placing it; it is canceled once Twilio answers", call.id());
            return;
        }
        boolean answered = ticket.get().answered();
        try {
            twilioRequests.execute(() -> {
                hangUpAtTwilio(call, sid.get(), answered);
                finish(call, answered ? CallState.COMPLETED : CallState.CANCELED);
            });
        } catch (RejectedExecutionException stopped) {
            hangUpAtTwilio(call, sid.get(), answered);
            finish(call, answered ? CallState.COMPLETED : CallState.CANCELED);
        }
    }

    /** Twilio placed a call that began ending meanwhile: cancel it now, on the placing thread. */
    void cancelPlaced(Call call, String sid) {
        log.info("Call {} ({}): ended while Twilio was placing it; canceling it at Twilio", call.id(), sid);
        call.note("canceled", "canceled at Twilio as soon as Twilio gave its CallSid");
        hangUpAtTwilio(call, sid, false);
        finish(call, CallState.CANCELED);
    }

    private void hangUpAtTwilio(Call call, String sid, boolean answered) {
        try {
            Failsafe.with(endCallRetry).run(() -> twilio.endCall(sid, answered));
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String msg = cause instanceof TwilioApiException t ? t.humanMessage() : cause.getMessage();
            call.problem("Twilio did not confirm the hang-up: " + msg
                    + (answered ? " (the media stream is closed, which ends the call)"
                            : " (the call may still ring until Twilio's ring timeout)"));
        }
    }

    /**
     * The call left the bridge but not the phone network (a transfer: Twilio now runs a {@code <Dial>}):
     * it ends here for {@code reason} (unless something ended it first) without hanging up at Twilio, and
     * everything it held is released.
     */
    void handOff(Call call, String reason) {
        call.endBecause(reason);
        timers.cancel(call.id());
        finish(call, CallState.COMPLETED);
    }

    /** Gives the call its final state (if it has none yet) and releases what it held. */
    void finish(Call call, CallState finalState) {
        call.moveTo(finalState);
        release(call);
    }

    /** Releases what an ended call held. Safe to repeat. */
    void release(Call call) {
        tokens.revokeCall(call.id());
        timers.cancel(call.id());
        CallSession session = sessions.remove(call.id());
        if (session != null) {
            session.close();
            log.info("Call {} ended: {} ({}); {}", call.id(), call.state().wire(), call.endReason().orElse("?"),
                    session.stats);
        }
    }

    void placementStarted(String callId) {
        placing.add(callId);
    }

    void placementDone(String callId) {
        synchronized (placing) {
            placing.remove(callId);
            placing.notifyAll();
        }
    }

    /** Waits until no call is being placed (each one is then either live or canceled), or the timeout. */
    boolean awaitPlacements(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (placing) {
            while (!placing.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    log.warn("{} call(s) still being placed at Twilio as the bridge stops: {}", placing.size(), placing);
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(placing, left);
            }
        }
        return true;
    }

    /** No new hang-up requests; waits for those under way. */
    void close(Duration timeout) throws InterruptedException {
        twilioRequests.shutdown();
        twilioRequests.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
