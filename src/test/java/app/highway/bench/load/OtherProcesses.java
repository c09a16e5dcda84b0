package app.highway.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * CPU taken during a step by every process other than the generator and the relay it measures
 * (kernel threads included): what else the two cores did. A kernel thread that runs for
 * milliseconds at a time without yielding delays whichever relay thread shares its core, so a
 * figure here explains a tail that neither relay caused.
 */
final class OtherProcesses {
    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ = 100

    private OtherProcesses() {
    }

    /** CPU nanoseconds per process, keyed "name#pid", leaving out {@code excluded} and their threads. */
    static Map<String, Long> snapshot(Set<Long> excluded) {
        Map<String, Long> cpu = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                long pid = Long.parseLong(p.getFileName().toString());
                if (excluded.contains(pid)) {
                    return;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(") ") + 2).split(" ");
                    cpu.put(name + "#" + pid, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK);
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we looked
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        return cpu;
    }

    /** Cores per process name between two snapshots, those above 0.005, largest first. */
    static Map<String, Double> coresBetween(Map<String, Long> before, Map<String, Long> after, double seconds) {
        Map<String, Double> byName = new HashMap<>();
        after.forEach((key, nanos) -> byName.merge(key.substring(0, key.lastIndexOf('#')),
                (nanos - before.getOrDefault(key, 0L)) / 1e9 / seconds, Double::sum));
        Map<String, Double> sorted = new LinkedHashMap<>();
        byName.entrySet().stream().filter(e -> e.getValue() >= 0.005)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), Math.round(e.getValue() * 1000) / 1000.0));
        return sorted;
    }
}
