package app.highway.call;

/** The words used for {@code endReason}; a reason may carry detail after a colon. */
public final class EndReason {
    public static final String ASSISTANT_HUNG_UP = "assistant_hung_up";
    public static final String CALLER_HUNG_UP = "caller_hung_up";
    public static final String OPERATOR_HUNG_UP = "operator_hung_up";
    public static final String MAX_DURATION = "max_duration";
    public static final String RING_TIMEOUT = "ring_timeout";
    public static final String NO_ANSWER = "no_answer";
    public static final String BUSY = "busy";
    public static final String CANCELED = "canceled";
    public static final String CARRIER_FAILED = "carrier_failed";
    public static final String MODEL_DISCONNECTED = "model_disconnected";
    public static final String MODEL_SETUP_FAILED = "model_setup_failed";
    public static final String MODEL_ERROR = "model_error";
    public static final String OPENAI_KEY_REJECTED = "openai_key_rejected";
    public static final String MEDIA_STREAM_LOST = "media_stream_lost";
    public static final String TWILIO_REJECTED = "twilio_rejected";
    public static final String SHUTDOWN = "bridge_shutdown";
    public static final String BRIDGE_RESTARTED = "bridge_restarted";
    /**
     * The bridge that placed the call stopped renewing its lease in a shared database (killed, or cut
     * off from it) and another bridge ended the call; the lost bridge's id follows the colon.
     */
    public static final String BRIDGE_LOST = "bridge_lost";
    /** A supervisor transferred the call to a person: Twilio dialled them, the assistant left the call. */
    public static final String TRANSFERRED = "transferred";
    /**
     * Twilio's answering-machine detection said a machine answered; its verdict follows the colon
     * ({@code voicemail:machine_end_beep}). The callback message was left, or the call hung up, by the policy.
     */
    public static final String VOICEMAIL = "voicemail";
    /** A fax machine answered: hung up at once. */
    public static final String FAX = "fax";
    /** The caller pressed the keypad's "it was not me" key. */
    public static final String NOT_ME = "not_me";
    /**
     * Detection was asked for but Twilio's verdict never came: the call was ended without reading the code
     * (it cannot be told apart from a machine).
     */
    public static final String NO_MACHINE_VERDICT = "no_machine_verdict";

    private EndReason() {
    }

    /** The reason the carrier's final state implies when nothing else ended the call first. */
    public static String forFinalState(CallState state) {
        return switch (state) {
            case BUSY -> BUSY;
            case NO_ANSWER -> NO_ANSWER;
            case FAILED -> CARRIER_FAILED;
            case CANCELED -> CANCELED;
            default -> CALLER_HUNG_UP;
        };
    }
}
