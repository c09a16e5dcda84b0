package app.highway.bench.load;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-frame timings measured from outside the bridge. Every frame carries its send time (see
 * {@link TimedFrame}); frames sent inside the measuring window are counted as sent and, when they
 * arrive, timed. Sent minus timed is what was lost; a sequence number not above the call's last
 * one is a reordering.
 */
final class Metrics {
    private static final int MAX = 4_000_000;
    private static final int MAX_CALLS = 10_000;
    private final long[] upLatency = new long[MAX];
    private final long[] downLatency = new long[MAX];
    private final AtomicLong ups = new AtomicLong();
    private final AtomicLong downs = new AtomicLong();
    private final AtomicLong upSent = new AtomicLong();
    private final AtomicLong downSent = new AtomicLong();
    private final AtomicIntegerArray lastUp = new AtomicIntegerArray(MAX_CALLS);
    private final AtomicIntegerArray lastDown = new AtomicIntegerArray(MAX_CALLS);
    private final AtomicLong reordered = new AtomicLong();
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;
    private volatile boolean receiving;

    /** Starts the window: frames sent from now on are timed. */
    void start() {
        windowEnd = Long.MAX_VALUE;
        windowStart = System.nanoTime();
        receiving = true;
    }

    /** Ends the window for sending; frames sent inside it are still timed until {@link #finish()}. */
    void stopSending() {
        windowEnd = System.nanoTime();
    }

    void finish() {
        receiving = false;
    }

    void reset() {
        ups.set(0);
        downs.set(0);
        upSent.set(0);
        downSent.set(0);
        reordered.set(0);
    }

    private boolean inWindow(long sentNanos) {
        return sentNanos >= windowStart && sentNanos < windowEnd;
    }

    void carrierSent(long nanos) {
        if (inWindow(nanos)) {
            upSent.incrementAndGet();
        }
    }

    void modelSent(long nanos) {
        if (inWindow(nanos)) {
            downSent.incrementAndGet();
        }
    }

    void carrierToModel(TimedFrame f, long nanos) {
        arrived(f, nanos, lastUp, ups, upLatency);
    }

    void modelToCarrier(TimedFrame f, long nanos) {
        arrived(f, nanos, lastDown, downs, downLatency);
    }

    private void arrived(TimedFrame f, long nanos, AtomicIntegerArray last, AtomicLong count, long[] latencies) {
        if (f.call() >= 0 && f.call() < MAX_CALLS && f.seq() <= last.getAndSet(f.call(), f.seq())) {
            reordered.incrementAndGet();
        }
        if (receiving && inWindow(f.sentNanos())) {
            long i = count.getAndIncrement();
            if (i < MAX) {
                latencies[(int) i] = nanos - f.sentNanos();
            }
        }
    }

    /** p50, p90, p99, max in ms. */
    double[] up() {
        return pcts(upLatency, (int) Math.min(ups.get(), MAX));
    }

    double[] down() {
        return pcts(downLatency, (int) Math.min(downs.get(), MAX));
    }

    long upReceived() {
        return ups.get();
    }

    long downReceived() {
        return downs.get();
    }

    long upSentCount() {
        return upSent.get();
    }

    long downSentCount() {
        return downSent.get();
    }

    long reordered() {
        return reordered.get();
    }

    private static double[] pcts(long[] values, int n) {
        if (n == 0) {
            return new double[] {0, 0, 0, 0};
        }
        long[] s = Arrays.copyOf(values, n);
        Arrays.sort(s);
        return new double[] {s[idx(n, 50)] / 1e6, s[idx(n, 90)] / 1e6, s[idx(n, 99)] / 1e6, s[n - 1] / 1e6};
    }

    private static int idx(int n, double p) {
        return (int) Math.min(n - 1, Math.max(0, Math.ceil(p / 100 * n) - 1));
    }
}
