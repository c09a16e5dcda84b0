package app.highway.call;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task once after a delay: the call timers (ring timeout, maximum duration, hang-up guard)
 * go through this, so that tests can run them in virtual time instead of waiting for real seconds.
 */
public interface Scheduler extends AutoCloseable {

    /** A scheduled task that can still be called off. */
    interface Scheduled {
        void cancel();
    }

    Scheduled schedule(Duration delay, Runnable task);

    @Override
    void close();

    /** Real time: one daemon thread. Tasks must be short (they only decide and hand work on). */
    static Scheduler realTime(String threadName) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        return new Scheduler() {
            @Override
            public Scheduled schedule(Duration delay, Runnable task) {
                if (executor.isShutdown()) {
                    return () -> { };
                }
                ScheduledFuture<?> future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
                return () -> future.cancel(false);
            }

            @Override
            public void close() {
                executor.shutdownNow();
            }
        };
    }
}
