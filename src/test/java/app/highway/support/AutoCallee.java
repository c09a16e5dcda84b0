package app.highway.support;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The people a campaign calls, as Twilio reports them: for every call the fake Twilio creates, after
 * {@code after} the carrier posts the signed status callbacks of how it went ({@code in-progress} then
 * {@code completed} for an answer; {@code busy}, {@code no-answer} or {@code failed} straight away), as
 * {@code outcome} decides from the number called. Nothing is answered on the media stream: the call ends by
 * its final status.
 */
public final class AutoCallee implements AutoCloseable {
    private final ScheduledExecutorService callbacks = Executors.newScheduledThreadPool(8, r -> {
        Thread t = new Thread(r, "auto-callee");
        t.setDaemon(true);
        return t;
    });
    private final FakeCarrier carrier;
    private final Map<String, String> finalBySid = new ConcurrentHashMap<>();
    private final java.util.List<Long> ended = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    public AutoCallee(FakeTwilioRest twilio, String statusUrl, Duration after, Function<String, String> outcome) {
        this.carrier = new FakeCarrier(FakeTwilioRest.AUTH_TOKEN);
        twilio.onCreated((sid, request) -> {
            String how = outcome.apply(request.param("To"));
            if (how == null) {
                return; // this one rings on until someone ends it
            }
            finalBySid.put(sid, how);
            callbacks.schedule(() -> {
                try {
                    if (how.equals("completed")) {
                        carrier.status(statusUrl, sid, "in-progress");
                    }
                    ended.add(System.nanoTime());
                    carrier.status(statusUrl, sid, how);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, after.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    /** Every call answered at once and completed after {@code after}. */
    public static AutoCallee answering(FakeTwilioRest twilio, String statusUrl, Duration after) {
        return new AutoCallee(twilio, statusUrl, after, to -> "completed");
    }

    /** When each call's final status was sent (System.nanoTime), in order. */
    public java.util.List<Long> endedNanos() {
        synchronized (ended) {
            return java.util.List.copyOf(ended);
        }
    }

    @Override
    public void close() {
        callbacks.shutdownNow();
    }
}
