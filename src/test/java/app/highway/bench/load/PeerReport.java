package app.highway.bench.load;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The side-by-side report of {@link PeerBenchmark}: per step, each figure for the bridge ("ours")
 * and for Twilio's Node sample, and their ratio (ours / sample: below 1 is better for latency, CPU,
 * memory and losses; above 1 is better for real time kept).
 */
final class PeerReport {
    /**
     * One compared step: the same generator against the sample, then against the bridge. A side that
     * broke (its calls could not be set up, say) has no result ({@code null}) and says why in
     * {@code sampleBroke} / {@code oursBroke}; the other side is still measured and reported.
     */
    record Pair(int calls, boolean deflateOffered, StepResult sample, StepResult ours, String ourExtensions,
            String sampleExtensions, String sampleBroke, String oursBroke) {
        boolean complete() {
            return sample != null && ours != null;
        }
    }

    private record Figure(String title, String csv, String format, ToDoubleFunction<StepResult> value) {
    }

    private static final List<Figure> FIGURES = List.of(
            new Figure("caller→model p50 (ms)", "up_p50_ms", "%.2f", r -> r.up()[0]),
            new Figure("caller→model p99 (ms)", "up_p99_ms", "%.2f", r -> r.up()[2]),
            new Figure("model→caller p50 (ms)", "down_p50_ms", "%.2f", r -> r.down()[0]),
            new Figure("model→caller p99 (ms)", "down_p99_ms", "%.2f", r -> r.down()[2]),
            new Figure("CPU per call (% of a core)", "cpu_pct_per_call", "%.3f", StepResult::cpuPctPerCall),
            new Figure("RSS (MB)", "rss_mb", "%.0f", r -> r.rssMb()),
            new Figure("frames lost", "frames_lost", "%.0f", r -> r.upLost() + r.downLost()),
            new Figure("frames reordered", "frames_reordered", "%.0f", r -> r.reordered()),
            new Figure("real time kept (%)", "real_time_pct", "%.1f", StepResult::carrierRealTimePct));

    /** The relays' own holds, from the loopback capture after each window (NaN where none was made). */
    private static final List<Figure> HOLDS = List.of(
            new Figure("caller→model hold p50 (ms)", "up_hold_p50_ms", "%.2f", r -> hold(r, true, 0)),
            new Figure("caller→model hold p99 (ms)", "up_hold_p99_ms", "%.2f", r -> hold(r, true, 1)),
            new Figure("caller→model hold p99.9 (ms)", "up_hold_p999_ms", "%.2f", r -> hold(r, true, 2)),
            new Figure("model→caller hold p50 (ms)", "down_hold_p50_ms", "%.2f", r -> hold(r, false, 0)),
            new Figure("model→caller hold p99 (ms)", "down_hold_p99_ms", "%.2f", r -> hold(r, false, 1)),
            new Figure("model→caller hold p99.9 (ms)", "down_hold_p999_ms", "%.2f", r -> hold(r, false, 2)),
            new Figure("other processes (cores)", "other_processes_cores", "%.3f", StepResult::otherCoresTotal));

    private static final List<Figure> ALL = Stream.concat(FIGURES.stream(), HOLDS.stream()).toList();

    private static double hold(StepResult r, boolean up, int quantile) {
        return r.hold() == null ? Double.NaN : (up ? r.hold().up() : r.hold().down())[quantile];
    }

    private PeerReport() {
    }

    static String csvHeader() {
        StringBuilder h = new StringBuilder("calls,deflate_offered");
        for (Figure f : ALL) {
            h.append(',').append(f.csv()).append("_ours,").append(f.csv()).append("_sample,").append(f.csv())
                    .append("_ratio");
        }
        return h.toString();
    }

    static String csv(Pair p) {
        StringBuilder row = new StringBuilder().append(p.calls()).append(',').append(p.deflateOffered());
        for (Figure f : ALL) {
            String ours = p.ours() == null ? "" : String.format(Locale.ROOT, "%.3f", f.value().applyAsDouble(p.ours()));
            String sample = p.sample() == null ? ""
                    : String.format(Locale.ROOT, "%.3f", f.value().applyAsDouble(p.sample()));
            boolean ratio = p.complete() && f.value().applyAsDouble(p.sample()) != 0
                    && !Double.isNaN(f.value().applyAsDouble(p.sample()))
                    && !Double.isNaN(f.value().applyAsDouble(p.ours()));
            row.append(',').append(ours).append(',').append(sample).append(',').append(ratio
                    ? String.format(Locale.ROOT, "%.3f", f.value().applyAsDouble(p.ours())
                            / f.value().applyAsDouble(p.sample())) : "");
        }
        return row.toString();
    }

