package app.highway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.Bridge;
import app.highway.bench.load.LoadGenerator;
import app.highway.bench.load.StepResult;
import app.highway.config.AppConfig;
import app.highway.support.BridgeHarness;
import app.highway.support.FakeRealtimeServer;
import app.highway.support.FakeTwilioRest;
import app.highway.support.PostgresSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not a test: the event fan-out delay across a fleet, from the moment bridge A makes a call event (its
 * {@code at}, A's wall clock) to the moment a console attached to bridge B hands it over (the same
 * machine's clock), at 100 live calls on A and 10 consoles on B. Both bridges share one PostgreSQL
 * database: A is the load benchmark's bridge in its own JVM ({@link LoadGenerator}, real-time audio both
 * ways, the fake model speaking half the time), B runs in this JVM with no calls of its own, and A's
 * events reach B through {@code LISTEN/NOTIFY}. A's relay figures are reported beside it, to be compared
 * with {@link EventFanOutBench}'s (one bridge on SQLite).
 *
 * <p>{@code mvn -B -Pbench test -Dtest=FleetFanOutBench [-Dcalls=100] [-Dconsoles=10] [-Dseconds=20]
 * [-Dwarmup=10]}; needs PostgreSQL as the tests do ({@code HIGHWAY_TEST_DATABASE_URL}…). Writes
 * {@code target/bench/fleet-fanout.md}.
 */
@Tag("bench")
class FleetFanOutBench {
    private static final Logger log = LoggerFactory.getLogger(FleetFanOutBench.class);

    @Test
    void fanOutDelayFromOneBridgeToConsolesOnAnotherAtAHundredCalls() throws Exception {
        int calls = Integer.getInteger("calls", 100);
        int consoleCount = Integer.getInteger("consoles", 10);
        int seconds = Integer.getInteger("seconds", 20);
        int warmup = Integer.getInteger("warmup", 10);
        try (PostgresSchema db = PostgresSchema.create(); FakeTwilioRest twilio = new FakeTwilioRest();
                FakeRealtimeServer realtime = new FakeRealtimeServer()) {
            Map<String, String> envB = BridgeHarness.fakeEnv(realtime.url(), twilio.baseUrl(), 0, "fleet-b",
                    Files.createTempDirectory("highway-fleet-bench-b"));
            envB.putAll(db.bridgeEnvironment());
            envB.put("HIGHWAY_BRIDGE_ID", "bench-b");
            Map<String, String> envA = new HashMap<>(db.bridgeEnvironment());
            envA.put("HIGHWAY_BRIDGE_ID", "bench-a");
            EventFanOutBench.Consoles consoles = new EventFanOutBench.Consoles(consoleCount);
            StepResult measured;
            long[] delays;
            try (Bridge b = Bridge.start(AppConfig.from(envB), false)) {
                String baseB = "http://127.0.0.1:" + b.port();
                LoadGenerator.Attachment onB = new LoadGenerator.Attachment() {
                    @Override
                    public void attach(String baseUrlOfA, String tokenOfA) throws Exception {
                        consoles.attach(baseB, "fleet-b");
                    }

                    @Override
                    public void windowStarted() {
                        consoles.windowStarted();
                    }

                    @Override
                    public void windowEnded() {
                        consoles.windowEnded();
                    }

                    @Override
                    public void close() {
                        consoles.close();
                    }
                };
                measured = LoadGenerator.measure(calls, seconds, warmup, onB, envA);
                delays = consoles.delays();
            }
            assertTrue(delays.length > 0, "no event of bridge A reached a console on bridge B");
            Arrays.sort(delays);
            String fanOut = String.format(Locale.ROOT, "%d events to %d consoles in %d s (%.0f per console per s): "
                            + "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; consoles dropped %d times",
                    delays.length, consoleCount, seconds, delays.length / (double) consoleCount / seconds,
                    Percentiles.ms(delays, 50), Percentiles.ms(delays, 90), Percentiles.ms(delays, 99),
                    delays[delays.length - 1] / 1e6, consoles.drops());
            String report = "# Fleet event fan-out (" + calls + " live calls on bridge A, " + consoleCount
                    + " consoles on bridge B, PostgreSQL LISTEN/NOTIFY)\n\n"
                    + "bridge A makes the event → client of a console on bridge B hands it over: " + fanOut + "\n\n"
                    + String.format(Locale.ROOT, "bridge A's relay: carrier→model p50 / p99 %.2f / %.2f ms, "
                            + "model→carrier p50 / p99 %.2f / %.2f ms, frames lost %d, CPU %.3f cores%n",
                            measured.up()[0], measured.up()[2], measured.down()[0], measured.down()[2],
                            measured.upLost() + measured.downLost(), measured.bridgeCores())
                    + "\nbridge A's CPU by thread: " + measured.threadCores() + "\n";
            Path out = Path.of("target", "bench");
            Files.createDirectories(out);
            Files.writeString(out.resolve("fleet-fanout.md"), report);
            log.info("\n{}", report);
            assertEquals(0, measured.upLost() + measured.downLost(), "frames lost");
        }
    }
}
