package app.highway.stream;

import app.highway.call.CallEvent;
import app.highway.call.CallSnapshot;
import java.util.List;

/**
 * What a console receives from {@link EventStreamClient}. Calls come one at a time, never two at
 * once, in the order the bridge sent them; none may block (hand the work to another thread or a
 * queue, as the console's event inbox does).
 */
public interface StreamListener {
    /**
     * Every live call the console may see, after event {@code seq}: replaces whatever it held (on the
     * first connection, and when a resume could not be served). Events after {@code seq} follow.
     */
    void onSnapshot(long seq, List<CallSnapshot> calls);

    /** The next call event; never one the console has already had, never one out of order. */
    void onEvent(long seq, CallEvent event);

    /** The connection's state changed. */
    void onState(ConnectionState state);

    /**
     * The bridge says the shared settings named in {@code what} ({@code settings}, {@code prompts},
     * {@code prices}) changed: read them again. A console that needs none of them ignores it.
     */
    default void onSettingsChanged(List<String> what) {
    }

    /**
     * The bridge says the campaigns {@code ids} changed (their state or a row's): read their progress again. A
     * console that shows no campaign ignores it.
     */
    default void onCampaignsChanged(List<String> ids) {
    }
}
