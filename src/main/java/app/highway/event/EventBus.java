package app.highway.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typed, synchronous fan-out of events. A subscriber that throws is logged and skipped, never fatal
 * to the publisher (which may be an audio or socket thread). Knows nothing of what it carries, so
 * that the packages publishing events do not depend on each other through it.
 */
public final class EventBus<E> {
    private static final Logger log = LoggerFactory.getLogger(EventBus.class);
    private final List<Consumer<? super E>> subscribers = new CopyOnWriteArrayList<>();

    /** Subscribers must return quickly: hand work to another thread or queue it. */
    public AutoCloseable subscribe(Consumer<? super E> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public void publish(E event) {
        for (Consumer<? super E> subscriber : subscribers) {
            try {
                subscriber.accept(event);
            } catch (RuntimeException e) {
                log.error("Event subscriber failed on {}", event.getClass().getSimpleName(), e);
            }
        }
    }
}
