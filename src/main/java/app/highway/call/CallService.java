package app.highway.call;

import app.highway.config.AppConfig;
import app.highway.config.SettingsStore;
import app.highway.event.EventBus;
import app.highway.realtime.ModelConnection;
import app.highway.realtime.RealtimeConnector;
import app.highway.twilio.AnsweredBy;
import app.highway.twilio.CallPacer;
import app.highway.twilio.MediaEvent;
import app.highway.twilio.MediaSink;
import app.highway.twilio.StreamTokens;
import app.highway.twilio.TwilioApiException;
import app.highway.twilio.TwilioGateway;
import app.highway.usage.PriceStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places verification calls and follows each one: Twilio status, media stream ({@link MediaStreams}),
 * model socket, timers. Every way a call can end goes through {@link #endCall} ({@link CallEnding}), so each
 * call gets exactly one final state and end reason, and everything it held is released.
 */
public final class CallService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CallService.class);
    private static final Duration HANG_UP_GUARD_EXTRA = Duration.ofMillis(2500);
    private static final Duration HANG_UP_GUARD_MAX = Duration.ofSeconds(20);
    /** How long stopping the bridge waits for Twilio to answer the requests placing calls, to cancel them. */
    private static final Duration PLACEMENT_WAIT = Duration.ofSeconds(15);

    private final RealtimeConnector models;
    private final CallRegistry registry;
    private final StreamTokens tokens;
    private final boolean simulated;
    private final Map<String, CallSession> sessions = new ConcurrentHashMap<>();
    private final CallTimers timers;
    private final CallEnding ending;
    private final CallPlacement placement;
    private final CallTransfer transfer;
    private final MediaStreams streams;
    private volatile boolean closing;

    public CallService(AppConfig config, TwilioGateway twilio, RealtimeConnector models, SettingsStore settings,
            PriceStore prices, EventBus<CallEvent> events, CallRegistry registry, StreamTokens tokens, CallPacer pacer,
            Clock clock, boolean simulated, Scheduler scheduler) {
        this.models = models;
        this.registry = registry;
        this.tokens = tokens;
        this.simulated = simulated;
        this.timers = new CallTimers(scheduler);
        this.ending = new CallEnding(twilio, tokens, timers, sessions);
        this.streams = new MediaStreams(this, tokens, sessions, timers, ending);
        this.transfer = new CallTransfer(twilio, ending, config.publicBaseUrl().toString());
        this.placement = new CallPlacement(config, twilio, models, settings, prices, events, registry, tokens, pacer,
                clock, simulated, this, sessions, timers, ending);
    }

    public boolean simulated() {
        return simulated;
    }

    /** A call this bridge holds in memory (live, or ended in the last half hour), by id or CallSid. */
    public Optional<Call> find(String idOrSid) {
        return registry.find(idOrSid);
    }

    /** A live call's audio link (listen in, take over), by id or CallSid; empty once it is ending or ended. */
    public Optional<CallLink> link(String idOrSid) {
        return registry.find(idOrSid).filter(c -> !c.isOver()).map(c -> sessions.get(c.id())).map(CallLink::new);
    }

    /**
     * What a supervisor can do to a call this bridge holds live (its sockets are here): empty when there is no
     * such call, it has ended, or another bridge of a fleet holds it. Roles are the caller's to check.
     */
    public Optional<Steering> steering(String idOrSid) {
        return registry.find(idOrSid).map(c -> sessions.get(c.id())).map(s -> new Steering(s.supervision, transfer));
    }

    /**
     * What a warm transfer plays to the person before the caller is connected (Twilio asks for it when
     * they answer); empty if the call was not warm-transferred.
     */
    public Optional<String> transferSummary(String callId) {
        return transfer.summaryFor(callId);
    }

    /** The relay loop, where a call's sockets are handled: a call's own work from other threads runs there. */
    java.util.concurrent.Executor relay() {
        return models.relay();
    }

    /** Calls not ended yet. */
    public long activeCalls() {
        return registry.activeCount();
    }

    /**
     * Places a call for {@code placedBy} (the user name of whoever places it: {@code owner} for the
     * bridge's own token, the console's embedded bridge and the simulation): waits for its turn under
     * the pace, asks Twilio to ring the number, and opens the model socket while it rings. A Twilio
     * refusal is recorded on a failed call and rethrown.
     */
    public Call placeCall(String placedBy, String to, String verificationCode, String note)
            throws TwilioApiException, CallRateExceeded, NumberNotAllowed, InterruptedException {
        return placement.place(placedBy, to, verificationCode, note, closing);
    }

    /**
     * Places a call for a campaign row: as {@link #placeCall(String, String, String, String)}, with the settings
     * {@code tailored} for the row (its template variables filled in) and {@code gate} asked once the call has its
     * turn under the pace, just before Twilio is asked (the campaign records the attempt there, or withdraws it).
     */
    public Call placeCall(String placedBy, String to, String verificationCode, String note,
            java.util.function.UnaryOperator<app.highway.config.CallSettings> tailored, DialGate gate)
            throws TwilioApiException, CallRateExceeded, NumberNotAllowed, InterruptedException, DialWithdrawn {
        return placement.place(placedBy, to, verificationCode, note, closing, tailored, gate,
                app.highway.config.Voicemail.OFF);
    }

    /**
     * As {@link #placeCall(String, String, String, String, java.util.function.UnaryOperator, DialGate)}, with
     * answering-machine detection as {@code voicemail} says (a campaign's policy and callback message).
     */
    public Call placeCall(String placedBy, String to, String verificationCode, String note,
            java.util.function.UnaryOperator<app.highway.config.CallSettings> tailored, DialGate gate,
            app.highway.config.Voicemail voicemail)
            throws TwilioApiException, CallRateExceeded, NumberNotAllowed, InterruptedException, DialWithdrawn {
        return placement.place(placedBy, to, verificationCode, note, closing, tailored, gate, voicemail);
    }

    /** A Twilio status callback (already signature-checked). Late, repeated or out-of-order ones change nothing. */
    public void onCarrierStatus(String callSid, String callStatus) {
        Optional<Call> found = registry.find(callSid);
        if (found.isEmpty()) {
            log.warn("Status callback for unknown call {}", callSid);
            return;
        }
        Call call = found.get();
        Optional<CallState> state = CallState.fromTwilio(callStatus);
        if (state.isEmpty() || state.get() == CallState.ENDING) {
            log.warn("Call {}: unknown Twilio status '{}'", call.id(), callStatus);
            return;
        }
        CallState next = state.get();
        if (next.isFinal()) {
            call.endBecause(EndReason.forFinalState(next));
            ending.finish(call, next);
        } else {
            call.moveTo(next);
        }
    }

    /**
     * A media stream said {@code start}: let it in only with a live stream token bound to this
     * CallSid, and only while the call is neither ending nor ended. Returns the session that will
     * take the stream's messages.
     */
    public Optional<MediaStreamHandle> streamStarted(MediaEvent.Start start, MediaSink sink) {
        return streams.started(start, sink);
    }

    /** The operator (API or console) ends a call; false if there is no such call or it is already ending. */
    public boolean hangUp(String idOrSid) {
        Optional<Call> call = registry.find(idOrSid);
        if (call.isEmpty() || call.get().isOver()) {
            return false;
        }
        endCall(call.get(), EndReason.OPERATOR_HUNG_UP, null);
        return true;
    }

    /** Opens a fresh model socket for a call whose socket dropped (once per call). */
    void reconnectModel(CallSession session) {
        Call call = session.call();
        if (call.isOver()) {
            return;
        }
        log.warn("Call {}: model connection dropped, reconnecting", call.id());
        ModelConnection model = models.create(call.settings().model(), session.modelListener(), "call " + call.id() + " (reconnect)");
        session.attachModel(model);
        model.connect();
    }

    /** After the final mark was sent: hang up anyway if Twilio never echoes it. */
    void hangUpGuard(Call call, long unplayedMs) {
        Duration wait = Duration.ofMillis(unplayedMs).plus(HANG_UP_GUARD_EXTRA);
        if (wait.compareTo(HANG_UP_GUARD_MAX) > 0) {
            wait = HANG_UP_GUARD_MAX;
        }
        timers.after(call, wait, () -> {
            log.info("Call {}: final mark not confirmed in time, hanging up", call.id());
            endCall(call, EndReason.ASSISTANT_HUNG_UP, null);
        });
    }

    /** Ends the call for {@code reason} after {@code wait} unless it has ended by then (e.g. the assistant said goodbye). */
    void endAfter(Call call, Duration wait, String reason) {
        timers.after(call, wait, () -> endCall(call, reason, null));
    }

    /**
     * Twilio's answering-machine verdict (the {@code AsyncAmdStatusCallback}, already signature-checked):
     * {@code answeredBy} as Twilio words it, {@code detectionMs} how long Twilio took (-1 if not given). A verdict
     * for an unknown or ended call, a repeated one or one not asked for changes nothing; an unknown word is
     * refused (false).
     */
    public boolean onMachineDetection(String callSid, String answeredBy, long detectionMs) {
        Optional<AnsweredBy> by = AnsweredBy.fromWire(answeredBy);
        if (by.isEmpty()) {
            log.warn("Answering-machine callback for {} with an unknown AnsweredBy '{}'", callSid, answeredBy);
            return false;
        }
        Optional<Call> found = registry.find(callSid);
        CallSession session = found.map(c -> sessions.get(c.id())).orElse(null);
        if (session == null || found.get().isOver()) {
            log.info("Answering-machine verdict {} for {}: no such live call", by.get().wire(), callSid);
            return true;
        }
        session.machineVerdict(by.get(), detectionMs);
        return true;
    }

    /** Ends a call for {@code reason} (the first reason given wins); see {@link CallEnding}. */
    public void endCall(Call call, String reason, String problem) {
        ending.endCall(call, reason, problem);
    }

    /**
     * Ends every live call (the bridge is stopping): calls still being placed are canceled as soon
     * as Twilio answers, hang-ups under way are waited for briefly, then every socket is closed.
     */
    @Override
    public void close() {
        closing = true;
        for (Call call : registry.all()) {
            endCall(call, EndReason.SHUTDOWN, null);
        }
        try {
            ending.awaitPlacements(PLACEMENT_WAIT);
            ending.close(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timers.close();
        sessions.values().forEach(CallSession::close);
        models.close();
    }

    /** Calls whose sockets are still held: 0 once every call has ended (nothing leaks). */
    public int liveSessions() {
        return sessions.size();
    }

    /** Stream tokens not yet used or revoked: 0 once every call has ended. */
    public int outstandingStreamTokens() {
        return tokens.outstanding();
    }

}
