package app.highway.call;

import app.highway.config.AppConfig;
import app.highway.config.CallSettings;
import app.highway.config.SettingsStore;
import app.highway.config.Voicemail;
import app.highway.config.VoicemailPolicy;
import app.highway.event.EventBus;
import app.highway.realtime.ModelConnection;
import app.highway.realtime.RealtimeConnector;
import app.highway.twilio.CallPacer;
import app.highway.twilio.OutboundCall;
import app.highway.twilio.StreamTokens;
import app.highway.twilio.StreamTwiml;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places calls, and only that: the number's policy, the pace, the call's record and session, the
 * REST request that makes the phone ring, then the model socket and the ring timer. If the call
 * began ending while Twilio was answering, this is where it is canceled (see {@link CallEnding}).
 */
final class CallPlacement {
    private static final Logger log = LoggerFactory.getLogger(CallPlacement.class);
    /** Extra time past Twilio's own ring timeout before the bridge gives up on a call itself. */
    private static final Duration RING_GRACE = Duration.ofSeconds(15);

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
    private final CallService service;
    private final Map<String, CallSession> sessions;
    private final CallTimers timers;
    private final CallEnding ending;
    private final SecureRandom random = new SecureRandom();
    private final NumberPolicy numbers;

    CallPlacement(AppConfig config, TwilioGateway twilio, RealtimeConnector models, SettingsStore settings,
            PriceStore prices, EventBus<CallEvent> events, CallRegistry registry, StreamTokens tokens, CallPacer pacer,
            Clock clock, boolean simulated, CallService service, Map<String, CallSession> sessions, CallTimers timers,
            CallEnding ending) {
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
        this.service = service;
        this.sessions = sessions;
        this.timers = timers;
        this.ending = ending;
        this.numbers = NumberPolicy.from(config);
    }

    /**
     * Places a call: waits for its turn under the pace, asks Twilio to ring the number, and opens
     * the model socket while it rings. A Twilio refusal is recorded on a failed call and rethrown.
     */
    Call place(String placedBy, String to, String verificationCode, String note, boolean closing)
            throws TwilioApiException, CallRateExceeded, NumberNotAllowed, InterruptedException {
        try {
            return place(placedBy, to, verificationCode, note, closing, s -> s, DialGate.OPEN,
                    config.voicemail().singleCall());
        } catch (DialWithdrawn never) {
            throw new IllegalStateException("an open gate withdrew a dial", never);
        }
    }

    /**
     * As {@link #place(String, String, String, String, boolean)}, with the call's settings {@code tailored}
     * (a campaign row's template variables) and {@code gate} asked after the pace's turn, before anything is
     * created: a withdrawn dial leaves no call behind.
     */
    Call place(String placedBy, String to, String verificationCode, String note, boolean closing,
            java.util.function.UnaryOperator<CallSettings> tailored, DialGate gate, Voicemail voicemail)
            throws TwilioApiException, CallRateExceeded, NumberNotAllowed, InterruptedException, DialWithdrawn {
        Optional<NumberPolicy.Refusal> refusal = numbers.check(to); // the API and the console checked it too
        if (refusal.isPresent()) {
            throw new NumberNotAllowed(refusal.get().error(), refusal.get().message());
        }
        if (!pacer.awaitTurn()) {
            throw new CallRateExceeded(pacer.retryAfterSeconds());
        }
        CallSettings callSettings = tailored.apply(settings.current());
        String id = "hw-" + HexFormat.of().formatHex(randomBytes());
        if (!gate.admit(id)) {
            throw new DialWithdrawn();
        }
        Call call = new Call(id, to, note, placedBy, callSettings, simulated, events, clock);
        call.protectCode(verificationCode);
        PriceTable priceTable = prices.current();
        // the session exists before Twilio is asked, so that whatever ends the call meanwhile releases it
        CallSession session = new CallSession(call, verificationCode, service, priceTable, voicemail);
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
            if (priceTable.transcriptionPriceFor(callSettings.transcriptionModel()).isEmpty()) {
                call.problem("No price is set for transcription model " + callSettings.transcriptionModel()
                        + ": the transcription's cost shows as $0");
            }
            if (voicemail.detects()) {
                call.note("voicemail", "answering-machine detection on (policy " + voicemail.policy().wire()
                        + "): the code waits for Twilio's verdict that a person answered");
            }
            String sid = askTwilio(call, to, callSettings, voicemail);
            registry.indexSid(call, sid);
            if (!call.placed(sid)) {
                ending.cancelPlaced(call, sid); // ended while Twilio was answering: it must not ring
                return call;
            }
            log.info("Call {} ({}) placed to {} by {}", id, sid, PhoneMask.mask(to), placedBy);
            ModelConnection model = models.create(callSettings.model(), session.modelListener(), "call " + id);
            session.attachModel(model);
            model.connect();
            long ringLimit = callSettings.ringTimeoutSeconds() + RING_GRACE.toSeconds();
            timers.after(call, Duration.ofSeconds(ringLimit), () -> {
                if (call.state() != CallState.IN_PROGRESS) {
                    ending.endCall(call, EndReason.RING_TIMEOUT, "Nobody answered within "
                            + callSettings.ringTimeoutSeconds() + " s");
                }
            });
            return call;
        } finally {
            ending.placementDone(id);
        }
    }

    /** The REST request that makes the phone ring; a refusal ends the call as failed, with Twilio's reason. */
    private String askTwilio(Call call, String to, CallSettings callSettings, Voicemail voicemail)
            throws TwilioApiException {
        String token = tokens.issue(call.id());
        String twiml = StreamTwiml.connect(config.mediaStreamUrl(), call.id(), token);
        // hanging up on a machine needs only to know it is one; leaving a message needs the end of its greeting
        String detection = !voicemail.detects() ? null
                : voicemail.policy() == VoicemailPolicy.HANG_UP ? OutboundCall.DETECT_ENABLE
                : OutboundCall.DETECT_MESSAGE_END;
        try {
            String sid = twilio.placeCall(new OutboundCall(to, config.twilioPhoneNumber(), twiml,
                    config.statusCallbackUrl(), callSettings.ringTimeoutSeconds(), callSettings.maxCallSeconds(),
                    call.id(), token, detection, detection == null ? null : config.amdCallbackUrl(),
                    voicemail.timeoutSeconds()));
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

    private byte[] randomBytes() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return bytes;
    }
}
