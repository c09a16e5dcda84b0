package app.highway.realtime;

/**
 * An {@code error} the model reported, with the dialect's judgement of what it concerns:
 * {@code kind} is the only thing the call needs to decide, so the call never reads error codes.
 */
public record RealtimeError(String code, String message, String eventId, Kind kind) {
    public enum Kind {
        /** The API key was refused: nothing will work until the operator fixes it. */
        KEY_REJECTED,
        /** The answer to {@link ModelConnection#configure}: the session could not be set up. */
        SETUP_REJECTED,
        /** The session reached its time limit and cannot go on. */
        SESSION_EXPIRED,
        /** Anything else: the session goes on. */
        OTHER
    }

    /** For the operator: {@code OpenAI Realtime error <code>: <message>}. */
    public String text() {
        return "OpenAI Realtime error" + (code.isEmpty() ? "" : " " + code) + ": " + message;
    }
}
