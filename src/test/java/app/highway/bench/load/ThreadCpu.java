package app.highway.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** A process's CPU time per thread group (thread names with their numbers taken out), from /proc. */
public final class ThreadCpu {
    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ = 100

    private ThreadCpu() {
    }

    /** CPU nanoseconds (user + system) per thread, keyed "group#tid" so that threads can be matched. */
    public static Map<String, Long> byGroup(long pid) {
        Map<String, Long> cpu = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String name = Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "N");
                    String[] f = Files.readString(task.resolve("stat")).split("\\) ")[1].split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    cpu.put(name + "#" + task.getFileName(), ticks * NANOS_PER_TICK);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while we looked
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        return cpu;
    }

    /** Cores used per thread group between two snapshots, largest first. */
    public static Map<String, Double> coresBetween(Map<String, Long> before, Map<String, Long> after, double seconds) {
        Map<String, Double> groups = new HashMap<>();
        after.forEach((key, nanos) -> {
            String group = key.substring(0, key.indexOf('#'));
            long used = nanos - before.getOrDefault(key, 0L);
            groups.merge(group, used / 1e9 / seconds, Double::sum);
        });
        Map<String, Double> sorted = new LinkedHashMap<>();
        groups.entrySet().stream().filter(e -> e.getValue() >= 0.005)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), Math.round(e.getValue() * 1000) / 1000.0));
        return sorted;
    }
}
