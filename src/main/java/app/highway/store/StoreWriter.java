package app.highway.store;

import app.highway.call.CallSnapshot;
import app.highway.call.CallEvent;
import app.highway.event.EventBus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes calls to the store as they happen, off the audio path: publishers only mark a call as
 * changed (a set insert); a single writer thread saves changed calls, redacted, in one transaction
 * per interval. What a record must not lose (state, a finished transcript line, a tool call, usage,
 * a problem, the end) is written at the next interval; what changes many times a second while
 * someone speaks (partial transcript, who is speaking) at most once per {@link #LIVE_INTERVAL}.
 */
public final class StoreWriter implements AutoCloseable {
    /** Partial transcripts and speaker changes of a live call are written at most this often. */
    static final Duration LIVE_INTERVAL = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(StoreWriter.class);
    private final CallStore store;
    private final Function<String, Optional<CallSnapshot>> redactedSnapshots;
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final Set<String> urgent = ConcurrentHashMap.newKeySet();
    /** When each live call was last written (writer thread only). */
    private final Map<String, Long> lastWritten = new HashMap<>();
    private final AutoCloseable subscription;
    private final Thread thread;
    private final Duration interval;
    private final AtomicLong eventsSeen = new AtomicLong();
    private final AtomicLong callsWritten = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private volatile boolean running = true;

    public StoreWriter(CallStore store, EventBus<CallEvent> events, Function<String, Optional<CallSnapshot>> redactedSnapshots,
            Duration interval) {
        this.store = store;
        this.redactedSnapshots = redactedSnapshots;
        this.interval = interval;
        this.subscription = events.subscribe(this::onEvent);
        this.thread = new Thread(this::run, "call-store-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void onEvent(CallEvent e) {
        eventsSeen.incrementAndGet();
        if (e instanceof CallEvent.CallDeleted) {
            return; // nothing left to write
        }
        boolean frequent = e instanceof CallEvent.SpeakerChanged
                || e instanceof CallEvent.TranscriptUpdated t && !t.complete();
        if (!frequent) {
            urgent.add(e.callId());
        }
        dirty.add(e.callId());
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(interval.toMillis());
                write(false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Could not write call records (will retry): {}", e.getMessage());
            }
        }
    }

    /** Writes every call changed since the last write, now; also used before reads that must be current. */
    public void flush() {
        write(true);
    }

    private synchronized void write(boolean everything) {
        if (dirty.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (String id : dirty) {
            Long last = lastWritten.get(id);
            if (everything || urgent.contains(id) || last == null || now - last >= LIVE_INTERVAL.toNanos()) {
                ids.add(id);
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        urgent.removeAll(ids); // then dirty: a change that lands in between is in the snapshot taken next
        dirty.removeAll(ids);
        List<CallSnapshot> batch = new ArrayList<>(ids.size());
        for (String id : ids) {
            redactedSnapshots.apply(id).ifPresent(batch::add);
        }
        try {
            store.save(batch);
        } catch (RuntimeException e) {
            dirty.addAll(ids); // nothing is lost: retried at the next interval
            urgent.addAll(ids);
            throw e;
        }
        for (CallSnapshot c : batch) {
            if (c.state().isFinal()) {
                lastWritten.remove(c.id());
            } else {
                lastWritten.put(c.id(), now);
            }
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
