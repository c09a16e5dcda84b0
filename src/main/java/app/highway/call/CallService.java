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
import app.highway.twilio.TwilioRetry;
import app.highway.usage.PriceStore;
import app.highway.usage.PriceTable;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places verification calls and sees each one through to its end: Twilio status, media stream,
 * model socket, timers. Every way a call can end goes through {@link #endCall}, so each call gets
 * exactly one final state and end reason and both sockets are closed.
 */
public final class CallService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CallService.class);
    /** Extra time past Twilio's own ring timeout before the bridge gives up on a call itself. */
    private static final Duration RING_GRACE = Duration.ofSeconds(15);
    private static final Duration HANG_UP_GUARD_EXTRA = Duration.ofMillis(2500);
    private static final Duration HANG_UP_GUARD_MAX = Duration.ofSeconds(20);

    private final AppConfig config;
    private final TwilioGateway twilio;
    private final RealtimeConnector models;
    private final SettingsStore settings;
    private final PriceStore prices;
    private final EventBus<CallEvent> events;
    private final CallRegistry registry;
    private final StreamTokens tokens;
    private final CallPacer pacer;
    private final ObjectMapper json;
    private final Clock clock;
    private final boolean simulated;
    private final Map<String, CallSession> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "call-timers"));
    private final ExecutorService twilioRequests = Executors.newCachedThreadPool(r -> daemon(r, "twilio-rest"));
    private final SecureRandom random = new SecureRandom();
    private final RetryPolicy<Object> endCallRetry = TwilioRetry.idempotent();

    public CallService(AppConfig config, TwilioGateway twilio, RealtimeConnector models, SettingsStore settings,
            PriceStore prices, EventBus<CallEvent> events, CallRegistry registry, StreamTokens tokens, CallPacer pacer,
            ObjectMapper json, Clock clock, boolean simulated) {
        this.config = config;
        this.twilio = twilio;
        this.models = models;
        this.settings = settings;
        this.prices = prices;
        this.events = events;
        this.registry = registry;
        this.tokens = tokens;
        this.pacer = pacer;
        this.json = json;
        this.clock = clock;
        this.simulated = simulated;
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
        registry.add(call);
        PriceTable priceTable = prices.current();
        if (priceTable.priceFor(callSettings.model()).isEmpty()) {
            call.problem("No price is set for model " + callSettings.model() + ": its cost shows as $0");
        }
        String token = tokens.issue(id);
        String twiml = StreamTwiml.connect(config.mediaStreamUrl(), id, token);
        String sid;
        try {
            sid = twilio.placeCall(new OutboundCall(to, config.twilioPhoneNumber(), twiml,
                    config.statusCallbackUrl(), callSettings.ringTimeoutSeconds(), callSettings.maxCallSeconds(),
                    id, token));
        } catch (TwilioApiException e) {
            tokens.revoke(token);
            call.endBecause(EndReason.TWILIO_REJECTED + (e.code() == 0 ? "" : ":" + e.code()));
            call.problem(e.humanMessage());
            call.moveTo(CallState.FAILED);
            log.warn("Call {} to {} refused by Twilio: {}", id, PhoneMask.mask(to), e.humanMessage());
            throw e;
        }
        tokens.bind(token, sid);
        registry.indexSid(call, sid);
        call.placed(sid);
        log.info("Call {} ({}) placed to {}", id, sid, PhoneMask.mask(to));

        CallSession session = new CallSession(call, verificationCode, this, priceTable);
        sessions.put(id, session);
        ModelConnection model = models.create(callSettings.model(), session, "call " + id);
        session.attachModel(model);
        model.connect();
        long ringLimit = callSettings.ringTimeoutSeconds() + RING_GRACE.toSeconds();
        timers.schedule(() -> {
            if (!call.isEnded() && call.state() != CallState.IN_PROGRESS) {
                endCall(call, EndReason.RING_TIMEOUT, "Nobody answered within " + callSettings.ringTimeoutSeconds()
                        + " s");
            }
        }, ringLimit, TimeUnit.SECONDS);
        return call;
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
        if (state.isEmpty()) {
            log.warn("Call {}: unknown Twilio status '{}'", call.id(), callStatus);
            return;
        }
        CallState next = state.get();
        if (next.isFinal()) {
            call.endBecause(EndReason.forFinalState(next));
            if (call.moveTo(next)) {
                release(call);
            }
        } else {
            call.moveTo(next);
        }
    }

    /**
     * A media stream said {@code start}: let it in only with a live stream token bound to this
     * CallSid. Returns the session that will take the stream's messages.
     */
    public Optional<MediaStreamHandle> streamStarted(MediaEvent.Start start, MediaSink sink) {
        String token = start.customParameters().get(StreamTwiml.TOKEN_PARAMETER);
        Optional<String> callId = tokens.redeem(token, start.callSid());
        if (callId.isEmpty() || !callId.get().equals(start.customParameters().get(StreamTwiml.CALL_ID_PARAMETER))) {
            log.warn("Refused a media stream for {}: missing, spent or foreign stream token", start.callSid());
            return Optional.empty();
        }
        CallSession session = sessions.get(callId.get());
        if (session == null || session.call().isEnded()) {
            log.warn("Refused a media stream for call {}: the call has ended", callId.get());
            return Optional.empty();
        }
        session.streamStarted(start, sink);
        Call call = session.call();
        timers.schedule(() -> {
            if (!call.isEnded()) {
                endCall(call, EndReason.MAX_DURATION, "The call reached the maximum duration of "
                        + call.settings().maxCallSeconds() + " s");
            }
        }, call.settings().maxCallSeconds(), TimeUnit.SECONDS);
        return Optional.of(new MediaStreamHandle(this, session));
    }

    /** The operator (API or console) ends a call. */
    public boolean hangUp(String idOrSid) {
        Optional<Call> call = registry.find(idOrSid);
        if (call.isEmpty() || call.get().isEnded()) {
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
        release(call);
    }

    /** The media socket closed without {@code stop}. */
    void streamLost(CallSession session) {
        Call call = session.call();
        if (!call.isEnded()) {
            endCall(call, EndReason.MEDIA_STREAM_LOST, "The Twilio media stream closed without a stop message");
        }
    }

    /** Opens a fresh model socket for a call whose socket dropped (once per call). */
    void reconnectModel(CallSession session) {
        Call call = session.call();
        if (call.isEnded()) {
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
        timers.schedule(() -> {
            if (!call.isEnded()) {
                log.info("Call {}: final mark not confirmed in time, hanging up", call.id());
                endCall(call, EndReason.ASSISTANT_HUNG_UP, null);
            }
        }, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Ends a call for {@code reason} (the first reason given wins): tells the operator why, asks
     * Twilio to end it (retried with backoff), then closes both sockets and sets the final state.
     */
    public void endCall(Call call, String reason, String problem) {
        if (call.isEnded()) {
            return;
        }
        if (problem != null) {
            call.problem(problem);
            log.warn("Call {}: {}", call.id(), call.redact(problem));
        }
        if (!call.endBecause(reason)) {
            return; // already being ended
        }
        boolean answered = call.state() == CallState.IN_PROGRESS;
        Optional<String> sid = call.callSid();
        twilioRequests.execute(() -> {
            if (sid.isPresent()) {
                try {
                    Failsafe.with(endCallRetry).run(() -> twilio.endCall(sid.get(), answered));
                } catch (RuntimeException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    String msg = cause instanceof TwilioApiException t ? t.humanMessage() : cause.getMessage();
                    call.problem("Twilio did not confirm the hang-up: " + msg
                            + " (the media stream is closed, which ends the call)");
                }
            }
            call.moveTo(answered ? CallState.COMPLETED : CallState.CANCELED);
            release(call);
        });
    }

    private void release(Call call) {
        tokens.revokeCall(call.id());
        CallSession session = sessions.remove(call.id());
        if (session != null) {
            session.close();
            log.info("Call {} ended: {} ({}); {}", call.id(), call.state().wire(), call.endReason().orElse("?"),
                    session.stats);
        }
    }

    /** Ends every live call (the bridge is stopping) and waits briefly for the hang-ups. */
    @Override
    public void close() {
        for (Call call : registry.all()) {
            endCall(call, EndReason.SHUTDOWN, null);
        }
        twilioRequests.shutdown();
        try {
            twilioRequests.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timers.shutdownNow();
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

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
