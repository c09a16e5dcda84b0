package app.highway.store;

import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import app.highway.call.TimelineEntry;
import app.highway.call.TurnLatencies;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/**
 * The write side of the call history: each operation is one transaction on a connection borrowed
 * from the writer pool, one at a time, and {@link StoredRows} learns what a transaction wrote only
 * once it is committed, so a failed write is retried in full (the store writer retries at its next
 * interval).
 */
final class CallWriter {
    private final DataSource writer;
    private final ObjectMapper json;
    private final String bridgeId;
    private final StoredRows stored = new StoredRows();

    CallWriter(DataSource writer, ObjectMapper json, String bridgeId) {
        this.writer = writer;
        this.json = json;
        this.bridgeId = bridgeId;
    }

    /** One unit of work on a writer connection, committed by {@link #inTransaction}. */
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    synchronized void save(Collection<CallSnapshot> batch) {
        if (batch.isEmpty()) {
            return;
        }
        inTransaction("save " + batch.size() + " call records", batch.stream().map(CallSnapshot::id).toList(), c -> {
            CallRowWriter calls = new CallRowWriter(c, json, bridgeId);
            DetailRowWriter details = new DetailRowWriter(c);
            for (CallSnapshot s : batch) {
                if (!calls.upsert(s)) {
                    continue; // recorded as ended by another bridge: its record stays as that bridge left it
                }
                if (!stored.holdsTranscript(s.id(), s.transcript())) {
                    details.replaceTranscript(s.id(), s.transcript());
                    stored.wroteTranscript(s.id(), s.transcript());
                }
                appendNewTimeline(details, s.id(), s.timeline());
                appendNewTurns(details, s.id(), s.turnLatency().turns());
            }
            return null;
        });
        for (CallSnapshot c : batch) {
            if (c.state().isFinal()) { // a finished call is rarely written again: keep nothing for it
                stored.forget(c.id());
            }
        }
    }

    /** Returns false if the call was no longer recorded as live (another bridge ended it first). */
    synchronized boolean markEnded(String id, CallState state, String endReason, Instant at, String note) {
        return inTransaction("record the end of " + id, List.of(id), c -> {
            if (!new CallRowWriter(c, json, bridgeId).markEnded(id, state, endReason, at)) {
                return false;
            }
            DetailRowWriter details = new DetailRowWriter(c);
            appendTimeline(details, id, List.of(new TimelineEntry(at, "recovered", note)), storedTimeline(details, id));
            return true;
        });
    }

    synchronized boolean delete(String id) {
        boolean existed = inTransaction("delete " + id, List.of(id), c -> {
            new DetailRowWriter(c).deleteAll(id);
            return new CallRowWriter(c, json, bridgeId).delete(id);
        });
        stored.forget(id);
        return existed;
    }

    /** Appends the entries of a call's timeline that are not stored yet (a timeline only grows). */
    private void appendNewTimeline(DetailRowWriter details, String id, List<TimelineEntry> timeline)
            throws SQLException {
        int have = storedTimeline(details, id);
        if (timeline.size() > have) {
            appendTimeline(details, id, timeline.subList(have, timeline.size()), have);
        }
    }

    /** Appends the call's turns that are not stored yet (turns only grow), exactly once even after a failed commit. */
    private void appendNewTurns(DetailRowWriter details, String id, List<TurnLatencies.Turn> turns)
            throws SQLException {
        var known = stored.turns(id);
        int have = known.isPresent() ? known.getAsInt() : details.countTurns(id);
        if (turns.size() > have) {
            details.appendTurns(id, have, turns.subList(have, turns.size()));
            stored.wroteTurns(id, turns.size());
        }
    }

    private void appendTimeline(DetailRowWriter details, String id, List<TimelineEntry> entries, int firstSeq)
            throws SQLException {
        details.appendTimeline(id, firstSeq, entries);
        stored.wroteEvents(id, firstSeq + entries.size());
    }

    private int storedTimeline(DetailRowWriter details, String id) throws SQLException {
        var known = stored.events(id);
        return known.isPresent() ? known.getAsInt() : details.countTimeline(id);
    }

    /**
     * Runs {@code work} on a borrowed connection and commits; on any failure rolls back, tells
     * {@link StoredRows} which calls it touched, and reports what could not be done.
     */
    private <T> T inTransaction(String what, Collection<String> callIds, Work<T> work) {
        try (Connection c = writer.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                stored.committed();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the original error is the one to report
                }
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            stored.failed(callIds);
            throw e instanceof StoreException s ? s : new StoreException("Could not " + what, e);
        }
    }
}
