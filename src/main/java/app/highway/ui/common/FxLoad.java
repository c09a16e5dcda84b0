package app.highway.ui.common;

import java.util.Arrays;

/**
 * How much of the FX thread the console's own work takes: the duration of each UI tick (applying a
 * batch of bridge events) and the gaps between rendered frames. For the closing numbers and
 * the load benchmark; cheap enough to leave on.
 */
public final class FxLoad {
    private static final int WINDOW = 4096;
    private final long[] tickNanos = new long[WINDOW];
    private final long[] frameGapNanos = new long[WINDOW];
    private int ticks;
    private int frames;
    private long lastFrame;
    private long firstFrame;

    /** Starts a new measurement window. */
    public synchronized void reset() {
        ticks = 0;
        frames = 0;
        lastFrame = 0;
        firstFrame = 0;
    }

    public synchronized void tick(long nanos) {
        tickNanos[ticks++ % WINDOW] = nanos;
    }

    public synchronized void frame(long now) {
        if (lastFrame != 0) {
            frameGapNanos[frames++ % WINDOW] = now - lastFrame;
        } else {
            firstFrame = now;
        }
        lastFrame = now;
    }

    /** A one-line summary: tick p50/p99/max and frames per second. */
    public synchronized String summary() {
        return String.format("ticks=%d tick p50=%.2f ms p99=%.2f ms max=%.2f ms; frames=%d fps=%.1f frame-gap p99=%.1f ms "
                        + "max=%.1f ms", ticks, pct(tickNanos, ticks, 50), pct(tickNanos, ticks, 99),
                pct(tickNanos, ticks, 100), frames, fps(), pct(frameGapNanos, frames, 99),
                pct(frameGapNanos, frames, 100));
    }

    public synchronized double tickPercentileMs(double p) {
        return pct(tickNanos, ticks, p);
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
