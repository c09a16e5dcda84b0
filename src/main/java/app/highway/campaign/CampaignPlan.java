package app.highway.campaign;

import app.highway.config.VoicemailPolicy;

/**
 * How a campaign dials: at most {@code callsPerSecond} (never above the bridge's {@code TWILIO_CALLS_PER_SECOND},
 * which calls placed by hand share), at most {@code maxConcurrent} of its calls at once, within {@code hours},
 * retrying by {@code retries}; {@code voicemail}: what its calls do when a machine answers (null: the bridge's
 * default for campaigns, {@code HIGHWAY_CAMPAIGN_VOICEMAIL}).
 */
public record CampaignPlan(String name, double callsPerSecond, int maxConcurrent, CallingHours hours,
        RetryPolicy retries, VoicemailPolicy voicemail) {

    /** A plan whose calls follow the bridge's default voicemail policy for campaigns. */
    public CampaignPlan(String name, double callsPerSecond, int maxConcurrent, CallingHours hours,
            RetryPolicy retries) {
        this(name, callsPerSecond, maxConcurrent, hours, retries, null);
    }

    public static final int DEFAULT_MAX_CONCURRENT = 5;
    public static final int MAX_CONCURRENT_LIMIT = 200;

    public CampaignPlan {
        name = name == null || name.isBlank() ? "Campaign" : name.strip();
        if (name.length() > 200) {
            throw new IllegalArgumentException("the name is longer than 200 characters");
        }
        if (!(callsPerSecond > 0)) {
            throw new IllegalArgumentException("callsPerSecond must be above 0");
        }
        if (maxConcurrent < 1 || maxConcurrent > MAX_CONCURRENT_LIMIT) {
            throw new IllegalArgumentException("maxConcurrent must be 1 to " + MAX_CONCURRENT_LIMIT + ", got "
                    + maxConcurrent);
        }
    }
}
