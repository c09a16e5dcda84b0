package app.highway.store;

import app.highway.call.CallSnapshot;
import app.highway.call.TurnLatencies;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Per-day outcomes, cost and turn latency, and averages per call, over a set of call records. */
public final class CallStatistics {
    /**
     * One day: calls by reflection status ("none" when the model reported nothing), cost, and how long callers
     * waited for the assistant's answers: p50 and p90 over every turn of the day's calls (nearest rank, see
     * {@link TurnLatencies}; null on a day without turns), and how many turns that is.
     */
    public record Day(LocalDate date, Map<String, Integer> byReflection, int calls, double costUsd, int turns,
            Long turnP50Ms, Long turnP90Ms) {
        /** A day without measured turns. */
        public Day(LocalDate date, Map<String, Integer> byReflection, int calls, double costUsd) {
            this(date, byReflection, calls, costUsd, 0, null, null);
        }
    }

    /** The whole range: days in order, and averages over calls that were answered. */
    public record Summary(List<Day> days, int calls, double averageDurationSeconds, double averageTokens,
            double totalCostUsd) { }

    public static final String NO_REFLECTION = "none";

    private CallStatistics() {
    }

    public static Summary of(List<CallSnapshot> calls, ZoneId zone) {
        Map<LocalDate, Map<String, Integer>> outcomes = new TreeMap<>();
        Map<LocalDate, Double> cost = new TreeMap<>();
        Map<LocalDate, List<Long>> latencies = new TreeMap<>();
        long durationSum = 0;
        int answered = 0;
        long tokenSum = 0;
        double totalCost = 0;
        for (CallSnapshot c : calls) {
            LocalDate day = c.createdAt().atZone(zone).toLocalDate();
            String reflection = c.reflection() == null ? NO_REFLECTION : c.reflection();
            outcomes.computeIfAbsent(day, d -> new TreeMap<>()).merge(reflection, 1, Integer::sum);
            cost.merge(day, c.costUsd(), Double::sum);
            List<Long> waits = latencies.computeIfAbsent(day, d -> new ArrayList<>());
            c.turnLatency().turns().forEach(t -> waits.add(t.latencyMs()));
            tokenSum += c.usage().totalTokens();
            totalCost += c.costUsd();
            if (c.durationSeconds() != null) {
                durationSum += c.durationSeconds();
                answered++;
            }
        }
        List<Day> days = outcomes.entrySet().stream()
                .map(e -> {
                    List<Long> waits = latencies.get(e.getKey());
                    return new Day(e.getKey(), Map.copyOf(e.getValue()),
                            e.getValue().values().stream().mapToInt(Integer::intValue).sum(), cost.get(e.getKey()),
                            waits.size(), TurnLatencies.percentile(waits, 50), TurnLatencies.percentile(waits, 90));
                })
                .toList();
        return new Summary(days, calls.size(), answered == 0 ? 0 : (double) durationSum / answered,
                calls.isEmpty() ? 0 : (double) tokenSum / calls.size(), totalCost);
    }
}
