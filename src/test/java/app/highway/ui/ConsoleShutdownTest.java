package app.highway.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.Bridge;
import app.highway.config.AppConfig;
import app.highway.ui.common.Lifecycle;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Closing the console while its bridge is still starting: the bridge that arrives afterwards is
 * stopped, its port is free again and the console's own stream of its live calls is gone with it
 * (a real simulated bridge, no toolkit).
 */
@Tag("e2e")
class ConsoleShutdownTest {

    @Test
    void aBridgeThatFinishesStartingAfterTheWindowClosedIsStoppedAndReleasesItsPort() throws Exception {
        int port = freePort();
        Path data = Files.createTempDirectory("highway-shutdown");
        AppConfig config = AppConfig.from(Map.of("PORT", String.valueOf(port), "HIGHWAY_DATA_DIR", data.toString()));
        CountDownLatch windowClosed = new CountDownLatch(1);
        Set<Long> threadsBefore = Thread.getAllStackTraces().keySet().stream().map(Thread::getId)
                .collect(Collectors.toSet());
        Lifecycle<Bridge> bridge = new Lifecycle<>("bridge");
        var started = bridge.start(() -> {
            try {
                assertTrue(windowClosed.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return Bridge.startForConsole(config, true); // as the console starts it: with its live calls' stream
        });

        var stopped = bridge.stop(); // the window closes while the bridge is starting
        windowClosed.countDown();
        started.handle((b, e) -> null).get(30, TimeUnit.SECONDS);
        stopped.get(30, TimeUnit.SECONDS);

        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new AssertionError("port " + port + " is still bound after the console stopped", e);
        }
        // the console's stream client (its timer, its network threads) and the bridge's threads have ended
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> left;
        do {
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && !threadsBefore.contains(t.getId()))
                    .map(Thread::getName)
                    .filter(n -> n.startsWith("event-stream") || n.startsWith("live-calls") || n.startsWith("vert.x-"))
                    .sorted().toList();
            if (!left.isEmpty()) {
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        } while (!left.isEmpty() && System.nanoTime() < deadline);
        assertEquals(List.of(), left, "threads left running after the console stopped");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void whenThePortIsTakenTheFailureSaysAHeadlessBridgeMayHoldIt() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            int port = taken.getLocalPort();
            Path data = Files.createTempDirectory("highway-port-taken");
            AppConfig config = AppConfig.from(Map.of("PORT", String.valueOf(port), "HIGHWAY_DATA_DIR", data.toString()));
            Throwable failure = null;
            try (Bridge b = Bridge.start(config, true)) {
                throw new AssertionError("the bridge started on a taken port " + port);
            } catch (RuntimeException e) {
                failure = e;
            }
            String message = ConsoleApp.startFailure(failure, port);
            assertTrue(message.startsWith("Port " + port + " is already in use"), message);
            assertTrue(message.contains("headless"), message);
        }
    }
}
