package app.highway.api;

import app.highway.call.CallSnapshot;
import app.highway.control.CallControls;
import app.highway.store.CallExport;
import app.highway.store.CallHistory;
import app.highway.store.CallPage;
import app.highway.store.CallQuery;
import app.highway.team.Actor;
import app.highway.team.Refusal;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of calls, from the store: {@code GET /calls} (a page), the CSV and JSON exports (every
 * page), and {@code GET}/{@code DELETE /calls/{id}}. Everything here reads or writes the store, so it
 * all runs on the worker pool. An agent sees only the calls they placed; lists are narrowed to them.
 */
final class HistoryRoutes {
    // the API logs under one name, whichever of its classes writes the line
    private static final Logger log = LoggerFactory.getLogger(HistoryRoutes.class);

    private final CallHistory history;
    private final CallControls controls;
    private final ObjectMapper json;
    private final Replies replies;

    HistoryRoutes(CallHistory history, CallControls controls, ObjectMapper json, Replies replies) {
        this.history = history;
        this.controls = controls;
        this.json = json;
        this.replies = replies;
    }

    /**
     * What {@code actor} may list: an agent's own calls (without {@code placedBy}, the query is narrowed to
     * them; with another person's, 403), anyone's for a supervisor.
     */
    static CallQuery visibleTo(Actor actor, CallQuery query) {
        if (actor.maySupervise()) {
            return query;
        }
        if (query.placedBy() != null && !query.placedBy().equals(actor.user())) {
            throw Refusal.forbidden("An agent sees only the calls they placed: leave placedBy out, or ask for "
                    + "placedBy=" + actor.user() + " (" + actor.describe() + " asked for " + query.placedBy() + ")");
        }
        return query.placedBy(actor.user());
    }

    private static CallQuery query(RoutingContext ctx, int defaultLimit) {
        return visibleTo(Access.actor(ctx), HistoryQuery.from(Requests.queryParams(ctx), defaultLimit));
    }

    void listCalls(RoutingContext ctx) {
        CallQuery query = query(ctx, 100);
        replies.blocking(ctx, () -> {
            CallPage page = history.list(query);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("calls", page.calls());
            body.put("nextCursor", page.nextCursor());
            return replies.jsonReply(200, body);
        });
    }

    /** Every call matching the filters (all pages), for a spreadsheet; numbers masked unless maskNumbers=false. */
    void exportCsv(RoutingContext ctx) {
        CallQuery query = query(ctx, CallQuery.MAX_LIMIT);
        boolean mask = !"false".equals(Requests.queryParams(ctx).apply("maskNumbers"));
        replies.blocking(ctx, () -> new Reply(200, "text/csv; charset=utf-8",
                Buffer.buffer(CallExport.csv(exportAll(query), mask)))
                .header("Content-Disposition", "attachment; filename=\"highway-calls.csv\""));
    }

    void exportJson(RoutingContext ctx) {
        CallQuery query = query(ctx, CallQuery.MAX_LIMIT);
        boolean mask = !"false".equals(Requests.queryParams(ctx).apply("maskNumbers"));
        replies.blocking(ctx, () -> new Reply(200, Replies.JSON,
                Buffer.buffer(CallExport.json(json, exportAll(query), mask)))
                .header("Content-Disposition", "attachment; filename=\"highway-calls.json\""));
    }

    private List<CallSnapshot> exportAll(CallQuery query) {
        List<CallSnapshot> all = new ArrayList<>();
        String cursor = null;
        do {
            CallPage page = history.list(query.page(CallQuery.MAX_LIMIT, cursor));
            all.addAll(page.calls());
            cursor = page.nextCursor();
        } while (cursor != null && all.size() < 100_000);
        return all;
    }

    /** A call, live or past: an agent's own (another's: 403), anyone's for a supervisor. */
    void getCall(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Actor actor = Access.actor(ctx);
        replies.blocking(ctx, () -> {
            Optional<CallSnapshot> call = history.find(id);
            if (call.isEmpty()) {
                return replies.jsonReply(404, ApiError.of("not_found", "No call " + id));
            }
            if (!actor.maySee(call.get().placedBy())) {
                throw Refusal.forbidden("Call " + call.get().id() + " was placed by " + call.get().placedBy() + ": "
                        + actor.describe() + " sees only the calls they placed");
            }
            return replies.jsonReply(200, call.get());
        });
    }

    /** Deletes a finished call's record: supervisors and admins (agents: 403). */
    void deleteCall(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Actor actor = Access.actor(ctx);
        replies.blocking(ctx, () -> switch (controls.delete(actor, id)) {
            case DELETED -> {
                log.info("Deleted the record of call {} on request", id);
                yield Reply.empty(204);
            }
            case STILL_LIVE -> replies.jsonReply(409, ApiError.of("still_live",
                    "The call is still live: hang it up first"));
            default -> replies.jsonReply(404, ApiError.of("not_found", "No call " + id));
        });
    }
}
