package app.highway.api;

import app.highway.campaign.CampaignInputException;
import app.highway.campaign.CampaignRecord;
import app.highway.campaign.CampaignResults;
import app.highway.campaign.Campaigns;
import app.highway.team.Actor;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Campaigns over HTTP: {@code POST /campaigns} (a CSV or JSON list: created ready with its preview, or only
 * previewed with {@code dryRun=true}), {@code POST /campaigns/{id}/start|pause|resume|cancel}, {@code GET
 * /campaigns}, {@code GET /campaigns/{id}} (progress) and {@code GET /campaigns/{id}/results?format=csv|json}.
 * The rules (who may, which state allows what) are {@link Campaigns}'; everything runs on the worker pool.
 */
final class CampaignRoutes {
    /** A list of 10,000 rows with a few variables fits. */
    static final long MAX_LIST_BYTES = 4L * 1024 * 1024;

    private final Campaigns campaigns;
    private final ObjectMapper json;
    private final Replies replies;
    private final double bridgeCallsPerSecond;

    CampaignRoutes(Campaigns campaigns, ObjectMapper json, Replies replies, double bridgeCallsPerSecond) {
        this.campaigns = campaigns;
        this.json = json;
        this.replies = replies;
        this.bridgeCallsPerSecond = bridgeCallsPerSecond;
    }

    void create(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
        boolean csv = t.startsWith("text/csv");
        if (!csv && !t.startsWith("application/json")) {
            throw new BadRequest(415, "unsupported_media_type", "Send the list as text/csv (mapping and plan in the "
                    + "query) or as application/json");
        }
        byte[] body = Requests.body(ctx).getBytes();
        Function<String, String> query = Requests.queryParams(ctx);
        Actor actor = Access.actor(ctx);
        replies.blocking(ctx, () -> {
            CampaignRequest request;
            try {
                request = csv ? CampaignRequest.csv(body, query, bridgeCallsPerSecond)
                        : CampaignRequest.json(body, query, json, bridgeCallsPerSecond);
                if (request.dryRun()) {
                    return replies.jsonReply(200, Map.of("preview",
                            campaigns.preview(actor, request.list(), request.mapping(), request.plan())));
                }
                Campaigns.Created created = campaigns.create(actor, request.list(), request.mapping(),
                        request.plan());
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("campaign", CampaignJson.record(created.campaign()));
                answer.put("preview", created.preview());
                return replies.jsonReply(201, answer);
            } catch (CampaignInputException e) {
                return replies.jsonReply(400, ApiError.of(e.error(), e.getMessage()));
            }
        });
    }

    void start(RoutingContext ctx) {
        boolean test = "true".equals(Requests.queryParams(ctx).apply("test"));
        control(ctx, (actor, id) -> campaigns.start(actor, id, test));
    }

    void pause(RoutingContext ctx) {
        control(ctx, campaigns::pause);
    }

    void resume(RoutingContext ctx) {
        control(ctx, campaigns::resume);
    }

    void cancel(RoutingContext ctx) {
        control(ctx, campaigns::cancel);
    }

    /** {@code POST /campaigns/{id}/requeue}: the rows left {@code needs_review} are dialled again. */
    void requeue(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Actor actor = Access.actor(ctx);
        replies.blocking(ctx, () -> {
            Campaigns.Requeued done = campaigns.requeue(actor, id);
            Map<String, Object> answer = new LinkedHashMap<>(CampaignJson.record(done.campaign()));
            answer.put("requeued", done.rows());
            return replies.jsonReply(200, answer);
        });
    }

    private interface Control {
        CampaignRecord apply(Actor actor, String id);
    }

    private void control(RoutingContext ctx, Control control) {
        String id = ctx.pathParam("id");
        Actor actor = Access.actor(ctx);
        replies.blocking(ctx, () -> replies.jsonReply(200, CampaignJson.record(control.apply(actor, id))));
    }

    void list(RoutingContext ctx) {
        Actor actor = Access.actor(ctx);
        replies.blocking(ctx, () -> replies.jsonReply(200, Map.of("campaigns",
                campaigns.list(actor).stream().map(CampaignJson::record).toList())));
    }

    void progress(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Actor actor = Access.actor(ctx);
        replies.blocking(ctx, () -> replies.jsonReply(200, CampaignJson.progress(campaigns.progress(actor, id))));
    }

    /** {@code format=csv} (default json); {@code unmasked=true} (admins) shows whole numbers. */
    void results(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Actor actor = Access.actor(ctx);
        Function<String, String> query = Requests.queryParams(ctx);
        String format = query.apply("format") == null ? "json" : query.apply("format").toLowerCase(Locale.ROOT);
        if (!format.equals("json") && !format.equals("csv")) {
            throw new BadRequest("invalid_query", "format is csv or json");
        }
        boolean unmasked = "true".equals(query.apply("unmasked"));
        replies.blocking(ctx, () -> {
            CampaignResults results = campaigns.results(actor, id, unmasked);
            if (format.equals("csv")) {
                return new Reply(200, "text/csv; charset=utf-8",
                        Buffer.buffer(results.csv().getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Disposition", "attachment; filename=\"" + id + ".csv\"");
            }
            return replies.jsonReply(200, CampaignJson.results(results));
        });
    }
}
