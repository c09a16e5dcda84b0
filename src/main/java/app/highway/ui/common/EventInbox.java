package app.highway.ui.common;

import app.highway.ConsoleServices;
import app.highway.call.CallEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Collects the bridge's events from any thread without blocking it, for the UI to drain in one
 * batch per tick (Cryptomator's aggregator pattern). No JavaFX here: producers never wait for the
 * FX thread, and view models can be driven by a manual tick in tests.
 */
public final class EventInbox implements AutoCloseable {
    /** Past this many queued events the UI is not keeping up; the oldest are still kept (nothing lost). */
    private final ConcurrentLinkedQueue<CallEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AutoCloseable subscription;

    public EventInbox(ConsoleServices.Events events) {
        this.subscription = events.subscribe(e -> {
            queue.add(e);
            size.incrementAndGet();
        });
    }

    /** Everything queued since the last drain, in publication order. */
    public List<CallEvent> drain() {
        List<CallEvent> batch = new ArrayList<>(Math.max(16, size.get()));
        CallEvent e;
        while ((e = queue.poll()) != null) {
            batch.add(e);
            size.decrementAndGet();
        }
        return batch;
    }

    public int pending() {
        return size.get();
    }

    @Override
    public void close() throws Exception {
        subscription.close();
    }
}
