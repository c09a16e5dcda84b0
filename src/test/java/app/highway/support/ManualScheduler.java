package app.highway.support;

import app.highway.call.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Virtual time for the call timers: nothing runs until {@link #advance} moves the clock past a
 * task's time, then due tasks run on the caller's thread, earliest first.
 */
public final class ManualScheduler implements Scheduler {
    private record Task(long dueNanos, long seq, Runnable run) { }

    private final List<Task> tasks = new ArrayList<>();
    private long now;
    private long seq;
    private boolean closed;

    @Override
    public synchronized Scheduled schedule(Duration delay, Runnable task) {
        if (closed) {
            return () -> { };
        }
        Task t = new Task(now + delay.toNanos(), seq++, task);
        tasks.add(t);
        return () -> {
            synchronized (this) {
                tasks.remove(t);
            }
        };
    }

    /** Moves virtual time on by {@code by}, running every task that falls due, in order. */
    public void advance(Duration by) {
        long target;
        synchronized (this) {
            target = now + by.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> t.dueNanos <= target)
                        .min(Comparator.comparingLong(Task::dueNanos).thenComparingLong(Task::seq)).orElse(null);
                if (next == null) {
                    now = target;
                    return;
                }
                tasks.remove(next);
                now = next.dueNanos;
            }
            next.run.run();
        }
    }

    /** A clock that reads this scheduler's virtual time, starting at {@code origin}. */
    public java.time.Clock clock(java.time.Instant origin) {
        ManualScheduler self = this;
        return new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public java.time.Instant instant() {
                synchronized (self) {
                    return origin.plusNanos(now);
                }
            }
        };
    }

    /** Tasks scheduled and not yet run or called off. */
    public synchronized int pending() {
        return tasks.size();
    }

    @Override
    public synchronized void close() {
        closed = true;
        tasks.clear();
    }
}
