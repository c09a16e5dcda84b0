package app.highway.bench.load;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-frame timings measured from outside the bridge: when each frame left its sender and when
 * it reached the other side, per call, with drop and reorder counts.
 */
final class Metrics {
    private static final int MAX = 2_000_000;
    private final ConcurrentHashMap<Long, Long> carrierSent = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Long> modelSent = new ConcurrentHashMap<>();
    private final long[] upLatency = new long[MAX];
    private final long[] downLatency = new long[MAX];
    private final AtomicLong ups = new AtomicLong();
    private final AtomicLong downs = new AtomicLong();
    private final AtomicLong upSent = new AtomicLong();
    private final AtomicLong downSent = new AtomicLong();
    private final ConcurrentHashMap<Integer, Integer> lastUp = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Integer> lastDown = new ConcurrentHashMap<>();
    private final AtomicLong reordered = new AtomicLong();
    private volatile boolean recording;
    private volatile boolean receiving;

    private static long key(int call, int seq) {
        return ((long) call << 32) | (seq & 0xffffffffL);
    }

    /** Starts timing frames sent from now on. */
    void start() {
        receiving = true;
        recording = true;
    }

    /** Stops timing new frames; frames in flight are still counted until {@link #finish()}. */
    void stopSending() {
        recording = false;
    }

    void finish() {
        receiving = false;
        carrierSent.clear();
        modelSent.clear();
    }

    void carrierSent(int call, int seq, long nanos) {
        if (recording) {
            carrierSent.put(key(call, seq), nanos);
            upSent.incrementAndGet();
        }
    }

    void carrierToModel(int call, int seq, long nanos) {
        Long sent = carrierSent.remove(key(call, seq));
        Integer prev = lastUp.put(call, seq);
        if (prev != null && seq <= prev) {
            reordered.incrementAndGet();
        }
        if (sent != null && receiving) {
            long i = ups.getAndIncrement();
            if (i < MAX) {
                upLatency[(int) i] = nanos - sent;
            }
        }
    }

    void modelSent(int call, int seq, long nanos) {
        if (recording) {
            modelSent.put(key(call, seq), nanos);
            downSent.incrementAndGet();
        }
    }

    void modelToCarrier(int call, int seq, long nanos) {
        Long sent = modelSent.remove(key(call, seq));
        Integer prev = lastDown.put(call, seq);
        if (prev != null && seq <= prev) {
            reordered.incrementAndGet();
        }
        if (sent != null && receiving) {
            long i = downs.getAndIncrement();
            if (i < MAX) {
                downLatency[(int) i] = nanos - sent;
            }
        }
    }

    void reset() {
        ups.set(0);
        downs.set(0);
        upSent.set(0);
        downSent.set(0);
        reordered.set(0);
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
