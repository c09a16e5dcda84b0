package app.highway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.bench.load.Listeners;
import app.highway.bench.load.LoadGenerator;
import app.highway.bench.load.StepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not a test: the relay at 200 live calls with 10 consoles listening in (the call-audio link, {@code
 * /calls/{id}/listen}) against the same step without listeners, and the listen-in delay (the bridge mixing a
 * frame → the console's client receiving it, same machine's clock) p50/p99. The calls run through the load
 * benchmark ({@link LoadGenerator}: the bridge in its own JVM, 20 ms audio both ways in real time).
 *
 * <p>{@code mvn -B -Pbench test -Dtest=ListenInBench [-Dcalls=200] [-Dlisteners=10] [-Dseconds=20]
 * [-Dwarmup=10]}. Writes {@code target/bench/listen.md}. Needs the bridge's listen endpoint.
 */
@Tag("bench")
class ListenInBench {
    private static final Logger log = LoggerFactory.getLogger(ListenInBench.class);

    @Test
    void theRelayWithTenListenersAtTwoHundredCalls() throws Exception {
        int calls = Integer.getInteger("calls", 200);
        int count = Integer.getInteger("listeners", 10);
        int seconds = Integer.getInteger("seconds", 20);
        int warmup = Integer.getInteger("warmup", 10);

        StepResult alone = Boolean.getBoolean("skipAlone") ? null : LoadGenerator.measure(calls, seconds, warmup, null);
        Listeners listeners = new Listeners(count);
        StepResult heard = LoadGenerator.measure(calls, seconds, warmup, listeners);
        long[] delays = listeners.delays();
        assertTrue(delays.length > 0, "no frame reached a listener " + listeners.problem());
        Arrays.sort(delays);
        long expected = (long) count * seconds * 50;
        String delay = String.format(Locale.ROOT, "%d frames to %d listeners in %d s (%.1f%% of the %d a listener "
                        + "should get): p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; links ended early: %d",
                delays.length, count, seconds, 100.0 * delays.length / expected, expected, Percentiles.ms(delays, 50),
                Percentiles.ms(delays, 90), Percentiles.ms(delays, 99), delays[delays.length - 1] / 1e6,
                listeners.endedEarly());
        String table = "| " + calls + " calls | carrier→model p50 / p99 | model→carrier p50 / p99 | lost | bridge CPU |\n"
                + "|---|---|---|---|---|\n" + (alone == null ? "" : row("no listener", alone))
                + row(count + " listeners", heard);
        String report = "# Listening in (" + calls + " live calls, " + count + " listeners on /calls/{id}/listen)\n\n"
                + "bridge mixes the frame → console's client receives it (before the speakers' jitter buffer, "
                + "which adds 60 ms by design): " + delay + "\n\n" + table + "\n"
                + (alone == null ? "" : "bridge CPU by thread, without listeners: " + alone.threadCores() + "\n\n")
                + "bridge CPU by thread, with listeners: " + heard.threadCores() + "\n";
        Path out = Path.of("target", "bench");
        Files.createDirectories(out);
        Files.writeString(out.resolve("listen.md"), report);
        log.info("\n{}", report);
        assertEquals(0, heard.upLost() + heard.downLost(), "frames lost with listeners");
        assertEquals(0, listeners.endedEarly(), "a listener was dropped");
    }

    private static String row(String what, StepResult r) {
        return String.format(Locale.ROOT, "| %s | %.2f / %.2f ms | %.2f / %.2f ms | %d | %.3f cores |%n", what,
                r.up()[0], r.up()[2], r.down()[0], r.down()[2], r.upLost() + r.downLost(), r.bridgeCores());
    }
}
