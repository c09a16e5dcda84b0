package app.highway.store;

import app.highway.call.CallSnapshot;
import app.highway.call.EndReason;
import app.highway.twilio.TwilioGateway;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run every heartbeat by each bridge of a fleet: finds bridges whose lease has run out while they
 * still had calls recorded as live (a bridge killed with {@code kill -9}, or cut off from the
 * database), takes each such lease over (exactly one survivor does) and ends its calls as
 * {@code bridge_lost:<its id>}, through Twilio where they are still up: their media socket was on
 * the lost bridge, so nobody hears them any more. No call stays in progress forever.
 */
public final class LostBridgeRecovery {
    private static final Logger log = LoggerFactory.getLogger(LostBridgeRecovery.class);
    private final CallStore store;
    private final BridgeLeases leases;
    private final CallReconciler reconciler;
    private final String me;
    private final Duration lease;
    private final Clock clock;
    private volatile java.util.function.BiConsumer<String, CallSnapshot> ended = (bridge, call) -> { };

    /** {@code me}: this bridge's id; {@code lease}: how long a take-over holds before another survivor may retry it. */
    public LostBridgeRecovery(CallStore store, BridgeLeases leases, TwilioGateway twilio, String me, Duration lease,
            Clock clock) {
        this.store = store;
        this.leases = leases;
        this.reconciler = new CallReconciler(store, twilio, clock);
        this.me = me;
        this.lease = lease;
        this.clock = clock;
    }

    /**
     * Told of each call this recovery ended (the lost bridge's id, the call's record as ended), so that
     * consoles following the fleet see the call end too. Called on the sweeping thread.
     */
    public void whenEnded(java.util.function.BiConsumer<String, CallSnapshot> listener) {
        this.ended = listener;
    }

    /** One sweep; returns how many calls it recorded as lost. Never throws: the next heartbeat tries again. */
    public int run() {
        try {
            int ended = 0;
            for (BridgeRecord lost : leases.expiredWithLiveCalls(clock.instant(), me)) {
                if (leases.takeOver(lost, me, clock.instant(), lease)) {
                    ended += endCallsOf(lost);
                }
            }
            return ended;
        } catch (RuntimeException e) {
            log.warn("Could not look for lost bridges (trying again at the next heartbeat): {}", e.getMessage());
            return 0;
        }
    }

    private void ended(String bridge, CallSnapshot record) {
        try {
            ended.accept(bridge, record);
        } catch (RuntimeException e) {
            log.warn("Could not announce the end of call {} of lost bridge {}: {}", record.id(), bridge, e.getMessage());
        }
    }

    private int endCallsOf(BridgeRecord lost) {
        List<CallSnapshot> calls = store.unfinishedOf(lost.id());
        log.warn("Bridge {} on {} stopped renewing its lease (last heartbeat {}, lease ran out {}): bridge {} ends "
                + "its {} call(s) left live", lost.id(), lost.host(), lost.lastHeartbeat(), lost.leaseExpiresAt(), me,
                calls.size());
        CallReconciler.Loss loss = new CallReconciler.Loss(EndReason.BRIDGE_LOST + ":" + lost.id(), "bridge "
                + lost.id() + " on " + lost.host() + " stopped renewing its lease (last heartbeat "
                + lost.lastHeartbeat() + ", lease ran out " + lost.leaseExpiresAt() + "); bridge " + me
                + " took over its calls");
        int ended = 0;
        for (CallSnapshot call : calls) {
            try {
                if (reconciler.reconcile(call, loss)) {
                    ended++;
                    store.find(call.id()).ifPresent(record -> ended(lost.id(), record));
                }
            } catch (RuntimeException e) {
                log.error("Could not end call {} of lost bridge {}: {}", call.id(), lost.id(), e.getMessage());
            }
        }
        return ended;
    }
}
