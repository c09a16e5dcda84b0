package app.highway.call;

import app.highway.event.EventBus;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A call's events on their way out: made under the call's monitor ({@link #add}), published after it is
 * released ({@link #publish}), in the order they were made, by one thread at a time; whichever thread gets
 * the flag publishes everything queued so far. A subscriber that takes another lock so never runs under
 * the call's monitor.
 */
final class CallOutbox {
    private final EventBus<CallEvent> events;
    private final Queue<CallEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean publishing = new AtomicBoolean();

    CallOutbox(EventBus<CallEvent> events) {
        this.events = events;
    }

    /** Queues {@code event} (under the call's monitor, so that the order is the order of the changes). */
    void add(CallEvent event) {
        queue.add(event);
    }

    /** Publishes what is queued. Called after every change, outside the call's monitor. */
    void publish() {
        while (!queue.isEmpty() && publishing.compareAndSet(false, true)) {
            try {
                CallEvent e;
                while ((e = queue.poll()) != null) {
                    events.publish(e);
                }
            } finally {
                publishing.set(false);
            }
        }
    }
}
