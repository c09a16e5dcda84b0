package app.highway.config;

import java.time.Duration;

/**
 * One call's answering-machine handling: the {@code policy}, the callback {@code message} left after the beep
 * (never the code), and Twilio's {@code MachineDetectionTimeout}, after which Twilio answers {@code unknown}.
 */
public record Voicemail(VoicemailPolicy policy, String message, int timeoutSeconds) {
    /** No detection: the call goes as it always did. */
    public static final Voicemail OFF = new Voicemail(VoicemailPolicy.OFF, "", VoicemailSettings.DEFAULT_TIMEOUT_SECONDS);
    /** How long past Twilio's own timeout the bridge waits for the verdict before it ends the call. */
    public static final Duration VERDICT_GRACE = Duration.ofSeconds(10);

    public Voicemail {
        if (policy == null) {
            policy = VoicemailPolicy.OFF;
        }
        message = message == null ? "" : message.strip();
    }

    public boolean detects() {
        return policy.detects();
    }

    /** How long after the caller's stream starts the bridge waits for Twilio's verdict. */
    public Duration verdictWait() {
        return Duration.ofSeconds(timeoutSeconds).plus(VERDICT_GRACE);
    }

    /** The same handling with another message (a campaign row's variables filled in). */
    public Voicemail withMessage(String text) {
        return new Voicemail(policy, text, timeoutSeconds);
    }
}
