package app.highway.store;

import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import app.highway.call.EndReason;
import app.highway.twilio.TwilioApiException;
import app.highway.twilio.TwilioGateway;
import app.highway.twilio.TwilioRetry;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After the bridge stopped while calls were live (a crash, a kill, a power cut), finds those
 * calls in the store, asks Twilio what became of each, ends any that are still up (their audio
 * had nowhere to go), and records how each ended. Nothing recorded before the stop is lost.
 */
public final class CrashRecovery {
    private static final Logger log = LoggerFactory.getLogger(CrashRecovery.class);
    private static final RetryPolicy<Object> RETRY = TwilioRetry.idempotent();
    private final CallStore store;
    private final TwilioGateway twilio;
    private final Clock clock;

    public CrashRecovery(CallStore store, TwilioGateway twilio, Clock clock) {
        this.store = store;
        this.twilio = twilio;
        this.clock = clock;
    }

    /** Reconciles every unfinished call; returns how many were found. */
    public int run() {
        List<CallSnapshot> unfinished = store.unfinished();
        if (!unfinished.isEmpty()) {
            log.warn("Recovering {} call(s) left live when the bridge last stopped", unfinished.size());
        }
        for (CallSnapshot call : unfinished) {
            try {
                reconcile(call);
            } catch (RuntimeException e) {
                log.error("Could not recover call {}: {}", call.id(), e.getMessage());
            }
        }
        return unfinished.size();
    }

    private void reconcile(CallSnapshot call) {
        String reason = EndReason.BRIDGE_RESTARTED;
        if (call.callSid() == null) {
            store.markEnded(call.id(), CallState.FAILED, reason, clock.instant(),
                    "the bridge stopped before Twilio accepted the call");
            return;
        }
        try {
            String status = Failsafe.with(RETRY).get(() -> twilio.fetchStatus(call.callSid()));
            Optional<CallState> state = CallState.fromTwilio(status);
            if (state.isPresent() && state.get().isFinal()) {
                store.markEnded(call.id(), state.get(), reason, clock.instant(),
                        "the bridge restarted; Twilio reports the call " + status);
                return;
            }
            boolean answered = state.orElse(CallState.IN_PROGRESS) == CallState.IN_PROGRESS;
            Failsafe.with(RETRY).run(() -> twilio.endCall(call.callSid(), answered));
            store.markEnded(call.id(), answered ? CallState.COMPLETED : CallState.CANCELED, reason, clock.instant(),
                    "the bridge restarted while the call was " + status + "; ended it through Twilio");
        } catch (FailsafeException e) {
            String why = e.getCause() instanceof TwilioApiException t ? t.humanMessage() : String.valueOf(e.getMessage());
            store.markEnded(call.id(), CallState.FAILED, reason, clock.instant(),
                    "the bridge restarted and could not reconcile with Twilio: " + why);
        }
    }
}
