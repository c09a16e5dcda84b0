package app.highway.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the bridge's {@code -Xlog:gc} file: how much it allocated and how often and how long it
 * paused within the measured window (bridge uptime seconds). Allocation between two collections is
 * the heap before a pause minus the heap after the previous one.
 */
record GcLog(int pauses, double allocatedMb, double windowSeconds, double maxPauseMs, double totalPauseMs) {
    private static final Pattern PAUSE = Pattern.compile(
            "^\\[(\\d+\\.\\d+)s\\].*GC\\(\\d+\\) Pause.* (\\d+)([KMG])->(\\d+)([KMG])\\(\\d+[KMG]\\) (\\d+\\.\\d+)ms");

    double allocationMbPerSecond() {
        return windowSeconds <= 0 ? 0 : allocatedMb / windowSeconds;
    }

    double pausesPerMinute() {
        return windowSeconds <= 0 ? 0 : pauses * 60 / windowSeconds;
    }

    static GcLog read(Path file, double fromSeconds, double toSeconds) {
        List<double[]> all = new ArrayList<>(); // uptime, before MB, after MB, pause ms
        try {
            for (String line : Files.readAllLines(file)) {
                Matcher m = PAUSE.matcher(line);
                if (m.find()) {
                    all.add(new double[] {Double.parseDouble(m.group(1)), mb(m.group(2), m.group(3)),
                            mb(m.group(4), m.group(5)), Double.parseDouble(m.group(6))});
                }
            }
        } catch (IOException e) {
            return new GcLog(0, 0, toSeconds - fromSeconds, 0, 0);
        }
        int pauses = 0;
        double allocated = 0;
        double max = 0;
        double total = 0;
        double previousAfter = -1;
        for (double[] p : all) {
            if (p[0] >= fromSeconds && p[0] <= toSeconds) {
                pauses++;
                if (previousAfter >= 0) {
                    allocated += p[1] - previousAfter;
                }
                max = Math.max(max, p[3]);
                total += p[3];
            }
            previousAfter = p[2];
        }
        return new GcLog(pauses, allocated, toSeconds - fromSeconds, max, total);
    }

    private static double mb(String value, String unit) {
        double v = Double.parseDouble(value);
        return switch (unit) {
            case "K" -> v / 1024;
            case "G" -> v * 1024;
            default -> v;
        };
    }
}
