package app.highway.ui.shell;

import app.highway.ui.common.FxLoad;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;

/**
 * Measures what the console costs the FX thread, into an {@link FxLoad}: each UI tick and each layout
 * pulse (wall time and the FX thread's own CPU time) and the gaps between rendered frames.
 */
final class FxLoadProbe implements AutoCloseable {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private final FxLoad load = new FxLoad();
    private final AnimationTimer frames = new AnimationTimer() {
        @Override
        public void handle(long now) {
            load.frame(now);
        }
    };
    private long pulseStart;
    private long pulseCpuStart;

    FxLoadProbe(Scene scene) {
        scene.addPreLayoutPulseListener(() -> {
            pulseStart = System.nanoTime();
            pulseCpuStart = CPU.getCurrentThreadCpuTime();
        });
        scene.addPostLayoutPulseListener(() -> {
            if (pulseStart != 0) {
                load.pulse(System.nanoTime() - pulseStart, CPU.getCurrentThreadCpuTime() - pulseCpuStart);
            }
        });
        frames.start();
    }

    /** Runs one UI tick and records what it cost. */
    void tick(Runnable tick) {
        long t0 = System.nanoTime();
        long c0 = CPU.getCurrentThreadCpuTime();
        tick.run();
        load.tick(System.nanoTime() - t0, CPU.getCurrentThreadCpuTime() - c0);
    }

    FxLoad load() {
        return load;
    }

    @Override
    public void close() {
        frames.stop();
    }
}