    /** One Markdown table: rows = calls, columns = figures as "ours / sample = ratio". */
    static String table(List<Pair> pairs) {
        return table(pairs, FIGURES);
    }

    private static String table(List<Pair> pairs, List<Figure> figures) {
        StringBuilder md = new StringBuilder("| calls |");
        figures.forEach(f -> md.append(' ').append(f.title()).append(" |"));
        md.append("\n|---|");
        figures.forEach(f -> md.append("---|"));
        md.append('\n');
        for (Pair p : pairs) {
            md.append("| ").append(p.calls()).append(" |");
            if (!p.complete()) {
                for (Figure f : figures) {
                    md.append(' ').append(side(f, p.ours(), "ours")).append(" / ").append(side(f, p.sample(), "sample"))
                            .append(" |");
                }
                md.append('\n');
                continue;
            }
            for (Figure f : figures) {
                double ours = f.value().applyAsDouble(p.ours());
                double sample = f.value().applyAsDouble(p.sample());
                if (Double.isNaN(ours) || Double.isNaN(sample)) {
                    md.append(" - |");
                    continue;
                }
                md.append(' ').append(String.format(Locale.ROOT, f.format(), ours)).append(" / ")
                        .append(String.format(Locale.ROOT, f.format(), sample));
                if (sample != 0) {
                    md.append(String.format(Locale.ROOT, " = %.2f", ours / sample));
                }
                md.append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static String side(Figure f, StepResult r, String who) {
        return r == null ? "(" + who + " broke)" : String.format(Locale.ROOT, f.format(), f.value().applyAsDouble(r));
    }

    static String markdown(String sample, List<Pair> plain, List<Pair> deflate, int seconds, int warmup) {
        StringBuilder md = new StringBuilder();
        md.append("Ours (the bridge, `app.highway.Launcher --headless`) / ").append(sample)
                .append(" = ratio. Same generator, same fake model, one after the other in one run; ")
                .append(seconds).append(" s measured per step after ").append(warmup)
                .append(" s of warm-up. Carriers as Twilio: `User-Agent: Twilio.TmeWs/1.0`, no extension offered.\n\n");
        md.append(table(plain));
        if (plain.stream().anyMatch(p -> p.complete() && p.ours().hold() != null && p.sample().hold() != null)) {
            md.append("\nThe relay's own hold: from the packet that brought a frame in to the packet that took it "
                    + "out, read from ").append(LoopbackCapture.SECONDS).append(" s of loopback captured right after "
                    + "each window (the calls still running); the figures above also hold the generator's own time "
                    + "to send and read. Other processes: every process but the generator and the relay, kernel "
                    + "threads included, during the window.\n\n");
            md.append(table(plain, HOLDS));
        }
        if (!deflate.isEmpty()) {
            md.append("\nThe carriers offering `permessage-deflate` (a generic WebSocket client; Twilio does not):\n\n");
            md.append(table(deflate));
        }
        for (Pair p : concat(plain, deflate)) {
            String label = p.calls() + " calls" + (p.deflateOffered() ? " (deflate offered)" : "");
            if (p.sampleBroke() != null) {
                md.append("\n**").append(label).append(", the sample broke**: ").append(p.sampleBroke()).append('\n');
            }
            if (p.oursBroke() != null) {
                md.append("\n**").append(label).append(", the bridge broke**: ").append(p.oursBroke()).append('\n');
            }
        }
        md.append("\nWebSocket extensions, ours | sample:\n\n");
        for (Pair p : concat(plain, deflate)) {
            md.append("- ").append(p.calls()).append(" calls").append(p.deflateOffered() ? " (deflate offered)" : "")
                    .append(": ").append(p.ourExtensions()).append(" | ").append(p.sampleExtensions()).append('\n');
        }
        md.append("\nCPU by thread group (cores), ours | sample:\n\n");
        for (Pair p : concat(plain, deflate)) {
            md.append("- ").append(p.calls()).append(" calls").append(p.deflateOffered() ? " (deflate offered)" : "")
                    .append(": ").append(p.ours() == null ? "-" : p.ours().threadCores()).append(" | ")
                    .append(p.sample() == null ? "-" : p.sample().threadCores())
                    .append(String.format(Locale.ROOT, "; generator %s | %s cores", generatorCores(p.ours()),
                            generatorCores(p.sample())))
                    .append("; other processes ").append(p.ours() == null ? "-" : p.ours().otherCores()).append(" | ")
                    .append(p.sample() == null ? "-" : p.sample().otherCores()).append('\n');
        }
        return md.toString();
    }

    private static String generatorCores(StepResult r) {
        return r == null ? "-" : String.format(Locale.ROOT, "%.2f", r.generatorCores());
    }

    static List<Pair> concat(List<Pair> a, List<Pair> b) {
        List<Pair> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
