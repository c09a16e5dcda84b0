package app.highway.bench;

import java.util.Arrays;

/** Percentile summaries for the benchmarks' timings. */
public final class Percentiles {
    private Percentiles() {
    }

    /** Nearest-rank percentile of nanosecond samples, in milliseconds. */
    public static double ms(long[] sortedNanos, double p) {
        int n = sortedNanos.length;
        return sortedNanos[(int) Math.min(n - 1, Math.max(0, Math.ceil(p / 100 * n) - 1))] / 1e6;
    }

    public static String summary(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return String.format("n=%d p50=%.3f ms p90=%.3f ms p99=%.3f ms max=%.3f ms", s.length, ms(s, 50), ms(s, 90),
                ms(s, 99), s[s.length - 1] / 1e6);
    }
}
