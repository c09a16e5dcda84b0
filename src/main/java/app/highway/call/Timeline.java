package app.highway.call;

import java.util.ArrayList;
import java.util.List;

/**
 * What happened on one call, in order. Bounded against a hostile or broken peer: past the bound,
 * one "too many events" entry says so, but state changes and the end are always recorded. Not
 * thread-safe: {@link Call} guards it.
 */
final class Timeline {
    static final int MAX_ENTRIES = 1000;

    private final List<TimelineEntry> entries = new ArrayList<>();
    private int dropped;

    void add(TimelineEntry entry) {
        if (entries.size() < MAX_ENTRIES - 1 || entry.kind().equals("ended") || entry.kind().equals("state")) {
            entries.add(entry);
        } else if (dropped++ == 0) {
            entries.add(new TimelineEntry(entry.at(), "problem", "too many events: later ones are not recorded"));
        }
    }

    List<TimelineEntry> entries() {
        return List.copyOf(entries);
    }
}
