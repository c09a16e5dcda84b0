package app.highway.config;

import java.util.Map;

/**
 * Answering-machine detection, bridge-wide: the policy of single calls ({@code HIGHWAY_VOICEMAIL}, default
 * {@code off}), the default of campaigns ({@code HIGHWAY_CAMPAIGN_VOICEMAIL}, default {@code message}; a campaign
 * may choose its own), the callback message left on a machine ({@code HIGHWAY_VOICEMAIL_MESSAGE}; a campaign
 * row's {@code {{variables}}} are filled in) and Twilio's detection timeout
 * ({@code HIGHWAY_VOICEMAIL_TIMEOUT_SECONDS}, 3 to 59, default 30).
 */
public record VoicemailSettings(VoicemailPolicy singleCalls, VoicemailPolicy campaigns, String message,
        int timeoutSeconds) {
    public static final String DEFAULT_MESSAGE = "Hello, this is Olive Financial calling about your account "
            + "verification. Please call us back at your convenience. Thank you, goodbye.";
    public static final int DEFAULT_TIMEOUT_SECONDS = 30;
    public static final VoicemailSettings DEFAULT = new VoicemailSettings(VoicemailPolicy.OFF, VoicemailPolicy.MESSAGE,
            DEFAULT_MESSAGE, DEFAULT_TIMEOUT_SECONDS);
    static final int MAX_MESSAGE = 500;

    public VoicemailSettings {
        if (message == null || message.isBlank()) {
            throw new ConfigException("HIGHWAY_VOICEMAIL_MESSAGE must not be empty");
        }
        message = message.strip();
        if (message.length() > MAX_MESSAGE) {
            throw new ConfigException("HIGHWAY_VOICEMAIL_MESSAGE is longer than " + MAX_MESSAGE + " characters");
        }
        if (message.contains("{code}")) {
            throw new ConfigException("HIGHWAY_VOICEMAIL_MESSAGE must not contain {code}: a verification code is "
                    + "never left on an answering machine");
        }
        if (timeoutSeconds < 3 || timeoutSeconds > 59) {
            throw new ConfigException("HIGHWAY_VOICEMAIL_TIMEOUT_SECONDS must be 3 to 59, got " + timeoutSeconds);
        }
    }

    static VoicemailSettings from(Map<String, String> env) {
        return new VoicemailSettings(policy(env, "HIGHWAY_VOICEMAIL", DEFAULT.singleCalls()),
                policy(env, "HIGHWAY_CAMPAIGN_VOICEMAIL", DEFAULT.campaigns()),
                blankOr(env.get("HIGHWAY_VOICEMAIL_MESSAGE"), DEFAULT_MESSAGE),
                timeout(env.get("HIGHWAY_VOICEMAIL_TIMEOUT_SECONDS")));
    }

    /** What a call placed by hand (console, API) does. */
    public Voicemail singleCall() {
        return new Voicemail(singleCalls, message, timeoutSeconds);
    }

    /** What a campaign's call does: the campaign's own policy, or ({@code null}) the bridge's default for campaigns. */
    public Voicemail campaign(VoicemailPolicy own) {
        return new Voicemail(own == null ? campaigns : own, message, timeoutSeconds);
    }

    private static VoicemailPolicy policy(Map<String, String> env, String key, VoicemailPolicy fallback) {
        String v = env.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        return VoicemailPolicy.fromWire(v).orElseThrow(() -> new ConfigException(key + " must be "
                + VoicemailPolicy.choices() + ", got: " + v));
    }

    private static String blankOr(String v, String fallback) {
        return v == null || v.isBlank() ? fallback : v;
    }

    private static int timeout(String v) {
        if (v == null || v.isBlank()) {
            return DEFAULT_TIMEOUT_SECONDS;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new ConfigException("HIGHWAY_VOICEMAIL_TIMEOUT_SECONDS must be a whole number of seconds, got: " + v);
        }
    }
}
