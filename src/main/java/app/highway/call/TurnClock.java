package app.highway.call;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Times one call's turns on a monotonic clock ({@link System#nanoTime} in the bridge): started when the
 * model says the caller stopped speaking, read as the first audio of the assistant's answer is handed to
 * the carrier's socket. At most one stop waits for an answer: a later stop replaces it (the caller
 * spoke again), the caller starting to speak again or a response cancelled or failed drops it, and the
 * first answering frame takes it, so a turn is measured once. Audio of the item that was playing when the
 * caller started or stopped speaking (what is left of an answer the caller talked over) answers nothing.
 *
 * <p>Used on the model socket's thread only (stop, start and audio all arrive there, one at a time); the
 * per-frame cost is one volatile read while no stop waits.
 */
final class TurnClock {
    private static final long NONE = Long.MIN_VALUE;

    private final LongSupplier nanoTime;
    private volatile long stoppedAt = NONE;
    /** The assistant's item the caller spoke over or stopped during: its leftover audio answers nothing. */
    private String stale;

    TurnClock(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** The caller starts speaking (again) while {@code playingItem} (null: none) plays: no stop waits any more. */
    void callerStarted(String playingItem) {
        stoppedAt = NONE;
        stale = playingItem;
    }

    /** The caller stopped speaking while {@code playingItem} (null: none) was the assistant's item playing. */
    void callerStopped(String playingItem) {
        callerStopped(playingItem, 0);
    }

    /** As {@link #callerStopped(String)}, the stop having been {@code nanosAgo} nanoseconds ago (0 or more). */
    void callerStopped(String playingItem, long nanosAgo) {
        if (playingItem != null) {
            stale = playingItem;
        }
        stoppedAt = nanoTime.getAsLong() - Math.max(0, nanosAgo);
    }

    /**
     * A response ended with {@code status} ({@code completed}, {@code cancelled}, {@code failed},
     * {@code incomplete}). One that was cancelled or failed before any audio answers nothing: the stop
     * waiting for it is dropped, so that audio the model sends much later (another response, a supervisor's
     * words) is not taken for its answer. A completed one without audio (a tool call) leaves the stop waiting
     * for the answer that follows.
     */
    void responseEnded(String status) {
        if ("cancelled".equals(status) || "failed".equals(status)) {
            stoppedAt = NONE;
        }
    }

    /** The model's session starts over: no stop waits for an answer. */
    void reset() {
        stoppedAt = NONE;
        stale = null;
    }

    /**
     * Audio of {@code itemId} is being handed to the carrier's socket now: the nanoseconds the caller waited if
     * it answers a stop, else -1. Call it for every frame sent, right before sending it.
     */
    long answered(String itemId) {
        long stopped = stoppedAt;
        if (stopped == NONE || Objects.equals(itemId, stale)) {
            return -1;
        }
        stoppedAt = NONE;
        return Math.max(0, nanoTime.getAsLong() - stopped);
    }
}
