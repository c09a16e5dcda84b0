package app.highway.call;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How long the caller waited for the assistant, turn by turn: for every turn, the time from the model
 * saying the caller stopped speaking ({@code input_audio_buffer.speech_stopped}) to the first audio of
 * the assistant's answer written to the carrier's media socket. A turn counts once (its first audio);
 * a stop followed by no assistant audio (the caller goes on speaking, the response is cancelled) is no
 * turn; the greeting, which no stop precedes, is no turn either (see {@code CallSession}).
 *
 * <p>{@code count}, {@code lastMs}, {@code p50Ms} and {@code p90Ms} always follow from {@code turns}
 * (the constructor works them out, whatever it is given): percentiles by nearest rank over the call's
 * turns, so p50 of 150 and 400 ms is 150, p90 is 400. Null when the call has had no turn. Immutable;
 * past {@value #MAX_TURNS} turns a call's later turns are not kept (a hostile or broken peer cannot
 * grow a record without bound).
 */
public record TurnLatencies(int count, Long lastMs, Long p50Ms, Long p90Ms, List<Turn> turns) {
    public static final int MAX_TURNS = 1000;
    public static final TurnLatencies NONE = of(List.of());

    /** One turn: when the assistant's first audio went out, and how long after the caller stopped. */
    public record Turn(Instant at, long latencyMs) { }

    public TurnLatencies {
        turns = turns == null ? List.of() : List.copyOf(turns);
        count = turns.size();
        lastMs = count == 0 ? null : turns.get(count - 1).latencyMs();
        List<Long> values = new ArrayList<>(count);
        for (Turn t : turns) {
            values.add(t.latencyMs());
        }
        p50Ms = percentile(values, 50);
        p90Ms = percentile(values, 90);
    }

    public static TurnLatencies of(List<Turn> turns) {
        return new TurnLatencies(0, null, null, null, turns);
    }

    /** These turns and one more (unchanged past {@value #MAX_TURNS}). */
    public TurnLatencies plus(Turn turn) {
        if (turns.size() >= MAX_TURNS) {
            return this;
        }
        List<Turn> more = new ArrayList<>(turns.size() + 1);
        more.addAll(turns);
        more.add(turn);
        return of(more);
    }

    /** The nearest-rank {@code p}-th percentile (0 &lt; p ≤ 100) of {@code values}; null for none. */
    public static Long percentile(List<Long> values, int p) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size(), rank) - 1));
    }
}
