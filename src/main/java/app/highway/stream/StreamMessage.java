package app.highway.stream;

import app.highway.call.CallEvent;
import app.highway.call.CallSnapshot;
import java.util.List;

/**
 * The messages of the {@code /events} stream, as a client reads them (the bridge writes the same
 * shapes, see {@link StreamCodec}). One JSON object per WebSocket text message, told apart by its
 * {@code type}; the package documentation has the table.
 */
public sealed interface StreamMessage {

    /** First on every connection: which bridge (its id changes when it restarts), who the token is. */
    record Hello(int protocol, String bridge, String user, String role) implements StreamMessage { }

    /** Every live call the viewer may see, as the API's call JSON, taken after event {@code seq}. */
    record Snapshot(long seq, List<CallSnapshot> calls) implements StreamMessage { }

    /** One or more call events in sequence order (one message per batch the bridge sent at once). */
    record Events(List<Sequenced> events) implements StreamMessage { }

    /**
     * The resume asked for cannot be served (events older than the journal, or another bridge): drop
     * what you hold; a {@link Snapshot} follows.
     */
    record Resync(String reason) implements StreamMessage { }

    /**
     * The shared settings changed (saved through any bridge of the fleet, or possibly missed while the
     * bridge was cut off from the others): read them again. {@code what}: {@code settings}, {@code prompts}
     * (the system-message versions), {@code prices}.
     */
    record SettingsChanged(List<String> what) implements StreamMessage { }

    /**
     * Campaigns the viewer may see changed (their state, or a row's): read their progress again
     * ({@code GET /campaigns/{id}}). Not numbered, not replayed: a console reads them again after a reconnection.
     */
    record CampaignsChanged(List<String> campaigns) implements StreamMessage { }

    /** Sent while nothing else is: the bridge is alive, and every event up to {@code seq} has been sent. */
    record Heartbeat(long seq) implements StreamMessage { }

    /** Something went wrong; the bridge closes the stream after it. */
    record Error(String code, String message) implements StreamMessage { }

    /**
     * A call event with its place in the bridge's sequence. {@code event} is null for a kind this
     * client does not know (a newer bridge): its sequence number still counts. {@code bridge}: the
     * fleet id of the bridge that holds the call (null from a bridge on its own).
     */
    record Sequenced(long seq, String name, CallEvent event, String bridge) {
        public Sequenced(long seq, String name, CallEvent event) {
            this(seq, name, event, null);
        }
    }
}
