package app.highway.store;

import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import app.highway.call.TimelineEntry;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The write side of the call history: each operation is one transaction on the single writer
 * connection, and {@link StoredRows} learns what a transaction wrote only once it is committed, so
 * a failed write is retried in full (the store writer retries at its next interval).
 */
final class CallWriter {
    private final Connection writer;
    private final CallRowWriter calls;
    private final DetailRowWriter details;
    private final StoredRows stored = new StoredRows();

    CallWriter(Connection writer, ObjectMapper json) {
        this.writer = writer;
        this.calls = new CallRowWriter(writer, json);
        this.details = new DetailRowWriter(writer);
    }

    /** One unit of work on the writer connection, committed by {@link #inTransaction}. */
    private interface Work<T> {
        T run() throws SQLException;
    }

    synchronized void save(Collection<CallSnapshot> batch) {
        if (batch.isEmpty()) {
            return;
        }
        inTransaction("save " + batch.size() + " call records", batch.stream().map(CallSnapshot::id).toList(), () -> {
            for (CallSnapshot c : batch) {
                calls.upsert(c);
                if (!stored.holdsTranscript(c.id(), c.transcript())) {
                    details.replaceTranscript(c.id(), c.transcript());
                    stored.wroteTranscript(c.id(), c.transcript());
                }
                appendNewTimeline(c.id(), c.timeline());
            }
            return null;
        });
        for (CallSnapshot c : batch) {
            if (c.state().isFinal()) { // a finished call is rarely written again: keep nothing for it
                stored.forget(c.id());
            }
        }
    }

    synchronized void markEnded(String id, CallState state, String endReason, Instant at, String note) {
        inTransaction("record the end of " + id, List.of(id), () -> {
            calls.markEnded(id, state, endReason, at);
            appendTimeline(id, List.of(new TimelineEntry(at, "recovered", note)), storedTimeline(id));
            return null;
        });
    }

    synchronized boolean delete(String id) {
        boolean existed = inTransaction("delete " + id, List.of(id), () -> {
            details.deleteAll(id);
            return calls.delete(id);
        });
        stored.forget(id);
        return existed;
    }

    /** Appends the entries of a call's timeline that are not stored yet (a timeline only grows). */
    private void appendNewTimeline(String id, List<TimelineEntry> timeline) throws SQLException {
        int have = storedTimeline(id);
        if (timeline.size() > have) {
            appendTimeline(id, timeline.subList(have, timeline.size()), have);
        }
    }

    private void appendTimeline(String id, List<TimelineEntry> entries, int firstSeq) throws SQLException {
        details.appendTimeline(id, firstSeq, entries);
        stored.wroteEvents(id, firstSeq + entries.size());
    }

    private int storedTimeline(String id) throws SQLException {
        var known = stored.events(id);
        return known.isPresent() ? known.getAsInt() : details.countTimeline(id);
    }

    /**
     * Runs {@code work} and commits; on any failure rolls back, tells {@link StoredRows} which
     * calls it touched, and reports what could not be done.
     */
    private <T> T inTransaction(String what, Collection<String> callIds, Work<T> work) {
        try {
            T result = work.run();
            writer.commit();
            stored.committed();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                writer.rollback();
            } catch (SQLException ignored) {
                // the original error is the one to report
            }
            stored.failed(callIds);
            throw e instanceof StoreException s ? s : new StoreException("Could not " + what, e);
        }
    }
}
