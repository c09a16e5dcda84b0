package app.highway.store;

import app.highway.call.CallSnapshot;
import app.highway.event.BridgeEvent;
import app.highway.event.EventBus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes calls to the store as they happen, off the audio path: publishers only mark a call as
 * changed (a set insert); a single writer thread saves every changed call, redacted, in one
 * transaction per interval. A call that ends is written at the next interval.
 */
public final class StoreWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StoreWriter.class);
    private final CallStore store;
    private final Function<String, Optional<CallSnapshot>> redactedSnapshots;
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final AutoCloseable subscription;
    private final Thread thread;
    private final Duration interval;
    private final AtomicLong eventsSeen = new AtomicLong();
    private final AtomicLong callsWritten = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private volatile boolean running = true;

    public StoreWriter(CallStore store, EventBus events, Function<String, Optional<CallSnapshot>> redactedSnapshots,
            Duration interval) {
        this.store = store;
        this.redactedSnapshots = redactedSnapshots;
        this.interval = interval;
        this.subscription = events.subscribe(this::onEvent);
        this.thread = new Thread(this::run, "call-store-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void onEvent(BridgeEvent e) {
        eventsSeen.incrementAndGet();
        dirty.add(e.callId());
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(interval.toMillis());
                flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Could not write call records (will retry): {}", e.getMessage());
            }
        }
    }

    /** Writes every call changed since the last write, now; also used before reads that must be current. */
    public synchronized void flush() {
        if (dirty.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>(dirty);
        dirty.removeAll(ids);
        List<CallSnapshot> batch = new ArrayList<>(ids.size());
        for (String id : ids) {
            redactedSnapshots.apply(id).ifPresent(batch::add);
        }
        try {
            store.save(batch);
        } catch (RuntimeException e) {
            dirty.addAll(ids); // nothing is lost: retried at the next interval
            throw e;
        }
        callsWritten.addAndGet(batch.size());
        batches.incrementAndGet();
    }

    /** Bridge events observed, call records written, transactions: for the throughput numbers. */
    public String stats() {
        return "events=" + eventsSeen.get() + " callWrites=" + callsWritten.get() + " batches=" + batches.get();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
            subscription.close();
        } catch (Exception e) {
            Thread.currentThread().interrupt();
        }
        try {
            flush();
        } catch (RuntimeException e) {
            log.error("Could not write the last call records: {}", e.getMessage());
        }
    }
}
