package app.highway.config;

import java.util.Locale;
import java.util.Map;

/**
 * Who may run campaigns besides supervisors and admins: with {@code HIGHWAY_AGENT_CAMPAIGNS=true}, agents may
 * create and run their own (never another's). Off by default.
 */
public record CampaignSettings(boolean agentCampaigns) {
    public static final CampaignSettings DEFAULT = new CampaignSettings(false);

    static CampaignSettings from(Map<String, String> env) {
        String v = env.get("HIGHWAY_AGENT_CAMPAIGNS");
        if (v == null || v.isBlank()) {
            return DEFAULT;
        }
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> new CampaignSettings(true);
            case "false", "no", "0" -> DEFAULT;
            default -> throw new ConfigException("HIGHWAY_AGENT_CAMPAIGNS must be true or false, got: " + v);
        };
    }
}
