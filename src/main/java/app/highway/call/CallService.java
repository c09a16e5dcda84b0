package app.highway.call;

import app.highway.config.AppConfig;
import app.highway.config.SettingsStore;
import app.highway.config.CallSettings;
import app.highway.event.EventBus;
import app.highway.realtime.ModelConnection;
import app.highway.realtime.RealtimeConnector;
import app.highway.twilio.CallPacer;
import app.highway.twilio.MediaEvent;
import app.highway.twilio.MediaSink;
import app.highway.twilio.OutboundCall;
import app.highway.twilio.StreamTwiml;
import app.highway.twilio.StreamTokens;
import app.highway.twilio.TwilioApiException;
import app.highway.twilio.TwilioGateway;
import app.highway.usage.PriceStore;
import app.highway.usage.PriceTable;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places verification calls and follows each one: Twilio status, media stream, model socket,
 * timers. Every way a call can end goes through {@link #endCall} ({@link CallEnding}), so each
 * call gets exactly one final state and end reason, and everything it held is released.
 */
public final class CallService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CallService.class);
    /** Extra time past Twilio's own ring timeout before the bridge gives up on a call itself. */
    private static final Duration RING_GRACE = Duration.ofSeconds(15);
    private static final Duration HANG_UP_GUARD_EXTRA = Duration.ofMillis(2500);
    private static final Duration HANG_UP_GUARD_MAX = Duration.ofSeconds(20);
    /** How long stopping the bridge waits for Twilio to answer the requests placing calls, to cancel them. */
    private static final Duration PLACEMENT_WAIT = Duration.ofSeconds(15);

    private final AppConfig config;
    private final TwilioGateway twilio;
    private final RealtimeConnector models;
    private final SettingsStore settings;
    private final PriceStore prices;
    private final EventBus<CallEvent> events;
    private final CallRegistry registry;
    private final StreamTokens tokens;
    private final CallPacer pacer;
    private final Clock clock;
    private final boolean simulated;
    private final Map<String, CallSession> sessions = new ConcurrentHashMap<>();
    private final CallTimers timers;
    private final CallEnding ending;
    private final SecureRandom random = new SecureRandom();
    private volatile boolean closing;

    public CallService(AppConfig config, TwilioGateway twilio, RealtimeConnector models, SettingsStore settings,
            PriceStore prices, EventBus<CallEvent> events, CallRegistry registry, StreamTokens tokens, CallPacer pacer,
            Clock clock, boolean simulated, Scheduler scheduler) {
        this.config = config;
        this.twilio = twilio;
        this.models = models;
        this.settings = settings;
        this.prices = prices;
        this.events = events;
        this.registry = registry;
        this.tokens = tokens;
        this.pacer = pacer;
        this.clock = clock;
        this.simulated = simulated;
        this.timers = new CallTimers(scheduler);
        this.ending = new CallEnding(twilio, tokens, timers, sessions);
    }

    public boolean simulated() {
        return simulated;
    }

    public CallRegistry registry() {
        return registry;
    }

    public EventBus<CallEvent> events() {
        return events;
    }

    public SettingsStore settings() {
        return settings;
    }

    public PriceStore prices() {
        return prices;
    }

    /**
     * Places a call: waits for its turn under the pace, asks Twilio to ring the number, and opens
     * the model socket while it rings. A Twilio refusal is recorded on a failed call and rethrown.
     */
    public Call placeCall(String to, String verificationCode, String note)
            throws TwilioApiException, CallRateExceeded, NumberNotAllowed, InterruptedException {
        if (!config.allowedCountries().isEmpty()) {
            String region = PhoneNumbers.parseE164(to).map(PhoneNumbers.Parsed::regionCode).orElse(null);
            if (region == null || !config.allowedCountries().contains(region)) {
                throw new NumberNotAllowed("Calls to " + (region == null ? "this number" : region + " numbers")
                        + " are not allowed here (HIGHWAY_ALLOWED_COUNTRIES=" + String.join(",",
                        config.allowedCountries()) + ")");
            }
        }
        if (!pacer.awaitTurn()) {
            throw new CallRateExceeded(pacer.retryAfterSeconds());
        }
        CallSettings callSettings = settings.current();
        String id = "hw-" + HexFormat.of().formatHex(randomBytes());
        Call call = new Call(id, to, note, callSettings, simulated, events, clock);
        call.protectCode(verificationCode);
        PriceTable priceTable = prices.current();
        // the session exists before Twilio is asked, so that whatever ends the call meanwhile releases it
        CallSession session = new CallSession(call, verificationCode, this, priceTable);
        sessions.put(id, session);
        ending.placementStarted(id);
        try {
            registry.add(call);
            if (closing) {
                ending.endCall(call, EndReason.SHUTDOWN, null);
                ending.finish(call, CallState.CANCELED);
                throw new IllegalStateException("The bridge is stopping: no new calls are placed");
            }
            if (priceTable.priceFor(callSettings.model()).isEmpty()) {
                call.problem("No price is set for model " + callSettings.model() + ": its cost shows as $0");
            }
            String sid = askTwilio(call, to, callSettings);
            registry.indexSid(call, sid);
            if (!call.placed(sid)) {
                ending.cancelPlaced(call, sid); // ended while Twilio was answering: it must not ring
                return call;
            }
            log.info("Call {} ({}) placed to {}", id, sid, PhoneMask.mask(to));
            ModelConnection model = models.create(callSettings.model(), session, "call " + id);
            session.attachModel(model);
            model.connect();
            long ringLimit = callSettings.ringTimeoutSeconds() + RING_GRACE.toSeconds();
            timers.after(call, Duration.ofSeconds(ringLimit), () -> {
                if (call.state() != CallState.IN_PROGRESS) {
                    endCall(call, EndReason.RING_TIMEOUT, "Nobody answered within "
                            + callSettings.ringTimeoutSeconds() + " s");
                }
            });
            return call;
        } finally {
            ending.placementDone(id);
        }
    }

    /** The REST request that makes the phone ring; a refusal ends the call as failed, with Twilio's reason. */
    private String askTwilio(Call call, String to, CallSettings callSettings) throws TwilioApiException {
        String token = tokens.issue(call.id());
        String twiml = StreamTwiml.connect(config.mediaStreamUrl(), call.id(), token);
        try {
            String sid = twilio.placeCall(new OutboundCall(to, config.twilioPhoneNumber(), twiml,
                    config.statusCallbackUrl(), callSettings.ringTimeoutSeconds(), callSettings.maxCallSeconds(),
                    call.id(), token));
            tokens.bind(token, sid);
            return sid;
        } catch (TwilioApiException | RuntimeException e) {
            tokens.revoke(token);
            String message = e instanceof TwilioApiException t ? t.humanMessage()
                    : "Twilio could not be asked to place the call: " + e.getMessage();
            call.endBecause(EndReason.TWILIO_REJECTED
                    + (e instanceof TwilioApiException t && t.code() != 0 ? ":" + t.code() : ""));
            call.problem(message);
            ending.finish(call, CallState.FAILED);
            log.warn("Call {} to {} refused by Twilio: {}", call.id(), PhoneMask.mask(to), message);
            throw e;
        }
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
                () -> endCall(call, EndReason.MAX_DURATION, "The call reached the maximum duration of "
                        + call.settings().maxCallSeconds() + " s"));
        session.streamStarted(start, sink);
        return Optional.of(new MediaStreamHandle(this, session));
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

    /** Twilio said {@code stop}: the callee hung up (or the call ended some other way on Twilio's side). */
    void streamStopped(CallSession session) {
        Call call = session.call();
        call.endBecause(EndReason.CALLER_HUNG_UP);
        if (call.moveTo(CallState.COMPLETED)) {
            log.info("Call {}: ended by the callee", call.id());
        }
        ending.release(call);
    }

    /** The media socket closed without {@code stop}. */
    void streamLost(CallSession session) {
        endCall(session.call(), EndReason.MEDIA_STREAM_LOST, "The Twilio media stream closed without a stop message");
    }

    /** Opens a fresh model socket for a call whose socket dropped (once per call). */
    void reconnectModel(CallSession session) {
        Call call = session.call();
        if (call.isOver()) {
            return;
        }
        log.warn("Call {}: model connection dropped, reconnecting", call.id());
        ModelConnection model = models.create(call.settings().model(), session, "call " + call.id() + " (reconnect)");
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

    private byte[] randomBytes() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return bytes;
    }
}
