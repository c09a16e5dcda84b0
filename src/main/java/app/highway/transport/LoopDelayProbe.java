package app.highway.transport;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * How late the relay loop runs what it is given: a timer on the loop every {@code periodMillis}
 * reports how much later than planned it fired. A frame that arrives while the loop is busy waits
 * exactly that long before it is relayed, so this is the bridge's own share of every call's audio
 * latency, measured without touching the per-frame path (one timer, not one clock read per frame).
 */
public final class LoopDelayProbe implements AutoCloseable {
    private final Vertx vertx;
    private final long timerId;

    private LoopDelayProbe(Vertx vertx, long timerId) {
        this.vertx = vertx;
        this.timerId = timerId;
    }

    /** Starts probing {@code loop}; {@code delayNanos} runs on the loop and must return at once. */
    public static LoopDelayProbe start(Vertx vertx, Context loop, long periodMillis, LongConsumer delayNanos) {
        long period = TimeUnit.MILLISECONDS.toNanos(periodMillis);
        CompletableFuture<Long> id = new CompletableFuture<>();
        loop.runOnContext(v -> {
            long[] due = {System.nanoTime() + period};
            id.complete(vertx.setPeriodic(periodMillis, t -> {
                long now = System.nanoTime();
                delayNanos.accept(Math.max(0, now - due[0]));
                due[0] = now + period;
            }));
        });
        return new LoopDelayProbe(vertx, id.join());
    }

    @Override
    public void close() {
        vertx.cancelTimer(timerId);
    }
}
