package app.highway.realtime;

/**
 * An {@code error} the model reported, with the dialect's judgement of what it concerns:
 * {@code kind} is the only thing the call needs to decide, so the call never reads error codes.
 * {@code api} names the API that reported it ({@link #REALTIME} or {@link #GPT_LIVE}).
 */
public record RealtimeError(String code, String message, String eventId, Kind kind, String api) {
    public static final String REALTIME = "OpenAI Realtime";
    public static final String GPT_LIVE = "OpenAI GPT-Live";

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

    /** An error of the Realtime API. */
    public RealtimeError(String code, String message, String eventId, Kind kind) {
        this(code, message, eventId, kind, REALTIME);
    }

    /** For the operator: {@code OpenAI Realtime error <code>: <message>}. */
    public String text() {
        return api + " error" + (code.isEmpty() ? "" : " " + code) + ": " + message;
    }

    /** For the operator, when the key was refused: what to fix, in the words of the API that refused it. */
    public String keyRejectedMessage() {
        return GPT_LIVE.equals(api) ? RealtimeFailure.LIVE_KEY_REJECTED_MESSAGE + " (" + message + ")"
                : RealtimeFailure.KEY_REJECTED_MESSAGE;
    }
}
