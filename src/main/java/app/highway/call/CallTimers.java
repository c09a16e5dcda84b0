package app.highway.call;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Each call's timers. A timer does nothing once its call is ending or ended, and all of a call's
 * timers are called off when the call is released, so an ended call leaves nothing scheduled.
 */
final class CallTimers implements AutoCloseable {
    private final Scheduler scheduler;
    private final Map<String, List<Scheduler.Scheduled>> byCall = new ConcurrentHashMap<>();

    CallTimers(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Runs {@code action} after {@code delay} if the call is still live then. */
    void after(Call call, Duration delay, Runnable action) {
        if (call.isOver()) {
            return;
        }
        Scheduler.Scheduled scheduled = scheduler.schedule(delay, () -> {
            if (!call.isOver()) {
                action.run();
            }
        });
        byCall.computeIfAbsent(call.id(), id -> new CopyOnWriteArrayList<>()).add(scheduled);
        if (call.isEnded()) {
            cancel(call.id()); // released while this was being scheduled
        }
    }

    /** Calls off every timer of the call. */
    void cancel(String callId) {
        List<Scheduler.Scheduled> timers = byCall.remove(callId);
        if (timers != null) {
            timers.forEach(Scheduler.Scheduled::cancel);
        }
    }

    /** Calls with timers still scheduled: none once every call has ended. */
    int callsWithTimers() {
        return byCall.size();
    }

    @Override
    public void close() {
        byCall.keySet().forEach(this::cancel);
        scheduler.close();
    }
}
