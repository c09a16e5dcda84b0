package app.highway.realtime;

/** Why a model socket could not be used, in words an operator understands. */
public record RealtimeFailure(Kind kind, String message) {
    public enum Kind { KEY_REJECTED, UNREACHABLE, PROTOCOL, SERVER_CLOSED }

    public static final String KEY_REJECTED_MESSAGE =
            "OPENAI_API_KEY rejected by the OpenAI Realtime API: check the key in .env and that it has Realtime access";

    public static RealtimeFailure keyRejected() {
        return new RealtimeFailure(Kind.KEY_REJECTED, KEY_REJECTED_MESSAGE);
    }
}
