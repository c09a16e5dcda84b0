package app.highway.store;

import app.highway.call.TranscriptLine;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What the database is known to hold of each live call (its transcript, how many timeline and turn rows),
 * so that a call written every interval rewrites only what changed. What the open transaction
 * writes is kept apart as pending and becomes known only at {@link #committed()}: a rolled-back
 * write must never count as stored, or its retry would skip those rows.
 * Used by one writer at a time (the caller holds the writer's lock).
 */
final class StoredRows {
    private final Map<String, Integer> events = new HashMap<>();
    private final Map<String, List<TranscriptLine>> transcripts = new HashMap<>();
    private final Map<String, Integer> pendingEvents = new HashMap<>();
    private final Map<String, Integer> turns = new HashMap<>();
    private final Map<String, Integer> pendingTurns = new HashMap<>();
    private final Map<String, List<TranscriptLine>> pendingTranscripts = new HashMap<>();

    /** How many timeline rows of the call are stored (this transaction's included); empty if unknown. */
    OptionalInt events(String callId) {
        Integer n = pendingEvents.getOrDefault(callId, events.get(callId));
        return n == null ? OptionalInt.empty() : OptionalInt.of(n);
    }

    /** How many turn rows of the call are stored (this transaction's included); empty if unknown. */
    OptionalInt turns(String callId) {
        Integer n = pendingTurns.getOrDefault(callId, turns.get(callId));
        return n == null ? OptionalInt.empty() : OptionalInt.of(n);
    }

    void wroteTurns(String callId, int count) {
        pendingTurns.put(callId, count);
    }

    /** Whether exactly these lines are stored as the call's transcript (this transaction's included). */
    boolean holdsTranscript(String callId, List<TranscriptLine> lines) {
        return lines.equals(pendingTranscripts.getOrDefault(callId, transcripts.get(callId)));
    }

    void wroteEvents(String callId, int count) {
        pendingEvents.put(callId, count);
    }

    void wroteTranscript(String callId, List<TranscriptLine> lines) {
        pendingTranscripts.put(callId, lines);
    }

    /** The transaction is committed: what it wrote is now stored. */
    void committed() {
        events.putAll(pendingEvents);
        transcripts.putAll(pendingTranscripts);
        turns.putAll(pendingTurns);
        pendingEvents.clear();
        pendingTranscripts.clear();
        pendingTurns.clear();
    }

    /**
     * The transaction failed. It is not certain what the database kept (a commit can fail after
     * the data reached the disk), so these calls are forgotten and recounted from the database.
     */
    void failed(Collection<String> callIds) {
        pendingEvents.clear();
        pendingTranscripts.clear();
        pendingTurns.clear();
        callIds.forEach(this::forget);
    }

    /** Keeps nothing for this call: it is finished (rarely written again) or deleted. */
    void forget(String callId) {
        events.remove(callId);
        transcripts.remove(callId);
        turns.remove(callId);
    }
}
