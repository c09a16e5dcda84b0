package app.highway.ui;

import app.highway.ConsoleServices;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntConsumer;
import javafx.animation.AnimationTimer;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For benchmarks only (packaging/first-wave-benchmark.sh): with {@code -Dhighway.firstWave=CALLS,SECONDS}
 * the ready console places CALLS simulated calls at once and, for SECONDS, times every frame it
 * draws: how often frames come and how much CPU the FX thread spent between two frames (CSS,
 * layout, the board's updates, rendering). It logs one line, then closes the window as a user would.
 * This is how a cold start with and without the AOT cache is compared on the installed app itself.
 * Without the property (always, for users) nothing happens.
 */
final class FirstWaveProbe {
    static final String PROPERTY = "highway.firstWave";
    private static final Logger log = LoggerFactory.getLogger(FirstWaveProbe.class);

    private FirstWaveProbe() {
    }

    /** FX thread, once the console is shown in {@code stage}. */
    static void startIfAsked(Stage stage, ConsoleServices services) {
        String asked = System.getProperty(PROPERTY);
        if (asked == null || services.simulateCalls().isEmpty()) {
            return;
        }
        String[] parts = asked.split(",");
        int calls = Integer.parseInt(parts[0].trim());
        long seconds = parts.length > 1 ? Long.parseLong(parts[1].trim()) : 15;
        IntConsumer simulate = services.simulateCalls().get();
        Thread placing = new Thread(() -> simulate.accept(calls), "first-wave");
        placing.setDaemon(true);
        new Recorder(stage, calls, seconds * 1_000_000_000L).start();
        placing.start();
    }

    private static final class Recorder extends AnimationTimer {
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final Stage stage;
        private final int calls;
        private final long span;
        private final long[] gaps = new long[20_000];
        private final long[] cpu = new long[20_000];
        private int frames;
        private long first;
        private long lastFrame;
        private long lastCpu;

        Recorder(Stage stage, int calls, long span) {
            this.stage = stage;
            this.calls = calls;
            this.span = span;
        }

        @Override
        public void handle(long now) {
            long cpuNow = threads.getCurrentThreadCpuTime();
            if (first == 0) {
                first = now;
            } else if (frames < gaps.length) {
                gaps[frames] = now - lastFrame;
                cpu[frames] = cpuNow - lastCpu;
                frames++;
            }
            lastFrame = now;
            lastCpu = cpuNow;
            if (now - first >= span) {
                stop();
                report(now - first);
                stage.close();
            }
        }

        private void report(long elapsed) {
            long[] g = Arrays.copyOf(gaps, frames);
            long[] c = Arrays.copyOf(cpu, frames);
            Arrays.sort(g);
            Arrays.sort(c);
            log.info(String.format(Locale.ROOT, "First wave: %d calls, %.1f s: %.1f frames/s, frame gap p50 %.1f ms "
                    + "p99 %.1f ms max %.1f ms, FX CPU between frames p50 %.2f ms p99 %.2f ms; JVM uptime at the end "
                    + "%d ms", calls, elapsed / 1e9, frames / (elapsed / 1e9), ms(g, 50), ms(g, 99),
                    frames == 0 ? 0 : g[frames - 1] / 1e6, ms(c, 50), ms(c, 99),
                    ManagementFactory.getRuntimeMXBean().getUptime()));
        }

        private static double ms(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100 * sorted.length) - 1));
            return sorted[i] / 1e6;
        }
    }
}
