package app.highway.store;

import app.highway.call.CallSnapshot;
import app.highway.call.EndReason;
import app.highway.twilio.TwilioGateway;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After this bridge stopped while its calls were live (a crash, a kill, a power cut), finds those
 * calls in the store, asks Twilio what became of each, ends any that are still up, and records how
 * each ended. Only this bridge's own calls (and calls recorded before calls had a bridge): on a
 * database shared by a fleet, the other bridges' live calls are theirs, and a bridge that died is
 * handled by {@link LostBridgeRecovery} once its lease has run out.
 */
public final class CrashRecovery {
    private static final Logger log = LoggerFactory.getLogger(CrashRecovery.class);
    private static final CallReconciler.Loss RESTARTED =
            new CallReconciler.Loss(EndReason.BRIDGE_RESTARTED, "the bridge restarted");
    private final CallStore store;
    private final CallReconciler reconciler;

    public CrashRecovery(CallStore store, TwilioGateway twilio, Clock clock) {
        this.store = store;
        this.reconciler = new CallReconciler(store, twilio, clock);
    }

    /** Reconciles every unfinished call of this bridge; returns how many were found. */
    public int run() {
        List<CallSnapshot> unfinished = store.ownUnfinished();
        if (!unfinished.isEmpty()) {
            log.warn("Recovering {} call(s) left live when the bridge last stopped", unfinished.size());
        }
        for (CallSnapshot call : unfinished) {
            try {
                reconciler.reconcile(call, RESTARTED);
            } catch (RuntimeException e) {
                log.error("Could not recover call {}: {}", call.id(), e.getMessage());
            }
        }
        return unfinished.size();
    }
}
