package app.highway.store;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This bridge's lease in the fleet: registered at start, renewed every heartbeat on a thread of
 * its own (never behind recovery, retention or a call), released on a clean stop. While it is
 * renewed, no other bridge touches this bridge's live calls; once it has run out, another bridge
 * takes it for dead and marks them lost ({@link LostBridgeRecovery}).
 */
public final class BridgeLease implements AutoCloseable {
    /** Who holds the lease: the bridge's id, the host it runs on, and the base URL Twilio reaches it at. */
    public record Holder(String id, String host, String baseUrl) { }

    private static final Logger log = LoggerFactory.getLogger(BridgeLease.class);
    private final BridgeLeases leases;
    private final Holder holder;
    private final Duration lease;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    /** Whether the last renewal failed (renewal thread only): a failure is logged once, not every heartbeat. */
    private boolean failing;

    private BridgeLease(BridgeLeases leases, Holder holder, Duration lease, Clock clock) {
        this.leases = leases;
        this.holder = holder;
        this.lease = lease;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bridge-lease");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Registers {@code holder} (failing at once if another running bridge uses its id) and renews its
     * lease every {@code heartbeat} from then on.
     */
    public static BridgeLease start(BridgeLeases leases, Holder holder, Duration heartbeat, Duration lease,
            Clock clock) {
        leases.register(holder.id(), holder.host(), holder.baseUrl(), clock.instant(), lease);
        BridgeLease started = new BridgeLease(leases, holder, lease, clock);
        long every = heartbeat.toMillis();
        started.timer.scheduleWithFixedDelay(started::renewQuietly, every, every, TimeUnit.MILLISECONDS);
        log.info("Bridge {} on {} holds a {} s lease in the call history, renewed every {} s", holder.id(),
                holder.host(), lease.toSeconds(), heartbeat.toSeconds());
        return started;
    }

    public Holder holder() {
        return holder;
    }

    /** Renews the lease now (the heartbeat does this); registers again if another bridge had taken it over. */
    public void renew() {
        if (!leases.renew(holder.id(), clock.instant(), lease)) {
            log.warn("Bridge {}'s lease had run out and another bridge took it over (no renewal for over {} s: "
                    + "was this process paused, or cut off from the database?); its calls recorded as live may have "
                    + "been marked lost. Registering again.", holder.id(), lease.toSeconds());
            leases.register(holder.id(), holder.host(), holder.baseUrl(), clock.instant(), lease);
        }
    }

    private void renewQuietly() {
        try {
            renew();
            if (failing) {
                log.info("Bridge {} renews its lease again", holder.id());
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Could not renew bridge {}'s lease (retrying every heartbeat; after {} s other bridges "
                        + "take this one for dead): {}", holder.id(), lease.toSeconds(), e.getMessage());
                failing = true;
            }
        }
    }

    /** Stops renewing without releasing the lease: what a {@code kill -9} leaves behind (tests). */
    void abandon() {
        timer.shutdownNow();
    }

    /** Stops renewing and releases the lease: this bridge has ended its calls and is gone. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
            leases.release(holder.id(), clock.instant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Could not release bridge {}'s lease (it runs out by itself): {}", holder.id(), e.getMessage());
        }
    }
}
