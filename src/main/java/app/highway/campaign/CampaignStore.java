package app.highway.campaign;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where campaigns, their rows and every attempt are kept (the bridge's database). Each method is one
 * transaction and may block; the runner calls it off the relay loop. An attempt is written
 * ({@link #beginAttempt}) before Twilio is asked to ring, so that a restart never dials a row twice.
 */
public interface CampaignStore {
    /** A new campaign: its good rows pending, its bad ones skipped with their reason. */
    void create(CampaignRecord campaign, List<CampaignRow> rows, List<RowProblem> skipped);

    /** Newest first. */
    List<CampaignRecord> campaigns();

    Optional<CampaignRecord> campaign(String id);

    /** In line order. */
    List<StoredRow> rows(String campaignId);

    /** Every attempt of the campaign, by line then number. */
    List<Attempt> attempts(String campaignId);

    void setState(String campaignId, CampaignState state, Instant at);

    /** Inserts the attempt as {@code dialling}. */
    void beginAttempt(Attempt attempt);

    /** Twilio gave the attempt its CallSid. */
    void placedAttempt(Attempt attempt);

    /** The attempt ended, and its row stands as {@code row}, in one transaction. */
    void finishAttempt(Attempt attempt, RowProgress row);

    /** A row's standing changed without an attempt ending (waiting for hours, canceled). */
    void saveRow(String campaignId, RowProgress row);
}
