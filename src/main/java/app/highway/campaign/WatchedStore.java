package app.highway.campaign;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A {@link CampaignStore} that says which campaign each write was about, once it is written: every change of a
 * campaign's state or of a row's standing goes through the store, so this is where the consoles learn of it.
 */
final class WatchedStore implements CampaignStore {
    private final CampaignStore store;
    private final Consumer<String> changed;

    WatchedStore(CampaignStore store, Consumer<String> changed) {
        this.store = store;
        this.changed = changed;
    }

    @Override
    public void create(CampaignRecord campaign, List<CampaignRow> rows, List<RowProblem> skipped) {
        store.create(campaign, rows, skipped);
        changed.accept(campaign.id());
    }

    @Override
    public List<CampaignRecord> campaigns() {
        return store.campaigns();
    }

    @Override
    public Optional<CampaignRecord> campaign(String id) {
        return store.campaign(id);
    }

    @Override
    public List<StoredRow> rows(String campaignId) {
        return store.rows(campaignId);
    }

    @Override
    public List<Attempt> attempts(String campaignId) {
        return store.attempts(campaignId);
    }

    @Override
    public void setState(String campaignId, CampaignState state, Instant at) {
        store.setState(campaignId, state, at);
        changed.accept(campaignId);
    }

    @Override
    public void beginAttempt(Attempt attempt) {
        store.beginAttempt(attempt);
        changed.accept(attempt.campaignId());
    }

    @Override
    public void placedAttempt(Attempt attempt) {
        store.placedAttempt(attempt);
        changed.accept(attempt.campaignId());
    }

    @Override
    public void finishAttempt(Attempt attempt, RowProgress row) {
        store.finishAttempt(attempt, row);
        changed.accept(attempt.campaignId());
    }

    @Override
    public void saveRow(String campaignId, RowProgress row) {
        store.saveRow(campaignId, row);
        changed.accept(campaignId);
    }
}
