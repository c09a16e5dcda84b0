package app.highway.campaign;

import java.time.Instant;

/**
 * A campaign as stored: who created it ({@code owner}, the user name its calls are placed as), how it dials,
 * its state and times; {@code rows} in the list, {@code skipped} of them bad.
 */
public record CampaignRecord(String id, String owner, CampaignPlan plan, CampaignState state, Instant createdAt,
        Instant startedAt, Instant endedAt, int rows, int skipped) {

    CampaignRecord withState(CampaignState next, Instant at) {
        Instant started = startedAt == null && next == CampaignState.RUNNING ? at : startedAt;
        Instant ended = next.isFinal() ? at : endedAt;
        return new CampaignRecord(id, owner, plan, next, createdAt, started, ended, rows, skipped);
    }
}
