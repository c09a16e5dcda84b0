package app.highway.twilio;

/**
 * One call to place: who to ring, the TwiML to run when answered, and the limits. {@code machineDetection}:
 * Twilio's {@code MachineDetection} mode ({@link #DETECT_MESSAGE_END} or {@link #DETECT_ENABLE}), or null for
 * none; with it, detection runs asynchronously ({@code AsyncAmd=true}) and its verdict is posted to
 * {@code amdCallbackUrl}, Twilio giving up ({@code unknown}) after {@code machineDetectionTimeoutSeconds}.
 */
public record OutboundCall(
        String to,
        String from,
        String twiml,
        String statusCallbackUrl,
        int ringTimeoutSeconds,
        int timeLimitSeconds,
        String callId,
        String streamToken,
        String machineDetection,
        String amdCallbackUrl,
        int machineDetectionTimeoutSeconds) {
    /** The verdict on a machine comes once its greeting ended (the beep): the time to leave a message. */
    public static final String DETECT_MESSAGE_END = "DetectMessageEnd";
    /** The verdict comes as soon as Twilio can tell: the quickest, for hanging up on machines. */
    public static final String DETECT_ENABLE = "Enable";

    /** A call without answering-machine detection. */
    public OutboundCall(String to, String from, String twiml, String statusCallbackUrl, int ringTimeoutSeconds,
            int timeLimitSeconds, String callId, String streamToken) {
        this(to, from, twiml, statusCallbackUrl, ringTimeoutSeconds, timeLimitSeconds, callId, streamToken, null,
                null, 0);
    }

    public boolean detectsMachines() {
        return machineDetection != null;
    }
}
