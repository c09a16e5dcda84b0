package app.highway.store;

import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import app.highway.twilio.TwilioApiException;
import app.highway.twilio.TwilioGateway;
import app.highway.twilio.TwilioRetry;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.time.Clock;
import java.util.Optional;

/**
 * Ends the record of a call whose bridge is gone (it restarted, or stopped renewing its lease): asks
 * Twilio what became of the call, ends it through Twilio if it is still up (its audio had nowhere to
 * go), and records how it ended and why. Nothing recorded before is lost.
 */
final class CallReconciler {
    /** Why the bridge lost the call: the end reason to record, and the cause in words for the timeline. */
    record Loss(String endReason, String cause) { }

    private static final RetryPolicy<Object> RETRY = TwilioRetry.idempotent();
    private final CallStore store;
    private final TwilioGateway twilio;
    private final Clock clock;

    CallReconciler(CallStore store, TwilioGateway twilio, Clock clock) {
        this.store = store;
        this.twilio = twilio;
        this.clock = clock;
    }

    /** Returns whether this recorded the call's end (false: it was recorded as ended meanwhile). */
    boolean reconcile(CallSnapshot call, Loss loss) {
        String reason = loss.endReason();
        if (call.callSid() == null) {
            return store.markEnded(call.id(), CallState.FAILED, reason, clock.instant(),
                    loss.cause() + "; Twilio had not accepted the call yet");
        }
        try {
            String status = Failsafe.with(RETRY).get(() -> twilio.fetchStatus(call.callSid()));
            Optional<CallState> state = CallState.fromTwilio(status);
            if (state.isPresent() && state.get().isFinal()) {
                return store.markEnded(call.id(), state.get(), reason, clock.instant(),
                        loss.cause() + "; Twilio reports the call " + status);
            }
            boolean answered = state.orElse(CallState.IN_PROGRESS) == CallState.IN_PROGRESS;
            Failsafe.with(RETRY).run(() -> twilio.endCall(call.callSid(), answered));
            return store.markEnded(call.id(), answered ? CallState.COMPLETED : CallState.CANCELED, reason,
                    clock.instant(), loss.cause() + "; the call was " + status + ", so it was ended through Twilio");
        } catch (FailsafeException e) {
            String why = e.getCause() instanceof TwilioApiException t ? t.humanMessage() : String.valueOf(e.getMessage());
            return store.markEnded(call.id(), CallState.FAILED, reason, clock.instant(),
                    loss.cause() + "; could not reconcile with Twilio: " + why);
        }
    }
}
