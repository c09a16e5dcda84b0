package app.highway.stream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The bridge's most recent call events, encoded, so that a console that reconnects gets exactly the
 * ones it missed. Bounded both by count and by bytes: the oldest leave first. Sequence numbers start
 * at 1 and have no gaps. Not thread-safe: {@link EventStreams} uses it from its one thread.
 */
final class EventJournal {
    /**
     * One event as every stream sends it ({@code element}, the call's verification code hidden), and, where
     * hiding the code changed it, as the person who placed the call gets it ({@code forPlacer}; null: the same).
     */
    record Entry(long seq, String callId, byte[] element, byte[] forPlacer) {
        Entry(long seq, String callId, byte[] element) {
            this(seq, callId, element, null);
        }

        /** What {@code viewer} gets: the placer the words as spoken, everyone else the code hidden. */
        byte[] elementFor(boolean placer) {
            return placer && forPlacer != null ? forPlacer : element;
        }

        int bytes() {
            return element.length + (forPlacer == null ? 0 : forPlacer.length);
        }
    }

    private final int maxEntries;
    private final long maxBytes;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long bytes;
    private long lastSeq;

    EventJournal(int maxEntries, long maxBytes) {
        if (maxEntries < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("a journal holds at least one event");
        }
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /** The next sequence number, for the event about to be appended. */
    long nextSeq() {
        return lastSeq + 1;
    }

    void append(Entry entry) {
        if (entry.seq() != lastSeq + 1) {
            throw new IllegalArgumentException("expected seq " + (lastSeq + 1) + ", got " + entry.seq());
        }
        entries.addLast(entry);
        bytes += entry.bytes();
        lastSeq = entry.seq();
        while (entries.size() > 1 && (entries.size() > maxEntries || bytes > maxBytes)) {
            bytes -= entries.removeFirst().bytes();
        }
    }

    /**
     * Numbers an event that nobody can ask for again (no console could resume: see {@code EventStreams}):
     * the sequence goes on without a gap, and the journal empties, so a resume from before it is refused
     * (the console gets a resync and a fresh snapshot, which loses nothing).
     */
    void skip() {
        if (!entries.isEmpty()) {
            entries.clear();
            bytes = 0;
        }
        lastSeq++;
    }

    /** The last sequence number given out (0 before the first event). */
    long lastSeq() {
        return lastSeq;
    }

    /** The oldest sequence number still held ({@code lastSeq + 1} when empty). */
    long firstSeq() {
        return entries.isEmpty() ? lastSeq + 1 : entries.peekFirst().seq();
    }

    /** True if every event after {@code after} is still here (so a resume from it loses nothing). */
    boolean canResumeAfter(long after) {
        return after >= firstSeq() - 1 && after <= lastSeq;
    }

    /** The events after {@code after} whose call passes {@code visible}, oldest first. */
    List<Entry> after(long after, Predicate<String> visible) {
        List<Entry> out = new ArrayList<>();
        Iterator<Entry> it = entries.descendingIterator();
        List<Entry> newestFirst = new ArrayList<>();
        while (it.hasNext()) {
            Entry e = it.next();
            if (e.seq() <= after) {
                break;
            }
            newestFirst.add(e);
        }
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            Entry e = newestFirst.get(i);
            if (visible.test(e.callId())) {
                out.add(e);
            }
        }
        return out;
    }

    int size() {
        return entries.size();
    }

    long bytes() {
        return bytes;
    }
}
