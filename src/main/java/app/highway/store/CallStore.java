package app.highway.store;

import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where call records live: every call, its transcript and timeline, usage, cost and the settings
 * it used, and which bridge placed it. SQLite in the data dir by default, or a PostgreSQL database
 * that a fleet of bridges shares (the same migrations). Records passed in are already redacted.
 */
public interface CallStore extends AutoCloseable {
    /** Writes (inserts or updates) these calls in one transaction; new ones as placed by this store's bridge. */
    void save(Collection<CallSnapshot> calls);

    Optional<CallSnapshot> find(String idOrSid);

    CallPage list(CallQuery query);

    /**
     * Calls this store's bridge placed whose last recorded state is not final (the bridge stopped
     * while they were live), and any recorded before calls had a bridge. Never another bridge's.
     */
    List<CallSnapshot> ownUnfinished();

    /** Calls {@code bridgeId} placed whose last recorded state is not final. */
    List<CallSnapshot> unfinishedOf(String bridgeId);

    /**
     * Records the end of a call the bridge itself can no longer see (after a restart, or after the
     * bridge that placed it stopped renewing its lease), if it is still recorded as live. Returns
     * whether it was (false: someone else recorded its end first).
     */
    boolean markEnded(String id, CallState state, String endReason, Instant at, String note);

    /** Deletes one call's record (privacy request); false if there was none. */
    boolean delete(String id);

    /** Deletes finished calls created before {@code cutoff}; returns how many. */
    int deleteCreatedBefore(Instant cutoff);

    @Override
    void close();
}
