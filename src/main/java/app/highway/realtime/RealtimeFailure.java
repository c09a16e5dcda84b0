package app.highway.realtime;

/** Why a model socket could not be used, in words an operator understands. */
public record RealtimeFailure(Kind kind, String message) {
    public enum Kind { KEY_REJECTED, UNREACHABLE, PROTOCOL, SERVER_CLOSED }

    public static final String KEY_REJECTED_MESSAGE =
            "OPENAI_API_KEY rejected by the OpenAI Realtime API: check the key in .env and that it has Realtime access";
    public static final String LIVE_KEY_REJECTED_MESSAGE = "OPENAI_API_KEY has no GPT-Live access: GPT-Live is in "
            + "limited access (OpenAI's early-access program); choose a gpt-realtime model or use an enrolled key";

    public static RealtimeFailure keyRejected() {
        return new RealtimeFailure(Kind.KEY_REJECTED, KEY_REJECTED_MESSAGE);
    }

    /** A key the GPT-Live API refused (HTTP 401/403 on the upgrade, or its error event). */
    public static RealtimeFailure liveKeyRejected() {
        return new RealtimeFailure(Kind.KEY_REJECTED, LIVE_KEY_REJECTED_MESSAGE);
    }
}
