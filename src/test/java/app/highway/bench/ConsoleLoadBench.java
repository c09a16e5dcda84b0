package app.highway.bench;

import app.highway.Bridge;
import app.highway.config.AppConfig;
import app.highway.config.PromptHistory;
import app.highway.ui.common.FxLoad;
import app.highway.ui.shell.MainWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Not a test: the console's FX-thread load with N simulated calls live at once (default 200).
 * Run with {@code mvn -B -Pbench test -Dtest=ConsoleLoadBench [-Dcalls=200] [-Dwarmups=0|1] [-Dcps=200]}.
 * {@code cps} paces the calls as {@code TWILIO_CALLS_PER_SECOND} does (200: all at once; Twilio's
 * default account limit is 1). Reports the UI tick's duration percentiles and the frame rate seen
 * by an AnimationTimer.
 */
@Tag("bench")
@ExtendWith(ApplicationExtension.class)
class ConsoleLoadBench {
    private static final Logger log = LoggerFactory.getLogger(ConsoleLoadBench.class);
    private Bridge bridge;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        Path data = Files.createTempDirectory("highway-load");
        bridge = Bridge.start(AppConfig.from(Map.of("PORT", "0", "HIGHWAY_DATA_DIR", data.toString(),
                "TWILIO_CALLS_PER_SECOND", Integer.getInteger("cps", 200).toString())), true);
        window = new MainWindow(bridge.console());
        stage.setScene(window.scene());
        stage.show();
    }

    private void placeAndWait(int n, String note) throws Exception {
        ExecutorService placing = Executors.newFixedThreadPool(16);
        for (int i = 0; i < n; i++) {
            String to = String.format("+1556%07d", i);
            placing.execute(() -> {
                try {
                    bridge.calls().placeCall(app.highway.team.Actor.OWNER.user(), to, "123456", note);
                } catch (Exception e) {
                    log.warn("not placed: {}", e.getMessage());
                }
            });
        }
        placing.shutdown();
        placing.awaitTermination(60, TimeUnit.SECONDS);
    }

    /**
     * One row per run in {@code target/bench/console.csv} (see {@code packaging/console-benchmark.sh}):
     * the scenario, where the process's CPU went, and the FX thread's figures.
     */
    private static void appendCsv(int calls, int warmups, double cores, Map<String, Double> byThread, FxLoad load)
            throws java.io.IOException {
        Path csv = Path.of("target", "bench", "console.csv");
        Files.createDirectories(csv.getParent());
        if (!Files.exists(csv)) {
            Files.writeString(csv, "calls,cps,warmups,process_cores,jit_cores,simulation_cores,bridge_cores,fx_cores,"
                    + FxLoad.CSV_HEADER + "\n");
        }
        double jit = group(byThread, "CompilerThre");
        double sim = group(byThread, "sim");
        double fx = group(byThread, "JavaFX") + group(byThread, "QuantumRend");
        double bridge = group(byThread, "vert.x-eventloop") + group(byThread, "realtime") + group(byThread, "call-store");
        Files.writeString(csv, String.format(java.util.Locale.ROOT, "%d,%d,%d,%.2f,%.2f,%.2f,%.2f,%.2f,%s%n", calls,
                Integer.getInteger("cps", 200), warmups, cores, jit, sim, bridge, fx, load.csv()),
                java.nio.file.StandardOpenOption.APPEND);
    }

    /** Cores used by the thread groups whose name contains {@code part}. */
    private static double group(Map<String, Double> byThread, String part) {
        return byThread.entrySet().stream().filter(e -> e.getKey().contains(part)).mapToDouble(Map.Entry::getValue)
                .sum();
    }

    @Test
    void boardWithManyLiveCalls() throws Exception {
        int n = Integer.getInteger("calls", 200);
        int warmups = Integer.getInteger("warmups", 1);
        for (int w = 0; w < warmups; w++) { // a first wave warms the JIT up, as a console open all day would be
            placeAndWait(n, "warmup" + w);
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> bridge.registry().activeCount() == 0);
        }
        ExecutorService placing = Executors.newFixedThreadPool(16);
        AtomicInteger placed = new AtomicInteger();
        for (int i = 0; i < n; i++) {
            String to = String.format("+1555%07d", i);
            placing.execute(() -> {
                try {
                    bridge.calls().placeCall(app.highway.team.Actor.OWNER.user(), to, "123456", "load");
                    placed.incrementAndGet();
                } catch (Exception e) {
                    log.warn("not placed: {}", e.getMessage());
                }
            });
        }
        placing.shutdown();
        placing.awaitTermination(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(30 + n / Integer.getInteger("cps", 200), TimeUnit.SECONDS,
                () -> bridge.registry().activeCount() >= n * 9L / 10
                && bridge.registry().all().stream().filter(c -> c.state().wire().equals("in-progress"))
                .count() >= n / 2);
        long live = bridge.registry().all().stream().filter(c -> !c.isEnded()).count();
        long peakLive = live;
        MainWindow w = window;
        FxLoad before = w.load();
        before.reset();
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long pid = ProcessHandle.current().pid();
        var threads0 = app.highway.bench.load.ThreadCpu.byGroup(pid);
        long start = System.nanoTime();
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(8)) {
            Thread.sleep(500);
            peakLive = Math.max(peakLive, bridge.registry().all().stream().filter(c -> !c.isEnded()).count());
        }
        double cores = (os.getProcessCpuTime() - cpu0) / (double) (System.nanoTime() - start);
        var byThread = app.highway.bench.load.ThreadCpu.coresBetween(threads0,
                app.highway.bench.load.ThreadCpu.byGroup(pid), (System.nanoTime() - start) / 1e9);
        log.info("CPU by thread group (cores): {}", byThread);
        log.info("console with {} simulated calls placed, {} live at start of window, peak {}; process CPU {} of 2 "
                + "cores (bridge + simulated carrier + simulated model + UI in one JVM): {}", placed.get(), live,
                peakLive, String.format("%.2f", cores), before.summary());
        appendCsv(n, warmups, cores, byThread, before);
        WaitForAsyncUtils.asyncFx(window::close);
        bridge.close();
    }
}
