package app.highway.store;

import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where call records live: every call, its transcript and timeline, usage, cost and the settings
 * it used. SQLite by default; the SQL is kept portable so PostgreSQL can follow with the same
 * migrations. Records passed in are already redacted.
 */
public interface CallStore extends AutoCloseable {
    /** Writes (inserts or updates) these calls in one transaction. */
    void save(Collection<CallSnapshot> calls);

    Optional<CallSnapshot> find(String idOrSid);

    CallPage list(CallQuery query);

    /** Calls whose last recorded state is not final (the bridge stopped while they were live). */
    List<CallSnapshot> unfinished();

    /** Records the end of a call that the bridge itself can no longer see (after a restart). */
    void markEnded(String id, CallState state, String endReason, Instant at, String note);

    /** Deletes one call's record (privacy request); false if there was none. */
    boolean delete(String id);

    /** Deletes finished calls created before {@code cutoff}; returns how many. */
    int deleteCreatedBefore(Instant cutoff);

    @Override
    void close();
}
