package app.highway.ui.history;

import app.highway.call.CallSnapshot;
import app.highway.call.TurnLatencies;
import app.highway.realtime.RealtimeDialect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The searched calls side by side per model dialect (Realtime, GPT-Live), from the model each call recorded:
 * how many, how many the model judged successful, what a call cost on average, and the latency of their turns
 * (p50 and p90 over every turn of the dialect's calls). Plain data: the Analytics tab shows it.
 */
public record DialectComparison(List<Row> rows) {
    /** One dialect's calls; the turn percentiles are null when none of its calls had a measured turn. */
    public record Row(String dialect, List<String> models, int calls, int successful, double averageCostUsd,
            int turns, Long turnP50Ms, Long turnP90Ms) {
        /** e.g. "GPT-Live (gpt-live-1): 3 calls · 2 successful · $0.0750 a call · turns p50 420 ms, p90 900 ms". */
        public String text() {
            return dialect + " (" + String.join(", ", models) + "): " + calls + " call" + (calls == 1 ? "" : "s")
                    + " · " + successful + " successful · " + String.format(Locale.ROOT, "$%.4f", averageCostUsd)
                    + " a call · " + (turns == 0 ? "no measured turns"
                            : "turns p50 " + turnP50Ms + " ms, p90 " + turnP90Ms + " ms (" + turns + ")");
        }
    }

    public static final DialectComparison NONE = new DialectComparison(List.of());

    public DialectComparison {
        rows = List.copyOf(rows);
    }

    public static DialectComparison of(List<CallSnapshot> calls) {
        Map<String, List<CallSnapshot>> byDialect = new LinkedHashMap<>();
        byDialect.put(RealtimeDialect.REALTIME, new ArrayList<>());
        byDialect.put(RealtimeDialect.GPT_LIVE, new ArrayList<>());
        for (CallSnapshot c : calls) {
            byDialect.get(RealtimeDialect.of(c.model())).add(c);
        }
        List<Row> rows = new ArrayList<>();
        byDialect.forEach((dialect, list) -> {
            if (list.isEmpty()) {
                return;
            }
            TreeSet<String> models = new TreeSet<>();
            int successful = 0;
            double cost = 0;
            List<Long> latencies = new ArrayList<>();
            for (CallSnapshot c : list) {
                models.add(c.model() == null ? "?" : c.model());
                successful += "successful_call".equals(c.reflection()) ? 1 : 0;
                cost += c.costUsd();
                c.turnLatency().turns().forEach(t -> latencies.add(t.latencyMs()));
            }
            rows.add(new Row(dialect, List.copyOf(models), list.size(), successful, cost / list.size(),
                    latencies.size(), TurnLatencies.percentile(latencies, 50), TurnLatencies.percentile(latencies, 90)));
        });
        return new DialectComparison(rows);
    }

    /** One line per dialect, or a note that there is nothing to compare. */
    public String text() {
        if (rows.isEmpty()) {
            return "By dialect: no calls.";
        }
        List<String> lines = new ArrayList<>();
        rows.forEach(r -> lines.add(r.text()));
        return "By dialect:\n" + String.join("\n", lines);
    }
}
