package app.highway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.bench.load.LoadGenerator;
import app.highway.bench.load.StepResult;
import app.highway.call.CallEvent;
import app.highway.call.CallSnapshot;
import app.highway.config.Secret;
import app.highway.stream.ConnectionState;
import app.highway.stream.EventStreamClient;
import app.highway.stream.StreamListener;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not a test: the event fan-out delay, from the moment the bridge makes a call event (its {@code at},
 * the bridge's wall clock) to the moment a console's {@link EventStreamClient} hands it over (this JVM's
 * wall clock, the same machine's), at 100 live calls with 10 consoles attached to {@code /events}. The
 * calls run through the load benchmark ({@link LoadGenerator}: the bridge in its own JVM, 20 ms audio both
 * ways in real time, the fake model speaking half the time with transcript deltas, a tool call and usage
 * each turn); the same step is run first without consoles, so that the relay's figures can be compared.
 *
 * <p>{@code mvn -B -Pbench test -Dtest=EventFanOutBench [-Dcalls=100] [-Dconsoles=10] [-Dseconds=20]
 * [-Dwarmup=10] [-Dload.bridgeArgs=-Dhighway.eventLingerMs=0]}. Writes {@code target/bench/fanout.md}.
 */
@Tag("bench")
class EventFanOutBench {
    private static final Logger log = LoggerFactory.getLogger(EventFanOutBench.class);

    /** N consoles on the step's bridge, timing every event they receive inside the measured window. */
    static final class Consoles implements LoadGenerator.Attachment, StreamListener {
        private final int count;
        private final List<EventStreamClient> clients = new ArrayList<>();
        private final AtomicInteger drops = new AtomicInteger();
        private final AtomicInteger connected = new AtomicInteger();
        private volatile boolean timing;
        private volatile boolean over;
        private long[] delays = new long[1 << 20];
        private int n;
        private long received;

        Consoles(int count) {
            this.count = count;
        }

        @Override
        public void attach(String baseUrl, String token) throws Exception {
            for (int i = 0; i < count; i++) {
                EventStreamClient c = new EventStreamClient(URI.create(baseUrl), Secret.of(token), this,
                        EventStreamClient.Options.defaults());
                clients.add(c);
                c.start();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (connected.get() < count && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }

        @Override
        public void windowStarted() {
            timing = true;
        }

        @Override
        public void windowEnded() {
            timing = false;
            over = true; // the step's bridge is stopped next: the drops that follow are not counted
        }

        @Override
        public void onSnapshot(long seq, List<CallSnapshot> calls) {
        }

        @Override
        public void onEvent(long seq, CallEvent event) {
            if (!timing) {
                return;
            }
            long delay = Duration.between(event.at(), Instant.now()).toNanos();
            synchronized (this) {
                received++;
                if (n == delays.length) {
                    delays = Arrays.copyOf(delays, n * 2);
                }
                delays[n++] = delay;
            }
        }

        @Override
        public void onState(ConnectionState state) {
            if (state instanceof ConnectionState.Connected) {
                connected.incrementAndGet();
            } else if (state instanceof ConnectionState.Reconnecting && !over) {
                drops.incrementAndGet();
            }
        }

        int drops() {
            return drops.get();
        }

        synchronized long[] delays() {
            return Arrays.copyOf(delays, n);
        }

        @Override
        public void close() {
            clients.forEach(EventStreamClient::close);
        }
    }

    @Test
    void fanOutDelayAtAHundredCallsWithTenConsoles() throws Exception {
        int calls = Integer.getInteger("calls", 100);
        int consoleCount = Integer.getInteger("consoles", 10);
        int seconds = Integer.getInteger("seconds", 20);
        int warmup = Integer.getInteger("warmup", 10);

        StepResult alone = LoadGenerator.measure(calls, seconds, warmup, null);
        Consoles consoles = new Consoles(consoleCount);
        StepResult watched;
        long[] delays;
        try (consoles) {
            watched = LoadGenerator.measure(calls, seconds, warmup, consoles);
            delays = consoles.delays();
        }
        assertTrue(delays.length > 0, "no event reached a console");
        Arrays.sort(delays);
        String fanOut = String.format(Locale.ROOT, "%d events to %d consoles in %d s (%.0f per console per s): "
                        + "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; consoles dropped %d times",
                delays.length, consoleCount, seconds, delays.length / (double) consoleCount / seconds,
                Percentiles.ms(delays, 50), Percentiles.ms(delays, 90), Percentiles.ms(delays, 99),
                delays[delays.length - 1] / 1e6, consoles.drops.get());
        String table = "| " + calls + " calls | carrier→model p50 / p99 | model→carrier p50 / p99 | lost | bridge CPU |\n"
                + "|---|---|---|---|---|\n" + row("no console", alone) + row(consoleCount + " consoles", watched);
        String report = "# Event fan-out (" + calls + " live calls, " + consoleCount + " consoles on /events)\n\n"
                + "bridge makes the event → console's client hands it over: " + fanOut + "\n\n" + table + "\n"
                + "bridge CPU by thread, without consoles: " + alone.threadCores() + "\n\n"
                + "bridge CPU by thread, with consoles: " + watched.threadCores() + "\n";
        Path out = Path.of("target", "bench");
        Files.createDirectories(out);
        Files.writeString(out.resolve("fanout.md"), report);
        log.info("\n{}", report);
        assertEquals(0, watched.upLost() + watched.downLost(), "frames lost with consoles attached");
        assertEquals(0, consoles.drops.get(), "a console was dropped");
    }

    private static String row(String what, StepResult r) {
        return String.format(Locale.ROOT, "| %s | %.2f / %.2f ms | %.2f / %.2f ms | %d | %.3f cores |%n", what,
                r.up()[0], r.up()[2], r.down()[0], r.down()[2], r.upLost() + r.downLost(), r.bridgeCores());
    }
}
