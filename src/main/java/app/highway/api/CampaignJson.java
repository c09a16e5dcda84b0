package app.highway.api;

import app.highway.campaign.CampaignPlan;
import app.highway.campaign.CampaignProgress;
import app.highway.campaign.CampaignRecord;
import app.highway.campaign.CampaignResults;
import app.highway.campaign.Outcome;
import java.util.LinkedHashMap;
import java.util.Map;

/** How campaigns look in the API's JSON: plain words for states, days and outcomes, the plan spelled out. */
public final class CampaignJson {
    private CampaignJson() {
    }

    public static Map<String, Object> record(CampaignRecord c) {
        CampaignPlan plan = c.plan();
        Map<String, Object> hours = new LinkedHashMap<>();
        hours.put("anyTime", plan.hours().anyTime());
        hours.put("start", plan.hours().start().toString());
        hours.put("end", plan.hours().anyTime() ? "24:00" : plan.hours().end().toString());
        hours.put("days", plan.hours().dayNames());
        hours.put("timeZone", plan.hours().zone().getId());
        Map<String, Object> retry = new LinkedHashMap<>();
        retry.put("maxAttempts", plan.retries().maxAttempts());
        retry.put("delaySeconds", plan.retries().delay().toSeconds());
        retry.put("on", plan.retries().retryOn().stream().sorted().map(Outcome::wire).toList());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", plan.name());
        m.put("owner", c.owner());
        m.put("state", c.state().wire());
        m.put("rows", c.rows());
        m.put("skipped", c.skipped());
        m.put("callsPerSecond", plan.callsPerSecond());
        m.put("maxConcurrent", plan.maxConcurrent());
        m.put("hours", hours);
        m.put("retry", retry);
        // null: the bridge's default for campaigns (HIGHWAY_CAMPAIGN_VOICEMAIL)
        m.put("voicemail", plan.voicemail() == null ? null : plan.voicemail().wire());
        m.put("createdAt", c.createdAt());
        m.put("startedAt", c.startedAt());
        m.put("endedAt", c.endedAt());
        return m;
    }

    public static Map<String, Object> progress(CampaignProgress p) {
        Map<String, Object> m = new LinkedHashMap<>(record(p.campaign()));
        m.put("states", p.states());
        m.put("outcomes", p.outcomes());
        m.put("remaining", p.remaining());
        m.put("estimatedSecondsLeft", p.estimatedSecondsLeft());
        m.put("waitingUntil", p.waitingUntil());
        m.put("rowsDetail", p.rows());
        return m;
    }

    public static Map<String, Object> results(CampaignResults r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("campaign", record(r.campaign()));
        m.put("rows", r.rows());
        return m;
    }
}
