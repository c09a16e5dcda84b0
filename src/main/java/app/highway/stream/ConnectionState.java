package app.highway.stream;

import java.time.Instant;

/**
 * Where a console's event stream stands, as {@link EventStreamClient} reports it the moment it
 * changes: a console shows a dropped connection at once, and when it will try again.
 */
public sealed interface ConnectionState {

    /** Opening the first connection. */
    record Connecting(String url) implements ConnectionState { }

    /** Connected and following the bridge's events as {@code user} ({@code role}). */
    record Connected(String bridge, String user, String role) implements ConnectionState { }

    /**
     * Not connected (the connection dropped, or could not be made, for {@code reason}); attempt number
     * {@code attempt} is at {@code nextAttempt}. Events are not lost meanwhile: the client resumes.
     */
    record Reconnecting(Instant nextAttempt, int attempt, String reason) implements ConnectionState { }

    /** The bridge refused the token, or revoked it: not retried; a new token is needed. */
    record Refused(String reason) implements ConnectionState { }

    /** Closed by the console itself. */
    record Closed() implements ConnectionState { }
}
