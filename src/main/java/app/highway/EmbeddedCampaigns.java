package app.highway;

import app.highway.api.CampaignJson;
import app.highway.campaign.CampaignImport;
import app.highway.campaign.CampaignProgress;
import app.highway.campaign.CampaignRecord;
import app.highway.campaign.CampaignResults;
import app.highway.campaign.Campaigns;
import app.highway.campaign.Preview;
import app.highway.remote.LiveCalls;
import app.highway.team.Actor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The embedded console's campaigns: the bridge's own {@link Campaigns}, acting as {@code actor} (the owner), so
 * that the rules and the audit are the API's. Changes are learnt as a remote console learns them, from the
 * bridge's {@code /events} stream on loopback ({@code campaigns_changed}), one code path for both.
 */
final class EmbeddedCampaigns implements ConsoleServices.CampaignDesk {
    private final Campaigns campaigns;
    private final Actor actor;
    private final LiveCalls live;
    private final ObjectMapper json;

    EmbeddedCampaigns(Campaigns campaigns, Actor actor, LiveCalls live, ObjectMapper json) {
        this.campaigns = campaigns;
        this.actor = actor;
        this.live = live;
        this.json = json;
    }

    @Override
    public boolean available() {
        return campaigns.mayRunCampaigns(actor);
    }

    @Override
    public Preview preview(ConsoleServices.CampaignList list) {
        return campaigns.preview(actor, CampaignImport.csv(list.csv()), list.mapping(), list.plan());
    }

    @Override
    public Campaigns.Created create(ConsoleServices.CampaignList list) {
        return campaigns.create(actor, CampaignImport.csv(list.csv()), list.mapping(), list.plan());
    }

    @Override
    public List<CampaignRecord> list() {
        return campaigns.list(actor);
    }

    @Override
    public CampaignProgress progress(String id) {
        try {
            return campaigns.progress(actor, id);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading campaign " + id, e);
        }
    }

    @Override
    public CampaignRecord control(String id, ConsoleServices.CampaignAction action) {
        return switch (action) {
            case START -> campaigns.start(actor, id, false);
            case TEST -> campaigns.start(actor, id, true);
            case PAUSE -> campaigns.pause(actor, id);
            case RESUME -> campaigns.resume(actor, id);
            case CANCEL -> campaigns.cancel(actor, id);
        };
    }

    @Override
    public Campaigns.Requeued requeue(String id) {
        return campaigns.requeue(actor, id);
    }

    @Override
    public String results(String id, ConsoleServices.ResultFormat format) {
        CampaignResults results = campaigns.results(actor, id, false);
        if (format == ConsoleServices.ResultFormat.CSV) {
            return results.csv();
        }
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(CampaignJson.results(results));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public AutoCloseable watch(Consumer<List<String>> changed) {
        return live.watchCampaigns(changed);
    }
}
