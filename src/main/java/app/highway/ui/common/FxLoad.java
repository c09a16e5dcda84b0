package app.highway.ui.common;

import java.util.Arrays;

/**
 * How much of the FX thread the console's own work takes: each UI tick (applying a batch of bridge
 * events), each layout pulse (CSS and layout of what the ticks changed), both as wall time and as
 * the FX thread's own CPU time (what the board costs, apart from waiting for a busy machine), and
 * the gaps between rendered frames. For the closing numbers and the load benchmark; cheap enough
 * to leave on.
 */
public final class FxLoad {
    private static final int WINDOW = 4096;
    private final long[] tickNanos = new long[WINDOW];
    private final long[] tickCpuNanos = new long[WINDOW];
    private final long[] pulseNanos = new long[WINDOW];
    private final long[] pulseCpuNanos = new long[WINDOW];
    private final long[] frameGapNanos = new long[WINDOW];
    private int pulses;
    private int ticks;
    private int frames;
    private long lastFrame;
    private long firstFrame;

    /** Starts a new measurement window. */
    public synchronized void reset() {
        ticks = 0;
        pulses = 0;
        frames = 0;
        lastFrame = 0;
        firstFrame = 0;
    }

    /** One UI tick: its wall time and the FX thread's CPU time during it. */
    public synchronized void tick(long nanos, long cpuNanos) {
        tickCpuNanos[ticks % WINDOW] = cpuNanos;
        tickNanos[ticks++ % WINDOW] = nanos;
    }

    /** One layout pulse (CSS + layout): its wall time and the FX thread's CPU time during it. */
    public synchronized void pulse(long nanos, long cpuNanos) {
        pulseCpuNanos[pulses % WINDOW] = cpuNanos;
        pulseNanos[pulses++ % WINDOW] = nanos;
    }

    public synchronized void frame(long now) {
        if (lastFrame != 0) {
            frameGapNanos[frames++ % WINDOW] = now - lastFrame;
        } else {
            firstFrame = now;
        }
        lastFrame = now;
    }

    /** A one-line summary: tick and layout pulse p50/p99/max (wall and CPU) and frames per second. */
    public synchronized String summary() {
        return String.format(java.util.Locale.ROOT, "ticks=%d tick p50=%.2f ms p99=%.2f ms max=%.2f ms (FX CPU p50=%.2f "
                        + "p99=%.2f max=%.2f ms); layout pulses=%d p50=%.2f ms p99=%.2f ms max=%.2f ms (FX CPU p50=%.2f "
                        + "p99=%.2f max=%.2f ms); frames=%d fps=%.1f frame-gap p99=%.1f ms max=%.1f ms", ticks,
                pct(tickNanos, ticks, 50), pct(tickNanos, ticks, 99), pct(tickNanos, ticks, 100),
                pct(tickCpuNanos, ticks, 50), pct(tickCpuNanos, ticks, 99), pct(tickCpuNanos, ticks, 100), pulses,
                pct(pulseNanos, pulses, 50), pct(pulseNanos, pulses, 99), pct(pulseNanos, pulses, 100),
                pct(pulseCpuNanos, pulses, 50), pct(pulseCpuNanos, pulses, 99), pct(pulseCpuNanos, pulses, 100),
                frames, fps(), pct(frameGapNanos, frames, 99), pct(frameGapNanos, frames, 100));
    }

    /** Column names of {@link #csv()}: times in ms. */
    public static final String CSV_HEADER = "fps,frame_gap_p99_ms,tick_p99_ms,tick_fx_cpu_p50_ms,tick_fx_cpu_p99_ms,"
            + "pulse_p99_ms,pulse_fx_cpu_p99_ms,pulse_fx_cpu_max_ms";

    /** The window's figures as one CSV row (see {@link #CSV_HEADER}), for the benchmark's report. */
    public synchronized String csv() {
        return String.format(java.util.Locale.ROOT, "%.1f,%.1f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f", fps(),
                pct(frameGapNanos, frames, 99), pct(tickNanos, ticks, 99), pct(tickCpuNanos, ticks, 50),
                pct(tickCpuNanos, ticks, 99), pct(pulseNanos, pulses, 99), pct(pulseCpuNanos, pulses, 99),
                pct(pulseCpuNanos, pulses, 100));
    }

    public synchronized double fps() {
        return frames == 0 ? 0 : frames / ((lastFrame - firstFrame) / 1e9);
    }

    private static double pct(long[] values, int count, double p) {
        int n = Math.min(count, WINDOW);
        if (n == 0) {
            return 0;
        }
        long[] s = Arrays.copyOf(values, n);
        Arrays.sort(s);
        int i = (int) Math.min(n - 1, Math.max(0, Math.ceil(p / 100 * n) - 1));
        return s[i] / 1e6;
    }
}
